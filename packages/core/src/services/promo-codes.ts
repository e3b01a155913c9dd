import { DomainError, notFound } from '../errors.js';
import type { EventWithCounts } from '../domain/event.js';
import { normalizePromoCode, type AppliedPromo, type PromoCode } from '../domain/promo-code.js';
import type { RegistrationLine } from '../domain/registration.js';
import type { Principal } from '../ports/identity.js';
import type { Store } from '../ports/store.js';
import { promoCodeRefusal, promoCodeTermsProblems, promoDiscount, type PromoCodeTerms, type PromoRefusal } from '../rules/promo.js';
import type { ServiceDeps } from './deps.js';
import { ownedEvent } from './access.js';

export interface PromoCodeInput extends Partial<PromoCodeTerms> {
  code: string;
  maxUses?: number | null;
}

const REFUSALS: Record<PromoRefusal, string> = {
  invalid_promo_code: 'This promo code is not valid for these tickets right now.',
  promo_code_used_up: 'This promo code has been used as many times as it may be.',
};

export const promoRefusalError = (refusal: PromoRefusal): DomainError => new DomainError(refusal, REFUSALS[refusal]);

/**
 * The code an attendee typed, applied to an order's lines as the code is now: what it takes off,
 * or the refusal. The store checks the code again, atomically, when the registration is placed;
 * `usesLeftToStore`: its uses are left to that check alone, as it first releases lapsed holds
 * (whose uses still count until then).
 */
export async function applyPromoCode(
  store: Pick<Store, 'getPromoCodeByCode'>,
  event: Pick<EventWithCounts, 'id'>,
  typed: string,
  lines: RegistrationLine[],
  now: Date,
  usesLeftToStore: boolean,
): Promise<AppliedPromo> {
  const code = await store.getPromoCodeByCode(event.id, normalizePromoCode(typed));
  const refusal = promoCodeRefusal(code, lines, now);
  if (refusal && !(usesLeftToStore && refusal === 'promo_code_used_up')) throw promoRefusalError(refusal);
  return { promoCodeId: code!.id, code: code!.code, discountCents: promoDiscount(code!, lines) };
}

/** An event's promo codes: its organizer only (anyone else is told the event does not exist). */
export class PromoCodeService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(principal: Principal, eventId: string, input: PromoCodeInput): Promise<PromoCode> {
    const { store, ids, clock } = this.deps;
    const event = await ownedEvent(store, principal, eventId);
    const terms: PromoCodeTerms = {
      percentOff: input.percentOff ?? null,
      amountOffCents: input.amountOffCents ?? null,
      validFrom: input.validFrom ?? null,
      validUntil: input.validUntil ?? null,
      ticketTypeIds: [...new Set(input.ticketTypeIds ?? [])],
    };
    const problems = promoCodeTermsProblems(terms, event.ticketTypes);
    if (problems) throw new DomainError('validation_failed', 'Some of the promo code is not valid.', { fields: problems });
    const code: PromoCode = {
      id: ids.newId('promo'),
      eventId,
      code: normalizePromoCode(input.code),
      ...terms,
      maxUses: input.maxUses ?? null,
      uses: 0,
      disabledAt: null,
      createdAt: clock.now().toISOString(),
    };
    const inserted = await store.insertPromoCode(code);
    if (!inserted.ok) throw new DomainError('code_taken', `This event already has the promo code ${code.code}.`);
    return code;
  }

  async list(principal: Principal, eventId: string): Promise<PromoCode[]> {
    await ownedEvent(this.deps.store, principal, eventId);
    return this.deps.store.listPromoCodes(eventId);
  }

  /** Disabled, not deleted: the registrations placed with it keep it. */
  async disable(principal: Principal, eventId: string, promoCodeId: string): Promise<void> {
    await ownedEvent(this.deps.store, principal, eventId);
    if (!(await this.deps.store.disablePromoCode(eventId, promoCodeId, this.deps.clock.now().toISOString()))) throw notFound('Promo code');
  }
}
