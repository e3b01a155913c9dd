import { DomainError, notFound } from '../errors.js';
import { IMAGE_VARIANTS, contentTypeOf, imageVariantKey, type EventImage } from '../domain/event-image.js';
import type { EventWithCounts } from '../domain/event.js';
import { RATE_LIMITS } from '../rules/rate-limit.js';
import { MAX_IMAGE_ALT_LENGTH, acceptsImageType, canChangeImage, checkImageUpload } from '../rules/event-image.js';
import type { Principal } from '../ports/identity.js';
import type { SetEventImageResult } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import { invalidState, ownedEvent } from './access.js';
import { enforceRateLimit } from './rate-limits.js';

export interface ImageUpload {
  contentType: string | undefined;
  /** Reads the body: called only once the caller may set the image and the declared type is one we take. */
  read(): Promise<Uint8Array>;
  alt?: string;
}

const UPLOAD_REFUSALS = {
  unsupported_type: 'Send a JPEG, PNG or WebP image, with its Content-Type (image/jpeg, image/png or image/webp).',
  not_that_type: 'The file is not the JPEG, PNG or WebP image its Content-Type says it is.',
  empty: 'The image is empty.',
} as const;

const RENDER_REFUSALS = {
  undecodable: 'The image could not be read: it may be damaged or not an image at all.',
  too_many_pixels: 'The image has too many pixels; send one of at most 40 megapixels.',
} as const;

/** The organizer's cover image: checked, stripped and resized by the processor, kept in the image store. */
export class EventImageService {
  constructor(
    private readonly deps: ServiceDeps,
    /** Called after anything a public listing shows has changed. */
    private readonly changed: () => void,
  ) {}

  async set(principal: Principal, eventId: string, upload: ImageUpload): Promise<EventWithCounts> {
    const event = await ownedEvent(this.deps.store, principal, eventId);
    if (!canChangeImage(event.status)) throw invalidState('A cancelled event cannot be edited.');
    const alt = upload.alt?.trim() || null;
    if (alt !== null && alt.length > MAX_IMAGE_ALT_LENGTH) {
      throw new DomainError('validation_failed', `The image description must be at most ${MAX_IMAGE_ALT_LENGTH} characters.`, {
        fields: { alt: `At most ${MAX_IMAGE_ALT_LENGTH} characters.` },
      });
    }
    if (!acceptsImageType(upload.contentType)) throw new DomainError('unsupported_media_type', UPLOAD_REFUSALS.unsupported_type);
    // Counted before the body is read, so a flood of uploads, even of garbage, costs no decoding.
    await enforceRateLimit(this.deps, 'image_upload_by_account', principal.userId,
      `More than ${RATE_LIMITS.image_upload_by_account.max} images uploaded by this account in the last hour; try again later.`);
    const bytes = await upload.read();
    const verdict = checkImageUpload(upload.contentType, bytes);
    if (!verdict.ok) {
      const code = verdict.reason === 'unsupported_type' ? 'unsupported_media_type' : 'invalid_image';
      throw new DomainError(code, UPLOAD_REFUSALS[verdict.reason]);
    }
    const rendered = await this.deps.imageProcessor.render(bytes, IMAGE_VARIANTS);
    if (!rendered.ok) throw new DomainError('invalid_image', RENDER_REFUSALS[rendered.reason]);

    const version = this.deps.ids.newId('img');
    const image: EventImage = { version, alt, variants: [] };
    for (const { spec, bytes, width, height } of rendered.variants) {
      const key = imageVariantKey(eventId, version, spec);
      const contentType = contentTypeOf(spec.format);
      await this.deps.images.put(key, bytes, contentType);
      image.variants.push({ kind: spec.kind, key, width, height, contentType });
    }
    const result = await this.deps.store.setEventImage(eventId, image, this.deps.clock.now().toISOString());
    // Refused after the variants were written (cancelled meanwhile): they are nobody's.
    if (!result.ok) await this.deps.images.remove(image.variants.map((v) => v.key));
    return this.settled(result);
  }

  async remove(principal: Principal, eventId: string): Promise<EventWithCounts> {
    const event = await ownedEvent(this.deps.store, principal, eventId);
    if (!canChangeImage(event.status)) throw invalidState('A cancelled event cannot be edited.');
    return this.settled(await this.deps.store.setEventImage(eventId, null, this.deps.clock.now().toISOString()));
  }

  /** The replaced image's variants go; a reader holding an old URL gets 404, as for any removed image. */
  private async settled(result: SetEventImageResult): Promise<EventWithCounts> {
    if (!result.ok) {
      if (result.reason === 'not_found') throw notFound('Event');
      throw invalidState('A cancelled event cannot be edited.');
    }
    this.changed();
    if (result.previous) {
      const keys = result.previous.variants.map((v) => v.key);
      await this.deps.images.remove(keys).catch((error: unknown) => {
        this.deps.logger.warn({ err: String(error), keys }, 'old event image variants not removed');
      });
    }
    return result.event;
  }
}
