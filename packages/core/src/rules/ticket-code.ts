import { randomBytes as pooledRandomBytes } from '../ports/random-bytes.js';

/**
 * The short code printed under a ticket's QR, typed by hand at the door: 8 characters from an
 * alphabet without look-alikes (no 0/O, 1/I/L). 31^8 is about 8.5e11 codes, so random ones rarely
 * meet within an event; the stores still refuse a repeat.
 */
export const TICKET_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TICKET_CODE_LENGTH = 8;

/** A code from random bytes (at least 8); each byte is reduced without bias by rejection. */
export function ticketCodeFrom(randomBytes: () => Uint8Array): string {
  const n = TICKET_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let code = '';
  while (code.length < TICKET_CODE_LENGTH) {
    for (const byte of randomBytes()) {
      if (byte >= limit) continue;
      code += TICKET_CODE_ALPHABET[byte % n];
      if (code.length === TICKET_CODE_LENGTH) break;
    }
  }
  return code;
}

export const randomTicketCode = (): string => ticketCodeFrom(() => pooledRandomBytes(16));

/**
 * How often a store draws a code again for one ticket whose code was taken. An event would need
 * about 10^11 tickets before a random code missed even once in two; so many misses in a row
 * means a broken generator, and the write fails rather than loop.
 */
export const MAX_CODE_DRAWS = 10;

/** The tickets as stored: each with the code the store drew in place of a taken one, if any. */
export function withRedrawnCodes<T extends { id: string; code: string }>(tickets: T[], redrawn: Record<string, string> | undefined): T[] {
  if (!redrawn) return tickets;
  return tickets.map((t) => (redrawn[t.id] === undefined ? t : { ...t, code: redrawn[t.id]! }));
}

/** What a person typed, as a code: case, spaces and dashes ignored; null when it cannot be one. */
export function normalizeTicketCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== TICKET_CODE_LENGTH) return null;
  for (const ch of code) if (!TICKET_CODE_ALPHABET.includes(ch)) return null;
  return code;
}
