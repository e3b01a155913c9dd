import { z } from '@hono/zod-openapi';
import { MAX_IMAGE_ALT_LENGTH } from '@ticketbooth/core';

const ImageVariantSchema = z
  .object({
    kind: z.enum(['card', 'page', 'pdf', 'share']).openapi({ description: 'card 640x360 and page 1280x720 (WebP, one crop: use both in a srcset), pdf 960x540 and share 1200x630 (JPEG)' }),
    url: z.string().openapi({ example: '/images/events/evt_3kTz9w/img_Yp2s/page.webp' }),
    width: z.number().int(),
    height: z.number().int(),
  })
  .openapi('EventImageVariant');

export const EventImageSchema = z
  .object({
    url: z.string().openapi({ description: "The event page's variant; a path on this origin, never changing: a new image gets new URLs (served with a year's caching)." }),
    width: z.number().int(),
    height: z.number().int(),
    alt: z.string().openapi({ description: "The organizer's description of the image, or the event's name when none was given" }),
    variants: z.array(ImageVariantSchema),
  })
  .openapi('EventImage');

export const ImageUploadQuery = z.object({
  alt: z.string().max(MAX_IMAGE_ALT_LENGTH).optional().openapi({ description: "A description of the image for people who cannot see it (default: the event's name)" }),
});
