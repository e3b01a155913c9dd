import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { passwordListKey, refuseCommonPassword } from './password-strength.js';

const common = new Set(['12345678', 'password1'].map(passwordListKey));
const refusal = (password: string) => {
  try {
    refuseCommonPassword(password, common);
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'other';
  }
};

describe('refuseCommonPassword', () => {
  it('refuses a password on the list', () => {
    expect(refusal('12345678')).toBe('weak_password');
  });

  it('refuses it whatever its case or Unicode form (fullwidth digits)', () => {
    expect(refusal('PassWord1')).toBe('weak_password');
    expect(refusal('１２３４５６７８')).toBe('weak_password');
  });

  it('accepts a password not on the list', () => {
    expect(refusal('correct horse battery')).toBeNull();
  });
});
