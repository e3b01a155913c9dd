import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3WebIndex } from '../src/index.js';
import { startS3rver } from './support/s3rver.js';

const BUCKET = 'web';
let stopS3rver: () => Promise<void>;
let s3: S3Client;
/** The status of every answer s3rver gave, in order. */
const statuses: number[] = [];

const putIndex = (html: string) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'index.html', Body: html, ContentType: 'text/html' }));

beforeAll(async () => {
  ({ s3, stop: stopS3rver } = await startS3rver(BUCKET));
  // Inside the deserializer: sees each raw answer, a 304 too (which the SDK then throws).
  s3.middlewareStack.add(
    (next) => async (args) => {
      const answer = await next(args);
      statuses.push((answer.response as { statusCode: number }).statusCode);
      return answer;
    },
    { step: 'deserialize', priority: 'low' },
  );
});

afterAll(async () => {
  await stopS3rver?.();
});

describe("the web bucket's index.html (against s3rver)", () => {
  it('is read once, then revalidated by ETag (304, no body), and a deployed new one is served from the next call', async () => {
    const index = createS3WebIndex({ s3, bucket: BUCKET });
    await putIndex('<html><head><title>v1</title></head></html>');
    statuses.length = 0;
    expect(await index()).toContain('v1');
    expect(await index()).toContain('v1');
    expect(statuses).toEqual([200, 304]);
    await putIndex('<html><head><title>v2</title></head></html>');
    expect(await index()).toContain('v2');
  });

  it('fails when the bucket has no index.html (nothing cached to fall back on)', async () => {
    await expect(createS3WebIndex({ s3, bucket: BUCKET, key: 'missing.html' })()).rejects.toThrow();
  });
});
