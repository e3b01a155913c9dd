import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngClaiming, sampleImage } from '@ticketbooth/testkit';
import { startTestServer, type TestServer } from './support/server.js';
import { eventInput, type ApiClient } from './support/client.js';

const VARIANT_SIZES = { card: [640, 360, 'webp'], page: [1280, 720, 'webp'], pdf: [960, 540, 'jpeg'], share: [1200, 630, 'jpeg'] } as const;

interface Variant { kind: keyof typeof VARIANT_SIZES; url: string; width: number; height: number }

describe('event cover images', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let other: ApiClient;
  let attendee: ApiClient;
  let eventId: string;

  const upload = (as: ApiClient | null, id: string, body: Uint8Array | string, contentType: string, query = '') =>
    fetch(`${t.url}/api/events/${id}/image${query}`, {
      method: 'PUT',
      headers: { 'content-type': contentType, ...(as?.token ? { authorization: `Bearer ${as.token}` } : {}) },
      // A copy on its own ArrayBuffer: what fetch's types take.
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  const imageBytes = async (url: string) => {
    const res = await fetch(t.url + url);
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    t = await startTestServer();
    [organizer, other, attendee] = await Promise.all([
      t.client().signUpVerified('organizer'),
      t.client().signUpVerified('organizer'),
      t.client().signUpVerified('attendee'),
    ]);
    eventId = (await organizer.post('/api/events', eventInput({ name: 'Harbour Lights Festival' }))).body.id;
  });
  afterAll(() => t.stop());

  it.each(['jpeg', 'png', 'webp'] as const)('turns a %s into card, page, PDF and share variants of their sizes, served for a year', async (format) => {
    const res = await upload(organizer, eventId, await sampleImage(format), `image/${format}`);
    expect(res.status).toBe(200);
    const { image } = await res.json();
    expect(image).toMatchObject({ width: 1280, height: 720, alt: 'Harbour Lights Festival' });
    expect(image.variants.map((v: Variant) => v.kind).sort()).toEqual(['card', 'page', 'pdf', 'share']);
    for (const variant of image.variants as Variant[]) {
      const [width, height, encoded] = VARIANT_SIZES[variant.kind];
      expect([variant.width, variant.height]).toEqual([width, height]);
      const { res: served, bytes } = await imageBytes(variant.url);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe(`image/${encoded}`);
      expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([encoded, width, height]);
    }
    expect((await attendee.get(`/api/events/${eventId}`)).body.image).toEqual(image);
  });

  it('strips EXIF, GPS location included, from every variant', async () => {
    const photo = await sampleImage('jpeg', { gps: true });
    expect((await sharp(photo).metadata()).exif?.toString('latin1')).toContain('TestCam');
    const res = await upload(organizer, eventId, photo, 'image/jpeg');
    expect(res.status).toBe(200);
    for (const variant of (await res.json()).image.variants as Variant[]) {
      const { bytes } = await imageBytes(variant.url);
      const meta = await sharp(bytes).metadata();
      expect(meta.exif, variant.kind).toBeUndefined();
      expect(meta.xmp, variant.kind).toBeUndefined();
      expect(bytes.toString('latin1'), variant.kind).not.toContain('TestCam');
    }
  });

  it('refuses a renamed text file, an SVG, a 6 MB file and a decompression bomb with 4xx and the error body', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    const sixMegabytes = Buffer.concat([await sampleImage('jpeg', { width: 64, height: 64 }), Buffer.alloc(6 * 1024 * 1024, 7)]);
    const cases: Array<[string, Uint8Array | string, string, number, string]> = [
      ['a text file named .jpg', 'just some notes, not a photo', 'image/jpeg', 400, 'invalid_image'],
      ['an SVG as itself', svg, 'image/svg+xml', 415, 'unsupported_media_type'],
      ['an SVG sent as a PNG', svg, 'image/png', 400, 'invalid_image'],
      ['a PNG sent as a JPEG', await sampleImage('png'), 'image/jpeg', 400, 'invalid_image'],
      ['a JPEG whose body is cut short', (await sampleImage('jpeg')).subarray(0, 2000), 'image/jpeg', 400, 'invalid_image'],
      ['a 6 MB file', sixMegabytes, 'image/jpeg', 413, 'payload_too_large'],
      ['a tiny PNG claiming 50,000 x 50,000', await pngClaiming(50_000, 50_000), 'image/png', 400, 'invalid_image'],
      ['a tiny PNG claiming 8,000 x 8,000 (over 40 megapixels)', await pngClaiming(8_000, 8_000), 'image/png', 400, 'invalid_image'],
    ];
    const before = (await organizer.get(`/api/events/${eventId}`)).body.image;
    for (const [what, body, contentType, status, code] of cases) {
      const res = await upload(organizer, eventId, body, contentType);
      expect(res.status, what).toBe(status);
      const { error } = await res.json();
      expect(error, what).toMatchObject({ code, message: expect.any(String) });
      if (what.includes('claiming')) expect(error.message, what).toMatch(/too many pixels/);
    }
    expect((await organizer.get(`/api/events/${eventId}`)).body.image).toEqual(before);
  });

  it('counts a body sent without Content-Length as it streams, and stops it past 5 MB', async () => {
    const chunk = new Uint8Array(256 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 24 chunks: 6 MB, never announced.
        if (sent++ < 24) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${t.url}/api/events/${eventId}/image`, {
      method: 'PUT', headers: { 'content-type': 'image/png', authorization: `Bearer ${organizer.token}` }, body, duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('only the organizer of the event sets or removes its image: another organizer or an attendee gets 404, nobody 401', async () => {
    const jpeg = await sampleImage('jpeg');
    const before = (await organizer.get(`/api/events/${eventId}`)).body.image;
    expect((await upload(other, eventId, jpeg, 'image/jpeg')).status).toBe(404);
    expect((await other.request('DELETE', `/api/events/${eventId}/image`)).status).toBe(404);
    expect((await upload(attendee, eventId, jpeg, 'image/jpeg')).status).toBe(404);
    expect((await upload(null, eventId, jpeg, 'image/jpeg')).status).toBe(401);
    expect((await upload(organizer, 'evt_doesnotexist', jpeg, 'image/jpeg')).status).toBe(404);
    expect((await organizer.get(`/api/events/${eventId}`)).body.image).toEqual(before);
  });

  it('gives a replaced image new URLs and retires the old ones; removing it leaves none', async () => {
    const first = (await (await upload(organizer, eventId, await sampleImage('png'), 'image/png', '?alt=Lanterns%20over%20the%20water')).json()).image;
    expect(first.alt).toBe('Lanterns over the water');
    const second = (await (await upload(organizer, eventId, await sampleImage('webp'), 'image/webp')).json()).image;
    for (const [i, variant] of (first.variants as Variant[]).entries()) {
      expect(second.variants[i].url).not.toBe(variant.url);
      expect((await fetch(t.url + variant.url)).status).toBe(404);
    }
    const removed = await organizer.request('DELETE', `/api/events/${eventId}/image`);
    expect(removed.status).toBe(200);
    expect(removed.body.image).toBeNull();
    expect((await attendee.get(`/api/events/${eventId}`)).body.image).toBeNull();
    for (const variant of second.variants as Variant[]) expect((await fetch(t.url + variant.url)).status).toBe(404);
  });

  it('leaves a cancelled event as it was (409)', async () => {
    const id = (await organizer.post('/api/events', eventInput())).body.id;
    await organizer.post(`/api/events/${id}/cancel`, {});
    const res = await upload(organizer, id, await sampleImage('jpeg'), 'image/jpeg');
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('invalid_state');
  });
});
