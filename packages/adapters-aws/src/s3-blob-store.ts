import type { S3Client } from '@aws-sdk/client-s3';
import { attachmentDisposition, type BlobStore, type Clock } from '@ticketbooth/core';
import { s3Sdk } from './s3-sdk.js';

export interface S3BlobStoreOptions {
  s3: S3Client;
  bucket: string;
  /** Prepended to every key, so one bucket can serve several stages. */
  keyPrefix?: string;
  clock: Clock;
}

/** SigV4 presigned URLs are valid for at most seven days. */
const MAX_PRESIGN_SECONDS = 7 * 24 * 60 * 60;

/** Blobs in a private S3 bucket; downloads go through presigned GET links that expire. */
export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore {
  const { s3, bucket, clock } = options;
  const prefix = options.keyPrefix ?? '';

  return {
    async put(key, content, contentType) {
      const { PutObjectCommand } = await s3Sdk();
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: prefix + key, Body: content, ContentType: contentType }));
    },

    async exists(key) {
      const { HeadObjectCommand, S3ServiceException } = await s3Sdk();
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: prefix + key }));
        return true;
      } catch (error) {
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return false;
        throw error;
      }
    },

    async get(key) {
      const { GetObjectCommand, S3ServiceException } = await s3Sdk();
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: prefix + key }));
        return object.Body ? await object.Body.transformToByteArray() : null;
      } catch (error) {
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return null;
        throw error;
      }
    },

    async signedUrl(key, expiresAt, downloadName) {
      const seconds = Math.ceil((expiresAt.getTime() - clock.now().getTime()) / 1000);
      if (seconds < 1) throw new RangeError('A signed link must expire in the future.');
      const [{ GetObjectCommand }, { getSignedUrl }] = await Promise.all([s3Sdk(), import('@aws-sdk/s3-request-presigner')]);
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: prefix + key,
        ResponseContentDisposition: contentDisposition(downloadName),
      });
      // Signed "at" the injected clock's now, so expiry follows the same clock as the rest of the app.
      return getSignedUrl(s3, command, { expiresIn: Math.min(seconds, MAX_PRESIGN_SECONDS), signingDate: clock.now() });
    },
  };
}

/** RFC 6266: an ASCII fallback name plus the exact UTF-8 name (the one rule core keeps for every home). */
export const contentDisposition = attachmentDisposition;
