import { IMAGE_CACHE_CONTROL, IMAGE_URL_PREFIX } from '@ticketbooth/core';
import type { FileImageStore } from '@ticketbooth/adapters-local';
import type { App } from '../context.js';
import { errorBody } from '../http/errors.js';

/** The local home's public event images (on AWS, CloudFront serves the same paths from S3). */
export function serveImages(app: App, images: FileImageStore): void {
  app.get(`${IMAGE_URL_PREFIX}*`, async (c) => {
    const image = await images.open(c.req.path.slice(IMAGE_URL_PREFIX.length));
    if (!image) return c.json(errorBody('not_found', 'No such image.'), 404);
    return c.body(image.bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': image.contentType, 'cache-control': IMAGE_CACHE_CONTROL });
  });
}
