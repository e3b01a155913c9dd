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

export const randomTicketCode = (): string => ticketCodeFrom(() => globalThis.crypto.getRandomValues(new Uint8Array(16)));

/** What a person typed, as a code: case, spaces and dashes ignored; null when it cannot be one. */
export function normalizeTicketCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== TICKET_CODE_LENGTH) return null;
  for (const ch of code) if (!TICKET_CODE_ALPHABET.includes(ch)) return null;
  return code;
}
