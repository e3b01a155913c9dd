import { describe, expect, it } from 'vitest';
import { hasControlCharacter, hasVisibleCharacter } from './text.js';

describe('hasVisibleCharacter', () => {
  it('sees names in any script, and emoji joined by zero-width joiners', () => {
    for (const name of ['Ada Lovelace', 'Владимир 山田', 'Фестиваль 音楽祭', 'مرحبا', 'שלום', 'Ελένη', '👩‍💻']) {
      expect(hasVisibleCharacter(name)).toBe(true);
    }
  });

  it('finds nothing to see in zero-width spaces, joiners, fillers and blanks', () => {
    for (const name of ['\u200B\u200B', '\u200D', '\u2060\uFEFF', '\u3164', '\u115F\u1160', ' \u00A0\u3000', '\u202E']) {
      expect(hasVisibleCharacter(name)).toBe(false);
    }
  });
});

describe('hasControlCharacter', () => {
  it('refuses a NUL, an escape or a line break in a one-line text', () => {
    for (const value of ['Ada\u0000', '\u001B[31mAda', 'Ada\nLovelace', 'Ada\tL']) expect(hasControlCharacter(value)).toBe(true);
    expect(hasControlCharacter('Ada Lovelace')).toBe(false);
  });

  it('lets a description keep its line breaks and tabs, but not a NUL', () => {
    expect(hasControlCharacter('Doors open at 7.\r\n\tTalks at 8.', { lineBreaksAllowed: true })).toBe(false);
    expect(hasControlCharacter('Doors\u0000open', { lineBreaksAllowed: true })).toBe(true);
    expect(hasControlCharacter('Bell\u0007', { lineBreaksAllowed: true })).toBe(true);
  });
});
