import type { TicketEvent } from '../api/shapes.js';

type Image = NonNullable<TicketEvent['image']>;

/** Cards and the event page share one 16:9 crop in two widths: the browser picks by the space it has. */
const SRCSET_KINDS = new Set(['card', 'page']);

/**
 * An event's cover image with its srcset, intrinsic size (no layout shift) and lazy loading;
 * `sizes` says how wide it is shown. Nothing when the event has none.
 */
export function EventImage({ image, sizes, eager = false, className }: { image: Image | null | undefined; sizes: string; eager?: boolean; className?: string }) {
  if (!image) return null;
  const sources = image.variants.filter((v) => SRCSET_KINDS.has(v.kind));
  return (
    <img
      className={className ? `event-image ${className}` : 'event-image'}
      src={image.url}
      srcSet={sources.map((v) => `${v.url} ${v.width}w`).join(', ')}
      sizes={sizes}
      width={image.width}
      height={image.height}
      alt={image.alt}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
    />
  );
}
