/** Scanner link secrets: random bearer strings, stored only as their sha256 (WebCrypto, no Node API). */
export const SCANNER_SECRET_PREFIX = 'scn_';

export function newScannerSecret(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return `${SCANNER_SECRET_PREFIX}${Buffer.from(bytes).toString('base64url')}`;
}

export const looksLikeScannerSecret = (token: string): boolean => token.startsWith(SCANNER_SECRET_PREFIX);

export async function scannerSecretHash(secret: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return Buffer.from(digest).toString('base64url');
}
