import { describe, expect, it } from 'vitest';
import { admission, isDoubleAdmission } from './admission.js';

const ticket = (status: 'valid' | 'used' | 'cancelled', eventId = 'evt_1', ticketTypeId = 'tt_general') => ({ eventId, status, ticketTypeId });

describe('admission', () => {
  it('admits a valid ticket of this event', () => {
    expect(admission(ticket('valid'), 'evt_1')).toBe('admitted');
  });

  it('admits a ticket once: a used one is answered already used', () => {
    expect(admission(ticket('used'), 'evt_1')).toBe('already_used');
  });

  it('refuses a cancelled ticket as cancelled', () => {
    expect(admission(ticket('cancelled'), 'evt_1')).toBe('cancelled');
  });

  it("refuses another event's ticket before looking at its status", () => {
    expect(admission(ticket('cancelled', 'evt_2'), 'evt_1')).toBe('wrong_event');
  });

  it('answers invalid when there is no such ticket', () => {
    expect(admission(null, 'evt_1')).toBe('invalid');
  });

  it("refuses a ticket whose type is not on the gate's list as not on list", () => {
    expect(admission(ticket('valid', 'evt_1', 'tt_general'), 'evt_1', ['tt_vip'])).toBe('not_on_list');
  });

  it('admits a ticket whose type is on the list, and any type at a gate with an empty list', () => {
    expect(admission(ticket('valid', 'evt_1', 'tt_vip'), 'evt_1', ['tt_vip'])).toBe('admitted');
    expect(admission(ticket('valid', 'evt_1', 'tt_general'), 'evt_1', [])).toBe('admitted');
  });
});

describe('double admission', () => {
  it('is a scan shown admitted offline that the server answers already used', () => {
    expect(isDoubleAdmission('admitted', 'already_used')).toBe(true);
  });

  it('is not a refusal shown at the door, nor a scan the server admits', () => {
    expect(isDoubleAdmission('already_used', 'already_used')).toBe(false);
    expect(isDoubleAdmission('admitted', 'admitted')).toBe(false);
    expect(isDoubleAdmission(null, 'already_used')).toBe(false);
  });
});
