import { z } from '@hono/zod-openapi';
import { MAX_IMAGE_BYTES, RATE_LIMITS, UPLOAD_CONTENT_TYPES } from '@ticketbooth/core';
import type { App, AppOptions } from '../context.js';
import { authenticate } from '../http/auth.js';
import { ImageUploadQuery } from '../image-schemas.js';
import { eventJson } from '../serializers.js';
import { EventSchema, IdParam } from '../schemas.js';
import { errorResponse, json, retryLaterResponse, route } from './define.js';

const imageBody = {
  required: true,
  description: `The image file itself (not JSON, not a form): JPEG, PNG or WebP, at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB and 40 megapixels`,
  content: Object.fromEntries(Object.keys(UPLOAD_CONTENT_TYPES).map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }])),
};

export function eventImageRoutes(app: App, { services }: AppOptions): void {
  const auth = authenticate(services.deps.identity);

  app.openapi(
    route({ operationId: 'setEventImage', method: 'put', path: '/api/events/{id}/image', tags: ['Events'], auth,
      summary: "Set or replace the event's cover image (its organizer)",
      description: 'The bytes are checked (magic number and a full decode), metadata such as EXIF location is stripped, and resized variants are stored; the replaced image\'s URLs stop working.',
      request: { params: IdParam, query: ImageUploadQuery, body: imageBody },
      responses: {
        200: json(EventSchema, 'The event with its new image'),
        400: errorResponse('Not a readable image, or too many pixels (invalid_image); a bad alt (validation_failed)'),
        413: errorResponse(`The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB (payload_too_large)`),
        415: errorResponse('Not sent as image/jpeg, image/png or image/webp (unsupported_media_type)'),
        429: retryLaterResponse(`too_many_attempts: more than ${RATE_LIMITS.image_upload_by_account.max} uploads by this account in an hour; the body was not read`),
      } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { alt } = c.req.valid('query');
      let read = false;
      try {
        const event = await services.eventImages.set(c.var.principal, id, {
          contentType: c.req.header('content-type'),
          alt,
          read: async () => {
            read = true;
            return new Uint8Array(await c.req.arrayBuffer());
          },
        });
        return c.json(eventJson(event), 200);
      } catch (error) {
        // Refused before the body was read (not your event, not an image type): rather than read and
        // throw away up to 5 MB, the connection closes after the answer, and the client is told so.
        if (!read) c.header('connection', 'close');
        throw error;
      }
    },
  );

  app.openapi(
    route({ operationId: 'removeEventImage', method: 'delete', path: '/api/events/{id}/image', tags: ['Events'], auth,
      summary: "Remove the event's cover image (its organizer)",
      request: { params: IdParam }, responses: { 200: json(EventSchema, 'The event, without an image') } }),
    async (c) => c.json(eventJson(await services.eventImages.remove(c.var.principal, c.req.valid('param').id)), 200),
  );
}
