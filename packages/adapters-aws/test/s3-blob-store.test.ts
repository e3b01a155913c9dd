import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore, Clock } from '@ticketbooth/core';
import { describeBlobStoreContract } from '@ticketbooth/store-contract';
import { contentDisposition, createS3BlobStore } from '../src/index.js';
import { startS3rver } from './support/s3rver.js';

const BUCKET = 'tickets';
let stopS3rver: () => Promise<void>;
let s3: S3Client;
let now = new Date();
const clock: Clock = { now: () => now };
let blobs: BlobStore;

beforeAll(async () => {
  ({ s3, stop: stopS3rver } = await startS3rver(BUCKET));
  blobs = createS3BlobStore({ s3, bucket: BUCKET, keyPrefix: 'test/', clock });
});

afterAll(async () => {
  await stopS3rver?.();
});

describe('S3 blob store (against s3rver)', () => {
  it('stores a blob and reports that it exists', async () => {
    expect(await blobs.exists('tickets/a.pdf')).toBe(false);
    await blobs.put('tickets/a.pdf', new TextEncoder().encode('%PDF-1.7 a'), 'application/pdf');
    expect(await blobs.exists('tickets/a.pdf')).toBe(true);
  });

  it('serves the bytes through a presigned link with the download name', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
    await blobs.put('tickets/b.pdf', bytes, 'application/pdf');
    now = new Date();
    const url = await blobs.signedUrl('tickets/b.pdf', new Date(now.getTime() + 300_000), 'ticket-1234.pdf');
    expect(url).toContain('X-Amz-Expires=300');
    expect(url).toContain('/tickets/test/tickets/b.pdf');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="ticket-1234.pdf"; filename*=UTF-8\'\'ticket-1234.pdf');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it('stops serving a link once it has expired', async () => {
    await blobs.put('tickets/d.pdf', new Uint8Array([4]), 'application/pdf');
    // The link is signed at the injected clock's time; an hour later (s3rver's wall clock) it is dead.
    now = new Date(Date.now() - 3_600_000);
    const url = await blobs.signedUrl('tickets/d.pdf', new Date(now.getTime() + 60_000), 'd.pdf');
    expect((await fetch(url)).status).toBe(403);
    now = new Date();
  });

  it('refuses to sign a link that would already be expired', async () => {
    now = new Date();
    await expect(blobs.signedUrl('tickets/a.pdf', new Date(now.getTime() - 1), 'a.pdf')).rejects.toThrow(RangeError);
  });
});

describeBlobStoreContract('S3 (s3rver)', async () => ({
  blobs,
  async read(key) {
    now = new Date();
    const response = await fetch(await blobs.signedUrl(key, new Date(now.getTime() + 60_000), 'blob.bin'));
    if (response.status === 404) return null;
    expect(response.status).toBe(200);
    return { content: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? '' };
  },
}));

describe('content disposition', () => {
  it('keeps an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('billet-été "1".pdf')).toBe(
      'attachment; filename="billet-_t_ _1_.pdf"; filename*=UTF-8\'\'billet-%C3%A9t%C3%A9%20%221%22.pdf',
    );
  });
});
