import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { IMAGE_VARIANTS } from '@ticketbooth/core';
import { pngClaiming, sampleImage } from '@ticketbooth/testkit';
import { createSharpImageProcessor } from '../src/index.js';

const processor = createSharpImageProcessor();

describe('sharp image processor', () => {
  it('loads its native binary offline and renders every variant at its exact size and format, a portrait photo cropped to fill', async () => {
    const result = await processor.render(await sampleImage('png', { width: 900, height: 1600 }), IMAGE_VARIANTS);
    if (!result.ok) throw new Error(result.reason);
    for (const { spec, bytes, width, height } of result.variants) {
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height, width, height]).toEqual([spec.format, spec.width, spec.height, spec.width, spec.height]);
    }
  });

  it('writes no metadata: no EXIF (camera, GPS), no orientation tag left to apply twice', async () => {
    const photo = await sharp(await sampleImage('jpeg', { width: 400, height: 200, gps: true })).keepExif().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(photo).metadata()).orientation).toBe(6);
    const result = await processor.render(photo, IMAGE_VARIANTS);
    if (!result.ok) throw new Error(result.reason);
    for (const variant of result.variants) {
      const meta = await sharp(variant.bytes).metadata();
      expect([meta.exif, meta.xmp, meta.orientation], variant.spec.kind).toEqual([undefined, undefined, undefined]);
    }
  });

  it('refuses what does not decode, and a header claiming more pixels than the limit before decoding it', async () => {
    expect(await processor.render(new TextEncoder().encode('not an image'), IMAGE_VARIANTS)).toEqual({ ok: false, reason: 'undecodable' });
    expect(await processor.render((await sampleImage('webp')).subarray(0, 300), IMAGE_VARIANTS)).toEqual({ ok: false, reason: 'undecodable' });
    expect(await processor.render(await pngClaiming(50_000, 50_000), IMAGE_VARIANTS)).toEqual({ ok: false, reason: 'too_many_pixels' });
    expect(await createSharpImageProcessor({ maxPixels: 1000 }).render(await sampleImage('jpeg', { width: 40, height: 30 }), IMAGE_VARIANTS)).toEqual({ ok: false, reason: 'too_many_pixels' });
  });
});
