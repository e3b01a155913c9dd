import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EventImage, SetEventImageResult } from '@ticketbooth/core';
import type { Db } from './db.js';
import { getEvent } from './events.js';
import { keys } from './items.js';

/**
 * One conditional UpdateItem on the event item: the image (and updatedAt) only, unless the event is
 * cancelled; the old image comes back from the same write, so of two concurrent uploads each learns
 * exactly which image it replaced. updateEvent never writes the image, so an edit cannot undo this.
 */
export async function setEventImage(db: Db, id: string, image: EventImage | null, now: string): Promise<SetEventImageResult> {
  try {
    const { Attributes: old } = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.event(id),
        UpdateExpression: 'SET #image = :image, #updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND #status <> :cancelled',
        ExpressionAttributeNames: { '#image': 'image', '#updatedAt': 'updatedAt', '#status': 'status' },
        ExpressionAttributeValues: { ':image': image, ':now': now, ':cancelled': 'cancelled' },
        ReturnValues: 'ALL_OLD',
      }),
    );
    const event = await getEvent(db, id);
    if (!event) return { ok: false, reason: 'not_found' };
    return { ok: true, event, previous: (old?.image as EventImage | null | undefined) ?? null };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return (await getEvent(db, id)) ? { ok: false, reason: 'invalid_state' } : { ok: false, reason: 'not_found' };
  }
}
