import { describe, expect, it } from 'vitest';
import { breakLines } from '../src/line-breaks.js';

/** One unit of width per character. */
const lines = (text: string, width: number) => breakLines(text, width, (start, end) => end - start).map(({ start, end, width }) => [text.slice(start, end), width]);

describe('line breaks', () => {
  it('breaks text in logical order at the last space that keeps a line within the width', () => {
    expect(lines('אולם התרבות העירוני, קומה שלישית', 20)).toEqual([['אולם התרבות העירוני,', 20], ['קומה שלישית', 11]]);
  });

  it('keeps a word wider than the line whole, on a line of its own', () => {
    expect(lines('ab abcdefgh cd', 4)).toEqual([['ab', 2], ['abcdefgh', 8], ['cd', 2]]);
  });
});
