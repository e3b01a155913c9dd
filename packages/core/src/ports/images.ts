import type { ImageVariantSpec } from '../domain/event-image.js';

export interface RenderedVariant {
  spec: ImageVariantSpec;
  bytes: Uint8Array;
  width: number;
  height: number;
}

export type RenderResult = { ok: true; variants: RenderedVariant[] } | { ok: false; reason: 'undecodable' | 'too_many_pixels' };

/** Decodes an upload for real, drops its metadata (EXIF, GPS, XMP) and renders each variant. */
export interface ImageProcessor {
  render(bytes: Uint8Array, specs: readonly ImageVariantSpec[]): Promise<RenderResult>;
}

/** Where variants live in each home (files, S3); served publicly at imageUrl(key) with long caching. */
export interface ImageStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** null when there is no such image. */
  read(key: string): Promise<Uint8Array | null>;
  /** Removing a key that is not there is not an error. */
  remove(keys: string[]): Promise<void>;
}
