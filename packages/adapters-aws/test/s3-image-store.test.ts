import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageStore } from '@ticketbooth/core';
import { createS3ImageStore } from '../src/index.js';

const BUCKET = 'images';
let server: S3rver;
let directory: string;
let s3: S3Client;
let images: ImageStore;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 's3rver-images-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  s3 = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  images = createS3ImageStore({ s3, bucket: BUCKET, keyPrefix: 'images/' });
});

afterAll(async () => {
  s3?.destroy();
  await server?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('S3 image store (against s3rver)', () => {
  it('writes a variant under the prefix with its type and a year of immutable caching, reads it back, and removes it', async () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
    await images.put('events/evt_1/img_1/share.jpg', bytes, 'image/jpeg');
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'images/events/evt_1/img_1/share.jpg' }));
    expect([head.ContentType, head.CacheControl]).toEqual(['image/jpeg', 'public, max-age=31536000, immutable']);
    expect(await images.read('events/evt_1/img_1/share.jpg')).toEqual(bytes);
    await images.remove(['events/evt_1/img_1/share.jpg', 'events/evt_1/img_1/never-written.webp']);
    expect(await images.read('events/evt_1/img_1/share.jpg')).toBeNull();
    await images.remove([]);
  });
});
