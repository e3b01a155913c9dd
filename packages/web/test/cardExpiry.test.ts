import { describe, expect, it } from 'vitest';
import { parseCardExpiry } from '../src/cardExpiry.js';

describe('the card expiry field', () => {
  it('reads a slashed, spaced or keypad-typed expiry', () => {
    for (const typed of ['12/30', '12 / 30', '12/2030', '1230', '122030', ' 1230 ']) expect(parseCardExpiry(typed), typed).toEqual({ expMonth: 12, expYear: 2030 });
    expect(parseCardExpiry('1/31')).toEqual({ expMonth: 1, expYear: 2031 });
  });

  it('says what is wrong with an unreadable expiry or an impossible month', () => {
    expect(parseCardExpiry('123')).toEqual({ error: 'Enter the expiry date as MM/YY, for example 12/30.' });
    expect(parseCardExpiry('soon')).toEqual({ error: 'Enter the expiry date as MM/YY, for example 12/30.' });
    expect(parseCardExpiry('1330')).toEqual({ error: 'The expiry month must be between 01 and 12.' });
  });
});
