import { promoCodeRefusal, type PromoCode, type PromoRefusal, type Registration } from '@ticketbooth/core';
import { getItem, queryAll, transact, type Db, type TransactItem } from './db.js';
import { byEvent } from './door.js';
import { keys, partitions, sortable, type Item } from './items.js';
import { UpdateBuilder } from './update-builder.js';

const FIELDS = ['id', 'eventId', 'code', 'percentOff', 'amountOffCents', 'maxUses', 'validFrom', 'validUntil', 'ticketTypeIds', 'uses', 'disabledAt', 'createdAt'] as const;
const toPromoCode = (item: Item) => Object.fromEntries(FIELDS.map((f) => [f, item[f] ?? null])) as unknown as PromoCode;

/**
 * Promo codes, and their uses as a counter on the code's item: the placement adds one in its own
 * transaction on condition that the code is still enabled and has a use left (its window and ticket
 * types never change, so the rule checked on the item read stands); every release of a registration
 * placed with it takes the use back in the release's transaction.
 */
export async function insertPromoCode(db: Db, code: PromoCode): Promise<{ ok: true } | { ok: false; reason: 'code_taken' }> {
  const outcome = await transact(db, [
    {
      Put: {
        TableName: db.table,
        // Absent until disabled, so a use can be conditioned on its absence.
        Item: { ...keys.promoCode(code.id), type: 'promo_code', ...code, disabledAt: undefined, gsi2pk: partitions.eventPromoCodes(code.eventId), gsi2sk: sortable(code.createdAt, code.id) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Put: { TableName: db.table, Item: { ...keys.promoCodeName(code.eventId, code.code), promoCodeId: code.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ]);
  return outcome.ok ? { ok: true } : { ok: false, reason: 'code_taken' };
}

export async function getPromoCodeByCode(db: Db, eventId: string, code: string): Promise<PromoCode | null> {
  const claim = await getItem(db, keys.promoCodeName(eventId, code));
  const item = claim ? await getItem(db, keys.promoCode(claim.promoCodeId as string)) : null;
  return item ? toPromoCode(item) : null;
}

export async function listPromoCodes(db: Db, eventId: string): Promise<PromoCode[]> {
  return (await queryAll(db, byEvent(partitions.eventPromoCodes(eventId)))).map(toPromoCode);
}

export async function disablePromoCode(db: Db, eventId: string, id: string, now: string): Promise<boolean> {
  const item = await getItem(db, keys.promoCode(id));
  if (!item || item.eventId !== eventId) return false;
  const disable = new UpdateBuilder().set('disabledAt', now).conditionNotExists('disabledAt');
  // Already disabled: its first disabling time stays.
  await transact(db, [{ Update: { TableName: db.table, Key: keys.promoCode(id), ...disable.build() } }]);
  return true;
}

/** The placement's use of its code: the refusal by the rule on the code as read, or the conditional count. */
export async function promoUseTake(db: Db, registration: Registration, now: string): Promise<{ refusal: PromoRefusal } | { write: TransactItem | null }> {
  if (!registration.promo) return { write: null };
  const item = await getItem(db, keys.promoCode(registration.promo.promoCodeId));
  const code = item && item.eventId === registration.eventId ? toPromoCode(item) : null;
  const refusal = promoCodeRefusal(code, registration.lines, new Date(now));
  if (refusal) return { refusal };
  const take = new UpdateBuilder().add('uses', 1).conditionExists('pk').conditionNotExists('disabledAt');
  if (code!.maxUses !== null) take.condition('uses', '<', code!.maxUses);
  return { write: { Update: { TableName: db.table, Key: keys.promoCode(code!.id), ...take.build() } } };
}

/** Why a placement's use failed its condition, by the rule on the code as it is now (null: it has changed since). */
export async function explainPromoUse(db: Db, registration: Registration, now: string): Promise<PromoRefusal | null> {
  const taken = await promoUseTake(db, registration, now);
  return 'refusal' in taken ? taken.refusal : null;
}

/** A release's share: the registration's use goes back to its code. */
export function promoUseRelease(db: Db, registration: Registration): TransactItem[] {
  if (!registration.promo) return [];
  return [{ Update: { TableName: db.table, Key: keys.promoCode(registration.promo.promoCodeId), ...new UpdateBuilder().add('uses', -1).build() } }];
}
