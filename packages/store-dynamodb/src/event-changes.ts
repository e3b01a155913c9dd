import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  noticeAfterAnnouncement,
  scheduleChanges,
  scheduleOf,
  type EventChangeNotice,
  type EventSchedule,
} from '@ticketbooth/core';
import { getItem, transact, type Db } from './db.js';
import { MAX_OPTIMISTIC_RETRIES, getEventItem, guardCopiesOnEveryShard } from './events.js';
import { CHANGE_NOTICE, keys, toEventWithCounts } from './items.js';
import { UpdateBuilder } from './update-builder.js';

export async function getEventChangeNotice(db: Db, eventId: string): Promise<EventChangeNotice | null> {
  const item = await getEventItem(db, eventId);
  const before = (item?.[CHANGE_NOTICE] as EventSchedule | undefined) ?? null;
  if (!item || !before) return null;
  const event = toEventWithCounts(item);
  return scheduleChanges(before, event).length === 0 ? null : { revision: event.revision, before, after: scheduleOf(event) };
}

/** Optimistic on the event's version, like every event change, so it never races an edit. */
export async function settleEventChangeNotice(db: Db, eventId: string, announced: EventChangeNotice): Promise<void> {
  for (let attempt = 0; attempt < MAX_OPTIMISTIC_RETRIES; attempt++) {
    const item = await getEventItem(db, eventId);
    const before = (item?.[CHANGE_NOTICE] as EventSchedule | undefined) ?? null;
    if (!item || !before || scheduleChanges(before, announced.before).length > 0) return;
    const event = toEventWithCounts(item);
    const left = noticeAfterAnnouncement(event, announced.after);
    const version = item.version as number;
    const eventUpdate = new UpdateBuilder().set('version', version + 1).condition('version', '=', version);
    if (left) eventUpdate.set(CHANGE_NOTICE, left);
    else eventUpdate.remove(CHANGE_NOTICE);
    const outcome = await transact(db, [
      { Update: { TableName: db.table, Key: keys.event(eventId), ...eventUpdate.build() } },
      ...guardCopiesOnEveryShard(db, eventId, item, event, version + 1),
    ]);
    if (outcome.ok) return;
  }
  throw new Error(`Event ${eventId} kept changing while its change notice was settled.`);
}

export async function getChangeMailedRevision(db: Db, registrationId: string): Promise<number> {
  const item = await getItem(db, keys.changeMail(registrationId));
  return typeof item?.revision === 'number' ? item.revision : 0;
}

/** Only ever raises the recorded revision: a late retry of an older mail leaves a newer record alone. */
export async function recordChangeMailed(db: Db, registrationId: string, revision: number): Promise<void> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.changeMail(registrationId),
        UpdateExpression: 'SET #type = :type, #revision = :revision',
        ConditionExpression: 'attribute_not_exists(#revision) OR #revision < :revision',
        ExpressionAttributeNames: { '#type': 'type', '#revision': 'revision' },
        ExpressionAttributeValues: { ':type': 'change_mail', ':revision': revision },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
