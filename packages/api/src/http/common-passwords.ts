import { passwordListKey, refuseCommonPassword } from '@ticketbooth/core';

/** Shorter ones are refused by length already; about 18,000 of the list's 49,000 remain. */
const MIN_LENGTH = 8;
let common: Promise<ReadonlySet<string>> | undefined;

/**
 * zxcvbn-ts' list of common passwords (from breach corpora, most frequent first), imported and read
 * on first use (about 60 ms and 14 MiB: not in the API function's cold start). Checked before any
 * hashing, in both homes.
 */
export async function refuseWeakPassword(password: string): Promise<void> {
  common ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => new Set(dictionary['passwords-common'].filter((p) => p.length >= MIN_LENGTH).map(passwordListKey)));
  refuseCommonPassword(password, await common);
}
