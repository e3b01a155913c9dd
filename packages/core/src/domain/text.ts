/**
 * What a person-facing text may hold. Names, places and titles are printed on tickets, mails and
 * calendar files: a control character (NUL, a line break in a name) breaks those formats, and a
 * text of only invisible characters (zero-width spaces, fillers) reads as nobody.
 */

/** Control characters, all of them, or all but line breaks and tabs (for multi-line text). */
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINE_BREAKS = /[^\P{Cc}\t\n\r]/u;
/** Anything that draws: not white space, not a default-ignorable (zero-width, filler), not a control or lone surrogate. */
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cs}]/u;

export function hasControlCharacter(value: string, options: { lineBreaksAllowed?: boolean } = {}): boolean {
  return (options.lineBreaksAllowed ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(value);
}

export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value);
}
