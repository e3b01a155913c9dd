import { promoCodeRefusal, type PromoCode, type PromoCodeStore, type PromoRefusal, type Registration } from '@ticketbooth/core';
import type { Sql } from './db.js';

interface PromoCodeRow {
  id: string; event_id: string; code: string; percent_off: number | null; amount_off_cents: number | null; max_uses: number | null;
  valid_from: string | null; valid_until: string | null; ticket_type_ids: string; uses: number; disabled_at: string | null; created_at: string;
}

const toPromoCode = (r: PromoCodeRow): PromoCode => ({
  id: r.id, eventId: r.event_id, code: r.code, percentOff: r.percent_off, amountOffCents: r.amount_off_cents, maxUses: r.max_uses,
  validFrom: r.valid_from, validUntil: r.valid_until, ticketTypeIds: JSON.parse(r.ticket_type_ids) as string[], uses: r.uses,
  disabledAt: r.disabled_at, createdAt: r.created_at,
});

/**
 * A placement's use of its promo code, inside the placement's BEGIN IMMEDIATE transaction: the
 * rule is checked on the row as it is now and the use counted, or the refusal returned.
 */
export function takePromoUse(sql: Sql, r: Registration, now: string): PromoRefusal | null {
  if (!r.promo) return null;
  const row = sql.q('SELECT * FROM promo_codes WHERE id = ? AND event_id = ?').get(r.promo.promoCodeId, r.eventId) as PromoCodeRow | undefined;
  const refusal = promoCodeRefusal(row ? toPromoCode(row) : null, r.lines, new Date(now));
  if (!refusal) sql.q('UPDATE promo_codes SET uses = uses + 1 WHERE id = ?').run(r.promo.promoCodeId);
  return refusal;
}

/** A released registration (expired, cancelled, refunded) gives its use back; the caller holds the transaction. */
export function givePromoUseBack(sql: Sql, r: Registration): void {
  if (r.promo) sql.q('UPDATE promo_codes SET uses = uses - 1 WHERE id = ? AND uses > 0').run(r.promo.promoCodeId);
}

export function sqlitePromoCodes(sql: Sql): PromoCodeStore {
  const { q, immediate } = sql;
  return {
    async insertPromoCode(p) {
      return immediate(() => {
        if (q('SELECT 1 FROM promo_codes WHERE event_id = ? AND code = ?').get(p.eventId, p.code)) return { ok: false as const, reason: 'code_taken' as const };
        q(`INSERT INTO promo_codes (id, event_id, code, percent_off, amount_off_cents, max_uses, valid_from, valid_until, ticket_type_ids, uses, disabled_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          p.id, p.eventId, p.code, p.percentOff, p.amountOffCents, p.maxUses, p.validFrom, p.validUntil, JSON.stringify(p.ticketTypeIds), p.uses, p.disabledAt, p.createdAt,
        );
        return { ok: true as const };
      });
    },
    async getPromoCodeByCode(eventId, code) {
      const row = q('SELECT * FROM promo_codes WHERE event_id = ? AND code = ?').get(eventId, code) as PromoCodeRow | undefined;
      return row ? toPromoCode(row) : null;
    },
    async listPromoCodes(eventId) {
      return (q('SELECT * FROM promo_codes WHERE event_id = ? ORDER BY created_at, id').all(eventId) as PromoCodeRow[]).map(toPromoCode);
    },
    async disablePromoCode(eventId, id, now) {
      return immediate(() => {
        const row = q('SELECT disabled_at FROM promo_codes WHERE id = ? AND event_id = ?').get(id, eventId) as { disabled_at: string | null } | undefined;
        if (!row) return false;
        if (row.disabled_at === null) q('UPDATE promo_codes SET disabled_at = ? WHERE id = ?').run(now, id);
        return true;
      });
    },
  };
}
