import type { S3Client } from '@aws-sdk/client-s3';
import { IMAGE_CACHE_CONTROL, type ImageStore } from '@ticketbooth/core';
import { s3Sdk } from './s3-sdk.js';

export interface S3ImageStoreOptions {
  s3: S3Client;
  /** Private; CloudFront reads it (origin access control) and serves it at /images/. */
  bucket: string;
  /** Prepended to every key; the stack's CloudFront behaviour maps /images/ to the bucket's "images/". */
  keyPrefix?: string;
}

/** Event images in S3: written with their type and long cache headers, read back for ticket PDFs. */
export function createS3ImageStore(options: S3ImageStoreOptions): ImageStore {
  const { s3, bucket } = options;
  const prefix = options.keyPrefix ?? '';
  return {
    async put(key, bytes, contentType) {
      const { PutObjectCommand } = await s3Sdk();
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: prefix + key, Body: bytes, ContentType: contentType, CacheControl: IMAGE_CACHE_CONTROL }));
    },
    async read(key) {
      const { GetObjectCommand, NoSuchKey } = await s3Sdk();
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: prefix + key }));
        return object.Body ? await object.Body.transformToByteArray() : null;
      } catch (error) {
        if (error instanceof NoSuchKey) return null;
        throw error;
      }
    },
    async remove(keys) {
      if (keys.length === 0) return;
      const { DeleteObjectsCommand } = await s3Sdk();
      await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((key) => ({ Key: prefix + key })), Quiet: true } }));
    },
  };
}
