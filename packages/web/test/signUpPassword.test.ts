import { describe, expect, it } from 'vitest';
import { holdSignUpPassword, takeSignUpPassword } from '../src/signUpPassword.js';

describe('the sign-up password held for verifying', () => {
  it('is given once, for the email it was typed with', () => {
    holdSignUpPassword('Sam@Example.test', 'correct horse battery');
    expect(takeSignUpPassword('sam@example.test ')).toBe('correct horse battery');
    expect(takeSignUpPassword('sam@example.test')).toBeNull();
  });

  it('is forgotten when another email is verified', () => {
    holdSignUpPassword('sam@example.test', 'correct horse battery');
    expect(takeSignUpPassword('someone@example.test')).toBeNull();
    expect(takeSignUpPassword('sam@example.test')).toBeNull();
  });
});
