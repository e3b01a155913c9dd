import { describe, expect, it } from 'vitest';
import { acceptsImageType, canChangeImage, checkImageUpload, sniffImageFormat } from './event-image.js';

const bytes = (...values: number[]) => new Uint8Array([...values, ...new Array(16).fill(0)]);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const WEBP = bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50);
const text = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');

describe('event image uploads', () => {
  it('knows JPEG, PNG and WebP by their magic numbers, and nothing else', () => {
    expect([JPEG, PNG, WEBP, text, new Uint8Array()].map(sniffImageFormat)).toEqual(['jpeg', 'png', 'webp', null, null]);
    // RIFF alone is also WAV and AVI.
    expect(sniffImageFormat(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45))).toBeNull();
  });

  it('takes only image/jpeg, image/png and image/webp (any case, with parameters) before reading anything', () => {
    expect(['image/jpeg', 'IMAGE/PNG', 'image/webp; q=1'].map(acceptsImageType)).toEqual([true, true, true]);
    expect(['image/svg+xml', 'image/gif', 'application/octet-stream', 'text/plain', '', undefined].map(acceptsImageType)).toEqual([false, false, false, false, false, false]);
  });

  it('refuses bytes that are not the declared type: a renamed text file, an SVG, a PNG sent as JPEG, nothing at all', () => {
    expect(checkImageUpload('image/png', PNG)).toEqual({ ok: true, format: 'png' });
    expect(checkImageUpload('image/jpeg', text)).toEqual({ ok: false, reason: 'not_that_type' });
    expect(checkImageUpload('image/png', text)).toEqual({ ok: false, reason: 'not_that_type' });
    expect(checkImageUpload('image/jpeg', PNG)).toEqual({ ok: false, reason: 'not_that_type' });
    expect(checkImageUpload('image/svg+xml', text)).toEqual({ ok: false, reason: 'unsupported_type' });
    expect(checkImageUpload('image/webp', new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
  });

  it('freezes the image of a cancelled event, like the rest of it', () => {
    expect([canChangeImage('draft'), canChangeImage('published'), canChangeImage('cancelled')]).toEqual([true, true, false]);
  });
});
