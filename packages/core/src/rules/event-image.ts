import type { EventStatus } from '../domain/event.js';

export type UploadFormat = 'jpeg' | 'png' | 'webp';

/** 5 MB: a phone photo fits; the HTTP layer stops reading past it. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** The most pixels an upload may decode to (a 50,000 x 50,000 "bomb" is 2.5 billion): about 40 megapixels. */
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_IMAGE_ALT_LENGTH = 300;

export const UPLOAD_CONTENT_TYPES: Readonly<Record<string, UploadFormat>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

const declaredFormat = (contentType: string | undefined): UploadFormat | undefined =>
  UPLOAD_CONTENT_TYPES[(contentType ?? '').split(';')[0]!.trim().toLowerCase()];

/** Whether the declared type is one we take: checked before the body is read at all. */
export const acceptsImageType = (contentType: string | undefined): boolean => declaredFormat(contentType) !== undefined;

/** The format the bytes themselves say they are (magic numbers), whatever the name or header claims. */
export function sniffImageFormat(bytes: Uint8Array): UploadFormat | null {
  const starts = (offset: number, ...expected: number[]) => expected.every((b, i) => bytes[offset + i] === b);
  if (starts(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  // RIFF....WEBP
  if (starts(0, 0x52, 0x49, 0x46, 0x46) && starts(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  return null;
}

export type UploadVerdict = { ok: true; format: UploadFormat } | { ok: false; reason: 'unsupported_type' | 'not_that_type' | 'empty' };

/**
 * An upload is taken when its declared type is JPEG, PNG or WebP and its bytes are that format;
 * an SVG, a renamed text file or a PNG sent as JPEG is not (the decode that follows checks the rest).
 */
export function checkImageUpload(contentType: string | undefined, bytes: Uint8Array): UploadVerdict {
  const declared = declaredFormat(contentType);
  if (!declared) return { ok: false, reason: 'unsupported_type' };
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  return sniffImageFormat(bytes) === declared ? { ok: true, format: declared } : { ok: false, reason: 'not_that_type' };
}

/** A cancelled event is frozen: its image stays as it was, like the rest of it. */
export const canChangeImage = (status: EventStatus): boolean => status !== 'cancelled';
