import type { S3Client } from '@aws-sdk/client-s3';
import { s3Sdk } from './s3-sdk.js';

/**
 * The web app's index.html as the web bucket holds it now: read once, then asked again with its
 * ETag on each call (a 304 costs no body), so a deploy's new index.html, naming the new assets'
 * fingerprinted files, is served from the next call on.
 */
export function createS3WebIndex(options: { s3: S3Client; bucket: string; key?: string }): () => Promise<string> {
  const key = options.key ?? 'index.html';
  let cached: { etag: string | undefined; html: string } | null = null;
  return async () => {
    const { GetObjectCommand, S3ServiceException } = await s3Sdk();
    try {
      const object = await options.s3.send(new GetObjectCommand({ Bucket: options.bucket, Key: key, ...(cached?.etag && { IfNoneMatch: cached.etag }) }));
      cached = { etag: object.ETag, html: await object.Body!.transformToString('utf8') };
    } catch (error) {
      const notModified = error instanceof S3ServiceException && error.$metadata.httpStatusCode === 304;
      if (!notModified || !cached) throw error;
    }
    return cached.html;
  };
}
