/**
 * Ed25519 signature checks for the door: WebCrypto where the browser has Ed25519, else the
 * pure-JS @noble/ed25519, loaded (a chunk of its own) only when WebCrypto refuses the key, so
 * browsers that have it never download the library.
 */

/** Whether `signature` is this key's over `message`. */
export type SignatureCheck = (signature: Uint8Array<ArrayBuffer>, message: Uint8Array<ArrayBuffer>) => Promise<boolean>;

/** The key imported into WebCrypto once; rejects where the browser lacks Ed25519. */
export async function webCryptoCheck(rawKey: Uint8Array<ArrayBuffer>): Promise<SignatureCheck> {
  const key = await crypto.subtle.importKey('raw', rawKey, { name: 'Ed25519' }, false, ['verify']);
  return (signature, message) => crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message).catch(() => false);
}

/** The same check in plain JavaScript (SHA-512 still from WebCrypto, which every browser has). */
export async function pureJsCheck(rawKey: Uint8Array<ArrayBuffer>): Promise<SignatureCheck> {
  const { verifyAsync } = await import('@noble/ed25519');
  // RFC 8032's strict rules rather than ZIP 215's, as WebCrypto and the server's OpenSSL decide.
  return (signature, message) => verifyAsync(signature, message, rawKey, { zip215: false }).catch(() => false);
}

/** WebCrypto's check where it takes the key, else the pure-JS one. */
export async function signatureCheck(rawKey: Uint8Array<ArrayBuffer>): Promise<SignatureCheck> {
  try {
    return await webCryptoCheck(rawKey);
  } catch {
    return pureJsCheck(rawKey);
  }
}
