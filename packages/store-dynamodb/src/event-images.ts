import { DomainError, type EventImage, type SetEventImageResult } from '@ticketbooth/core';
import { getItem, transact, type Db } from './db.js';
import { getEvent } from './events.js';
import { keys } from './items.js';

/** Rounds of read-then-write when other uploads for the same event keep replacing the image in between. */
const MAX_IMAGE_ATTEMPTS = 32;

/**
 * Optimistic: read the image, then replace it on condition that it is still the one read and the
 * event is not cancelled, so of concurrent uploads each learns exactly which image it replaced.
 * The write is a one-item TransactWriteItems for its ClientRequestToken: when its answer is lost,
 * the SDK's retry gets the first answer back (DynamoDB keeps it 10 minutes). A conditional
 * UpdateItem has no token: its retry would apply again and answer its own image as the one it
 * replaced, or fail its condition with no way to learn what the first write replaced.
 * updateEvent never writes the image, so an edit cannot undo this.
 */
export async function setEventImage(db: Db, id: string, image: EventImage | null, now: string): Promise<SetEventImageResult> {
  for (let attempt = 0; attempt < MAX_IMAGE_ATTEMPTS; attempt++) {
    const item = await getItem(db, keys.event(id));
    if (!item) return { ok: false, reason: 'not_found' };
    if (item.status === 'cancelled') return { ok: false, reason: 'invalid_state' };
    const previous = (item.image as EventImage | null | undefined) ?? null;
    const outcome = await transact(db, [{
      Update: {
        TableName: db.table,
        Key: keys.event(id),
        UpdateExpression: 'SET #image = :image, #updatedAt = :now',
        ConditionExpression: `attribute_exists(pk) AND #status <> :cancelled AND ${previous ? '#image.#version = :previous' : '(attribute_not_exists(#image) OR attribute_type(#image, :null))'}`,
        ExpressionAttributeNames: { '#image': 'image', '#updatedAt': 'updatedAt', '#status': 'status', ...(previous ? { '#version': 'version' } : {}) },
        ExpressionAttributeValues: { ':image': image, ':now': now, ':cancelled': 'cancelled', ...(previous ? { ':previous': previous.version } : { ':null': 'NULL' }) },
      },
    }]);
    if (outcome.ok) {
      const event = await getEvent(db, id);
      return event ? { ok: true, event, previous } : { ok: false, reason: 'not_found' };
    }
    // Another upload replaced the image, or the event was cancelled, since the read: read again.
  }
  throw new DomainError('busy', 'The event image kept changing; please try again in a moment.', { retryAfterSeconds: 1 });
}
