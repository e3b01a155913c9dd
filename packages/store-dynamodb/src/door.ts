import {
  ORGANIZER_DOOR,
  admission,
  withDoorDefaults,
  type CheckInScan,
  isDoubleAdmission,
  type CheckIn,
  type CheckInConflict,
  type CheckInList,
  type CheckInOutcome,
  type CheckInResult,
  type DoorTicket,
  type DoorTypeCount,
  type FirstAdmission,
  type ScannerLink,
  type Store,
  type Ticket,
} from '@ticketbooth/core';
import { getItem, query, queryAll, transact, type Db, type TransactItem } from './db.js';
import { queryEventIndex } from './event-index.js';
import { checkInItem, keys, partitions, sortable, ticketChangedIndex, toCheckIn, toTicket, type Item } from './items.js';
import { sweepLegacyTickets } from './legacy-codes.js';
import { UpdateBuilder } from './update-builder.js';

type CheckInInput = Parameters<Store['checkIn']>[0];

const MAX_SCAN_ATTEMPTS = 4;

/** Admissions from before doors were named were made with the organizer's login. */
function firstAdmissionOf(ticketItem: Item): FirstAdmission {
  return {
    firstCheckedInAt: (ticketItem.checkedInAt as string | null) ?? (ticketItem.changedAt as string),
    firstBy: (ticketItem.checkedInBy as string | undefined) ?? ORGANIZER_DOOR,
  };
}

/**
 * valid -> used is a conditional update (`status = valid`), in one transaction with the check-in
 * record, the registration's checked-in count and the scan nonce (put if absent), so concurrent
 * scans admit once and a retried scan gets its first answer. A double admission puts its conflict
 * in the same transaction, and the nonce keeps it for a retry.
 */
export async function checkIn(db: Db, scan: CheckInInput): Promise<CheckInOutcome> {
  const input = withDoorDefaults(scan);
  for (let attempt = 0; attempt < MAX_SCAN_ATTEMPTS; attempt++) {
    if (input.nonce) {
      const first = await firstAnswer(db, input.eventId, input.nonce);
      if (first) return first;
    }
    // A preset answer (the QR failed verification) touches no ticket.
    const ticketItem = !input.presetResult && input.ticketId ? await getItem(db, keys.ticket(input.ticketId)) : null;
    const ticket = ticketItem ? toTicket(ticketItem) : null;
    const result: CheckInResult = input.presetResult ?? admission(ticket, input.eventId, input.listTypes);
    const record: CheckIn = { id: input.id, eventId: input.eventId, ticketId: ticket?.id ?? null, nonce: input.nonce, result, at: input.at, by: input.by };
    const conflict = ticketItem && ticket && isDoubleAdmission(input.resultShown, result) ? firstAdmissionOf(ticketItem) : null;
    const writes: TransactItem[] = [
      { Put: { TableName: db.table, Item: { ...checkInItem(record), door: input.door, deviceId: input.deviceId }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ];
    if (input.nonce) {
      writes.push({
        Put: {
          TableName: db.table,
          Item: { ...keys.scanNonce(input.eventId, input.nonce), result, ticketId: ticket?.id ?? null, conflict },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    if (result === 'admitted' && ticket) {
      const admit = new UpdateBuilder().set('status', 'used').set('checkedInAt', input.at).set('checkedInBy', input.door).set('changedAt', input.now)
        .condition('status', '=', ticket.status);
      for (const [attribute, value] of Object.entries(ticketChangedIndex(ticket, input.now))) admit.set(attribute, value);
      writes.push({ Update: { TableName: db.table, Key: keys.ticket(ticket.id), ...admit.build() } });
      writes.push({
        Update: { TableName: db.table, Key: keys.registration(ticket.registrationId), ...new UpdateBuilder().add('checkedIn', 1).build() },
      });
    }
    // Used is final, so the first admission read stays the one the conflict names.
    if (conflict && ticket) {
      writes.push({ Put: { TableName: db.table, Item: conflictItem(input, ticket, conflict), ConditionExpression: 'attribute_not_exists(pk)' } });
    }
    const outcome = await transact(db, writes);
    if (outcome.ok) {
      return { result, ticket: ticket && result === 'admitted' ? { ...ticket, status: 'used', checkedInAt: input.at, checkedInBy: input.door } : ticket, conflict };
    }
    // Lost a race: another scan used the ticket or the nonce first. Read again and answer from that.
  }
  throw new Error(`Check-in ${input.id} kept conflicting with other scans.`);
}

function conflictItem(input: CheckInScan, ticket: Ticket, first: FirstAdmission): Item {
  const conflict: CheckInConflict = {
    id: `cfl_${input.id}`,
    eventId: input.eventId,
    ticketId: ticket.id,
    attendeeName: ticket.attendeeName,
    ticketTypeName: ticket.ticketTypeName,
    ...first,
    laterScannedAt: input.at,
    laterBy: input.door,
    laterDeviceId: input.deviceId,
    recordedAt: input.now,
  };
  return {
    ...keys.checkInConflict(conflict.id),
    type: 'check_in_conflict',
    ...conflict,
    gsi2pk: partitions.eventConflicts(input.eventId),
    gsi2sk: sortable(input.now, conflict.id),
  };
}

async function firstAnswer(db: Db, eventId: string, nonce: string): Promise<CheckInOutcome | null> {
  const item: Item | null = await getItem(db, keys.scanNonce(eventId, nonce));
  if (!item) return null;
  const ticketId = item.ticketId as string | null;
  const ticketItem = ticketId ? await getItem(db, keys.ticket(ticketId)) : null;
  return { result: item.result as CheckInResult, ticket: ticketItem ? toTicket(ticketItem) : null, conflict: (item.conflict as FirstAdmission | null | undefined) ?? null };
}

export async function listCheckIns(db: Db, eventId: string, limit: number): Promise<CheckIn[]> {
  const { items } = await query(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': partitions.eventCheckIns(eventId) },
    ScanIndexForward: false,
    Limit: limit,
  });
  return items.map(toCheckIn);
}

export async function getTicketByCode(db: Db, eventId: string, code: string): Promise<Ticket | null> {
  const claim = await getItem(db, keys.ticketCode(eventId, code));
  const ticketItem = claim ? await getItem(db, keys.ticket(claim.ticketId as string)) : null;
  return ticketItem ? toTicket(ticketItem) : null;
}

const DOOR_FIELDS = ['id', 'code', 'attendeeName', 'ticketTypeId', 'ticketTypeName', 'status', 'checkedInAt', 'checkedInBy', 'changedAt'] as const;

/** The event's tickets changed at or after `since` (all without), following the query's pages. */
export async function listDoorTickets(db: Db, eventId: string, since: string | null): Promise<DoorTicket[]> {
  await sweepLegacyTickets(db, eventId);
  const items = await queryEventIndex(
    db,
    eventId,
    partitions.eventTickets,
    (pk) => ({
      IndexName: 'gsi2',
      KeyConditionExpression: since === null ? 'gsi2pk = :pk' : 'gsi2pk = :pk AND gsi2sk >= :since',
      ExpressionAttributeValues: { ':pk': pk, ...(since === null ? {} : { ':since': since }) },
      ProjectionExpression: DOOR_FIELDS.map((_, i) => `#f${i}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries(DOOR_FIELDS.map((f, i) => [`#f${i}`, f])),
    }),
    // The index's sort key, as the projection leaves it out.
    (item) => sortable(String(item.changedAt), String(item.id)),
  );
  return items.map((item) => Object.fromEntries(DOOR_FIELDS.map((f) => [f, item[f] ?? null])) as unknown as DoorTicket);
}

export async function doorCounts(db: Db, eventId: string): Promise<DoorTypeCount[]> {
  const counts = new Map<string, DoorTypeCount>();
  for (const t of await listDoorTickets(db, eventId, null)) {
    const count = counts.get(t.ticketTypeId) ?? { ticketTypeId: t.ticketTypeId, expected: 0, checkedIn: 0 };
    if (t.status !== 'cancelled') count.expected++;
    if (t.status === 'used') count.checkedIn++;
    counts.set(t.ticketTypeId, count);
  }
  return [...counts.values()];
}

export const byEvent = (partition: string, limit?: number, newestFirst = false) => ({
  IndexName: 'gsi2',
  KeyConditionExpression: 'gsi2pk = :pk',
  ExpressionAttributeValues: { ':pk': partition },
  ScanIndexForward: !newestFirst,
  ...(limit === undefined ? {} : { Limit: limit }),
});

const CONFLICT_FIELDS = ['id', 'eventId', 'ticketId', 'attendeeName', 'ticketTypeName', 'firstCheckedInAt', 'firstBy', 'laterScannedAt', 'laterBy', 'laterDeviceId', 'recordedAt'] as const;

export async function listCheckInConflicts(db: Db, eventId: string, limit: number): Promise<CheckInConflict[]> {
  const { items } = await query(db, byEvent(partitions.eventConflicts(eventId), limit, true));
  return items.map((item) => Object.fromEntries(CONFLICT_FIELDS.map((f) => [f, item[f] ?? null])) as unknown as CheckInConflict);
}

const LIST_FIELDS = ['id', 'eventId', 'name', 'ticketTypeIds', 'createdAt'] as const;
const toList = (item: Item) => Object.fromEntries(LIST_FIELDS.map((f) => [f, item[f]])) as unknown as CheckInList;

export async function insertCheckInList(db: Db, list: CheckInList): Promise<void> {
  await transact(db, [{
    Put: {
      TableName: db.table,
      Item: { ...keys.checkInList(list.id), type: 'check_in_list', ...list, gsi2pk: partitions.eventCheckInLists(list.eventId), gsi2sk: sortable(list.createdAt, list.id) },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }]);
}

export async function getCheckInList(db: Db, id: string): Promise<CheckInList | null> {
  const item = await getItem(db, keys.checkInList(id));
  return item ? toList(item) : null;
}

export async function listCheckInLists(db: Db, eventId: string): Promise<CheckInList[]> {
  return (await queryAll(db, byEvent(partitions.eventCheckInLists(eventId)))).map(toList);
}

const LINK_FIELDS = ['id', 'eventId', 'name', 'checkinListId', 'secretHash', 'expiresAt', 'createdAt', 'revokedAt', 'lastSeenAt', 'scanCount'] as const;
const toLink = (item: Item) => Object.fromEntries(LINK_FIELDS.map((f) => [f, item[f] ?? null])) as unknown as ScannerLink;

/** The link and its secret's hash (the lookup by secret), in one transaction. */
export async function insertScannerLink(db: Db, link: ScannerLink): Promise<void> {
  const outcome = await transact(db, [
    {
      Put: {
        TableName: db.table,
        // Absent until revoked, so revoking can be conditioned on its absence.
        Item: { ...keys.scannerLink(link.id), type: 'scanner_link', ...link, revokedAt: undefined, gsi2pk: partitions.eventScannerLinks(link.eventId), gsi2sk: sortable(link.createdAt, link.id) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Put: { TableName: db.table, Item: { ...keys.scannerSecret(link.secretHash), linkId: link.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ]);
  if (!outcome.ok) throw new Error(`Scanner link ${link.id} or its secret already exists.`);
}

export async function getScannerLinkBySecretHash(db: Db, secretHash: string): Promise<ScannerLink | null> {
  const claim = await getItem(db, keys.scannerSecret(secretHash));
  const item = claim ? await getItem(db, keys.scannerLink(claim.linkId as string)) : null;
  return item ? toLink(item) : null;
}

export async function listScannerLinks(db: Db, eventId: string): Promise<ScannerLink[]> {
  return (await queryAll(db, byEvent(partitions.eventScannerLinks(eventId)))).map(toLink).filter((l) => l.revokedAt === null);
}

export async function revokeScannerLink(db: Db, eventId: string, linkId: string, now: string): Promise<boolean> {
  const revoke = new UpdateBuilder().set('revokedAt', now).condition('eventId', '=', eventId).conditionNotExists('revokedAt');
  const outcome = await transact(db, [{ Update: { TableName: db.table, Key: keys.scannerLink(linkId), ...revoke.build() } }]);
  return outcome.ok;
}

export async function touchScannerLink(db: Db, linkId: string, at: string, scans: number): Promise<void> {
  const touch = new UpdateBuilder().set('lastSeenAt', at).add('scanCount', scans).conditionExists('pk');
  await transact(db, [{ Update: { TableName: db.table, Key: keys.scannerLink(linkId), ...touch.build() } }]);
}
