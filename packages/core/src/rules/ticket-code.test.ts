import { describe, expect, it } from 'vitest';
import { TICKET_CODE_ALPHABET, normalizeTicketCode, randomTicketCode, ticketCodeFrom, withRedrawnCodes } from './ticket-code.js';

describe('ticket codes', () => {
  it('are 8 characters with none of 0, O, 1, I or L', () => {
    for (let i = 0; i < 200; i++) {
      const code = randomTicketCode();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      expect(code).not.toMatch(/[01OIL]/);
    }
  });

  it('skip bytes that would bias the alphabet', () => {
    // 248 and above are rejected (248 = 8 * 31); 0 maps to the first character.
    expect(ticketCodeFrom(() => new Uint8Array([255, 248, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe(TICKET_CODE_ALPHABET[0]!.repeat(8));
  });

  it('read a typed code whatever its case, spaces or dashes', () => {
    expect(normalizeTicketCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizeTicketCode(' 2345 6789 ')).toBe('23456789');
  });

  it('refuse a typed code of the wrong length or with look-alike characters', () => {
    expect(normalizeTicketCode('ABCDEFG')).toBeNull();
    expect(normalizeTicketCode('ABCDEFGO')).toBeNull();
    expect(normalizeTicketCode('ABCDEFG1')).toBeNull();
  });

  it('a ticket whose code the store drew anew carries the new code; the others keep theirs', () => {
    const tickets = [{ id: 'tkt_a', code: 'AAAAAAAA' }, { id: 'tkt_b', code: 'BBBBBBBB' }];
    expect(withRedrawnCodes(tickets, { tkt_b: 'CCCCCCCC' })).toEqual([{ id: 'tkt_a', code: 'AAAAAAAA' }, { id: 'tkt_b', code: 'CCCCCCCC' }]);
    expect(withRedrawnCodes(tickets, undefined)).toBe(tickets);
  });
});
