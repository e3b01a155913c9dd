import { DomainError } from '../errors.js';

/** How a password is compared with a list: case and Unicode form do not make a common one rare. */
export const passwordListKey = (password: string): string => password.normalize('NFKC').toLowerCase();

/**
 * A new password (sign-up, reset, change) is refused when it is on a list of common passwords:
 * those are the first an attacker tries, whatever their length. Length itself is checked by the
 * input schema (at least 8 characters).
 */
export function refuseCommonPassword(password: string, common: ReadonlySet<string>): void {
  if (common.has(passwordListKey(password))) {
    throw new DomainError('weak_password', 'This password is one of the most common ones. Choose another: a few unrelated words work well.', {
      fields: { password: 'is a common password' },
    });
  }
}
