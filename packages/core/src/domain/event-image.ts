/** The sizes an event's cover image is rendered in, each for one place it is shown. */
export type ImageVariantKind = 'card' | 'page' | 'pdf' | 'share';
export type ImageOutputFormat = 'webp' | 'jpeg';

export interface ImageVariantSpec {
  kind: ImageVariantKind;
  width: number;
  height: number;
  format: ImageOutputFormat;
}

/**
 * Cards and the event page share one 16:9 crop so the browser can pick either from one srcset;
 * the PDF takes JPEG (pdfkit reads no WebP); the share image is the 1200x630 that link previews expect.
 */
export const IMAGE_VARIANTS: readonly ImageVariantSpec[] = [
  { kind: 'card', width: 640, height: 360, format: 'webp' },
  { kind: 'page', width: 1280, height: 720, format: 'webp' },
  { kind: 'pdf', width: 960, height: 540, format: 'jpeg' },
  { kind: 'share', width: 1200, height: 630, format: 'jpeg' },
];

export interface StoredImageVariant {
  kind: ImageVariantKind;
  /** Where the variant is in the image store; it never changes once written (a new image gets new keys). */
  key: string;
  width: number;
  height: number;
  contentType: string;
}

export interface EventImage {
  /** Random per upload: part of every key, so a replaced image gets new URLs and caches never go stale. */
  version: string;
  /** null: the event's name describes it. */
  alt: string | null;
  variants: StoredImageVariant[];
}

/** The image store serves its keys under this path in both homes (the Node server, CloudFront). */
export const IMAGE_URL_PREFIX = '/images/';

/**
 * Where a blob store serving images through a CDN keeps them: /images/<key> is the object
 * images/<key>, so the URL's path is the object's key (the AWS home; the stack grants this prefix only).
 */
export const IMAGE_KEY_PREFIX = IMAGE_URL_PREFIX.slice(1);

/** A variant's URL carries its upload's version, so its bytes never change: caches may keep it a year. */
export const IMAGE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export const imageUrl = (key: string): string => `${IMAGE_URL_PREFIX}${key}`;

export const imageVariantKey = (eventId: string, version: string, spec: ImageVariantSpec): string =>
  `events/${eventId}/${version}/${spec.kind}.${spec.format === 'jpeg' ? 'jpg' : 'webp'}`;

export const contentTypeOf = (format: ImageOutputFormat): string => (format === 'jpeg' ? 'image/jpeg' : 'image/webp');

export function variantOf(image: EventImage, kind: ImageVariantKind): StoredImageVariant | undefined {
  return image.variants.find((v) => v.kind === kind);
}
