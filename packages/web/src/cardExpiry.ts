/**
 * A card's expiry as people type it: "12/30", "12 / 2030", "1230" or "122030" (what a number
 * keypad gives, with no slash). Returns the month and the four-digit year, or a sentence.
 */
export function parseCardExpiry(text: string): { expMonth: number; expYear: number } | { error: string } {
  const compact = text.replace(/\s+/g, '');
  const match = /^(\d{1,2})\/(\d{2}|\d{4})$/.exec(compact) ?? /^(\d{2})(\d{2}|\d{4})$/.exec(compact);
  if (!match) return { error: 'Enter the expiry date as MM/YY, for example 12/30.' };
  const expMonth = Number(match[1]);
  if (expMonth < 1 || expMonth > 12) return { error: 'The expiry month must be between 01 and 12.' };
  const expYear = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return { expMonth, expYear };
}
