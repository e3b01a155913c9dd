import { describe, expect, it } from 'vitest';
import { admission } from './admission.js';

describe('admission', () => {
  it('admits a valid ticket of this event', () => {
    expect(admission({ eventId: 'evt_1', status: 'valid' }, 'evt_1')).toBe('admitted');
  });

  it('admits a ticket once: a used one is answered already used', () => {
    expect(admission({ eventId: 'evt_1', status: 'used' }, 'evt_1')).toBe('already_used');
  });

  it('refuses a cancelled ticket as cancelled', () => {
    expect(admission({ eventId: 'evt_1', status: 'cancelled' }, 'evt_1')).toBe('cancelled');
  });

  it("refuses another event's ticket before looking at its status", () => {
    expect(admission({ eventId: 'evt_2', status: 'cancelled' }, 'evt_1')).toBe('wrong_event');
  });

  it('answers invalid when there is no such ticket', () => {
    expect(admission(null, 'evt_1')).toBe('invalid');
  });
});
