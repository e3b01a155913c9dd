import type { Sharp } from 'sharp';
import { MAX_IMAGE_PIXELS, type ImageProcessor, type ImageVariantSpec, type RenderResult, type RenderedVariant } from '@ticketbooth/core';

const QUALITY = { webp: 80, jpeg: 82 } as const;

/**
 * Variants with sharp (libvips). The header's claimed size is checked before any pixel is decoded,
 * and libvips' own limitInputPixels stops a decoder that finds more; each variant is a full decode,
 * so a file that only looks like an image fails here. sharp writes no metadata unless asked, so
 * EXIF (GPS, camera serials), XMP and comments are gone; the EXIF orientation is applied first.
 */
export function createSharpImageProcessor(options: { maxPixels?: number } = {}): ImageProcessor {
  const maxPixels = options.maxPixels ?? MAX_IMAGE_PIXELS;
  // Loaded by the first upload, so a process that never takes one (most API Lambda instances) never
  // loads the native library: a bundler would hoist a static import to the start.
  let loaded: Promise<(bytes: Uint8Array) => Sharp> | undefined;
  const opener = () =>
    (loaded ??= import('sharp').then(({ default: sharp }) => {
      // A Lambda instance or a shared machine should not keep decoded images around between uploads.
      sharp.cache(false);
      return (bytes: Uint8Array) => sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error', animated: false });
    }));

  const renderOne = async (open: (bytes: Uint8Array) => Sharp, bytes: Uint8Array, spec: ImageVariantSpec): Promise<RenderedVariant> => {
    const pipeline = open(bytes).rotate().resize(spec.width, spec.height, { fit: 'cover', position: 'centre' });
    const encoded = spec.format === 'webp' ? pipeline.webp({ quality: QUALITY.webp }) : pipeline.jpeg({ quality: QUALITY.jpeg, mozjpeg: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { spec, bytes: new Uint8Array(data), width: info.width, height: info.height };
  };

  const refusal = (error: unknown): RenderResult =>
    ({ ok: false, reason: error instanceof Error && /pixel limit/i.test(error.message) ? 'too_many_pixels' : 'undecodable' });

  return {
    async render(bytes, specs) {
      const open = await opener();
      try {
        // The header's claim first (libvips refuses one over the limit here already).
        const claimed = await open(bytes).metadata();
        if (!claimed.width || !claimed.height) return { ok: false, reason: 'undecodable' };
        if (claimed.width * claimed.height > maxPixels) return { ok: false, reason: 'too_many_pixels' };
        const variants: RenderedVariant[] = [];
        // One at a time: a 40-megapixel decode is large, and four at once would be four times that.
        for (const spec of specs) variants.push(await renderOne(open, bytes, spec));
        return { ok: true, variants };
      } catch (error) {
        return refusal(error);
      }
    },
  };
}
