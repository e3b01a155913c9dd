import { describe, expect, it } from 'vitest';
import { ApiError, describeError } from '../src/api/errors.js';

describe('API errors as sentences', () => {
  it('explains a declined card without jargon', () => {
    expect(describeError('card_declined', 'Your card was declined.')).toBe('Your card was declined by the bank. No money was taken; try another card.');
  });

  it('says an expired card expired, from the gateway reason the decline carries', () => {
    expect(describeError('card_declined', 'Your card has expired.', { declineCode: 'expired_card' })).toBe('Your card has expired. No money was taken; check the expiry date or use another card.');
  });

  it('tells an expired code from a wrong one', () => {
    expect(describeError('invalid_code', 'That code has expired.', { reason: 'expired' })).toBe('That code has expired. Ask for a new code and enter the one in the newest email.');
    expect(describeError('invalid_code', 'That code is not right or has expired.')).toBe('That code is not right or has expired. Check the latest email and try again.');
  });

  it('says how many spots are left when sold out', () => {
    expect(describeError('sold_out', 'Sold out', { spotsRemaining: 1 })).toBe('Sorry, only 1 spot left.');
  });

  it('says the per-account limit, what the account holds and how many it may still add', () => {
    expect(describeError('account_limit', 'Limit.', { maxTicketsPerAccount: 10, held: 8 })).toBe(
      'One account can hold at most 10 tickets for this event, and you already hold 8. You can add up to 2 more.',
    );
    expect(describeError('account_limit', 'Limit.', { maxTicketsPerAccount: 4, held: 6 })).toBe(
      'One account can hold at most 4 tickets for this event, and you already hold 6. You cannot add more.',
    );
  });

  it("falls back to the server's own sentence for codes it does not know", () => {
    expect(describeError('something_new', 'The server says this.')).toBe('The server says this.');
  });

  it('says why a registration cannot be paid, as the server knows it (a cancelled event, a cancelled order)', () => {
    const why = 'This event was cancelled, so its registrations can no longer be paid.';
    expect(describeError('not_payable', why)).toBe(why);
  });

  it('exposes validation failures per field', () => {
    const error = new ApiError(400, 'validation_failed', 'Some of the input is not valid.', { fields: { 'ticketTypes.0.priceCents': 'Too big' } });
    expect(error.message).toBe('Please check the form: Some of the input is not valid.');
    expect(error.fieldErrors).toEqual({ 'ticketTypes.0.priceCents': 'Too big' });
  });
});
