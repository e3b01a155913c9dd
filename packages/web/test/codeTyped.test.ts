import { describe, expect, it } from 'vitest';
import { codeTyped } from '../src/codeTyped.js';

describe('a mailed code typed or pasted', () => {
  it('keeps the six digits of a pasted code with spaces around or inside', () => {
    expect(codeTyped(' 104690 ')).toBe('104690');
    expect(codeTyped('104 690')).toBe('104690');
    expect(codeTyped('104-690\n')).toBe('104690');
  });

  it('keeps at most six digits', () => {
    expect(codeTyped('1046901')).toBe('104690');
  });
});
