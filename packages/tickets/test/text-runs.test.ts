import { describe, expect, it } from 'vitest';
import { bidiText, rightToLeftParagraphAt, splitRuns, visualRuns } from '../src/text-runs.js';

// Faces by script, as the real ones: 0 Latin and Cyrillic, 1 Hebrew, 2 Arabic, 3 CJK; each has spaces and
// punctuation, but the Arabic face has no middle dot (nor has Noto Naskh Arabic).
const faceFor = (codePoint: number): number => {
  const char = String.fromCodePoint(codePoint);
  if (/\p{Script=Hebrew}/u.test(char)) return 1;
  if (/\p{Script=Arabic}/u.test(char)) return 2;
  if (/\p{Script=Han}/u.test(char)) return 3;
  return 0;
};
const hasGlyph = (face: number, codePoint: number): boolean => !(face === 2 && codePoint === 0xb7);
const runs = (text: string) => splitRuns(text, faceFor, hasGlyph).map((r) => [r.face, r.text, r.rtl]);

describe('text runs', () => {
  it('gives each stretch the face with its glyphs, spaces and punctuation staying with the text before them', () => {
    expect(runs('Владимир 山田, Ada')).toEqual([[0, 'Владимир ', false], [3, '山田, ', false], [0, 'Ada', false]]);
  });

  it('moves the spaces and punctuation after a right-to-left run behind it, so they stay between it and what follows', () => {
    expect(runs('שרה Ada')).toEqual([[1, 'שרה', true], [1, ' ', false], [0, 'Ada', false]]);
    expect(runs('שרה: Ada')).toEqual([[1, 'שרה', true], [1, ': ', false], [0, 'Ada', false]]);
  });

  it('draws right-to-left runs that follow each other last first, with the punctuation between them reversed', () => {
    expect(runs('محمد علي · דוד כהן')).toEqual([[1, 'דוד כהן', true], [0, ' ·', false], [2, ' ', false], [2, 'محمد علي', true]]);
  });

  it('keeps the digit order of a number inside right-to-left text', () => {
    expect(runs('רחוב הרצל 12, תל אביב').map(([, text]) => text)).toEqual(['תל אביב', ' ,12', ' ', 'רחוב הרצל']);
  });

  it('mirrors the brackets of right-to-left text and keeps the number they enclose left to right', () => {
    // The right-to-left run is handed to fontkit in reading order (it reverses it), its bracket already mirrored.
    expect(runs('مهرجان (الدورة 3)')).toEqual([[0, '(3', false], [2, ' ', false], [2, 'مهرجان )الدورة', true]]);
  });

  it('takes the paragraph direction from the first strong letter, placing neutrals by it', () => {
    const hebrew = bidiText('שרה לוי!', faceFor, hasGlyph);
    expect(rightToLeftParagraphAt(hebrew, 0)).toBe(true);
    // The exclamation mark ends a right-to-left paragraph: drawn at its left end.
    expect(visualRuns(hebrew, 0, hebrew.text.length).map((r) => [r.face, r.text, r.rtl])).toEqual([[1, '!', false], [1, 'שרה לוי', true]]);
    expect(rightToLeftParagraphAt(bidiText('12 Ada שרה', faceFor, hasGlyph), 0)).toBe(false);
    expect(rightToLeftParagraphAt(bidiText('12 שרה Ada', faceFor, hasGlyph), 0)).toBe(true);
  });

  it('leaves left-to-right text as it is', () => {
    expect(runs('Tech Summit 2026')).toEqual([[0, 'Tech Summit 2026', false]]);
  });
});
