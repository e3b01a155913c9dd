import { dictionary } from '@zxcvbn-ts/language-common';
import { passwordListKey, refuseCommonPassword } from '@ticketbooth/core';

/** Shorter ones are refused by length already; about 18,000 of the list's 49,000 remain. */
const MIN_LENGTH = 8;
let common: ReadonlySet<string> | undefined;

/**
 * zxcvbn-ts' list of common passwords (from breach corpora, most frequent first), read on first
 * use (about 60 ms). Checked before any hashing, in both homes.
 */
export function refuseWeakPassword(password: string): void {
  common ??= new Set(dictionary['passwords-common'].filter((p) => p.length >= MIN_LENGTH).map(passwordListKey));
  refuseCommonPassword(password, common);
}
