/** Bytes drawn from the system's CSPRNG a page at a time: one call costs far more than 16 bytes do. */
const PAGE_BYTES = 4096;
let page = new Uint8Array(0);
let offset = 0;

/** `n` fresh random bytes, a view no other call is ever given (take a copy to keep them past a page). */
export function randomBytes(n: number): Uint8Array {
  if (n > PAGE_BYTES) return globalThis.crypto.getRandomValues(new Uint8Array(n));
  if (offset + n > page.length) {
    page = globalThis.crypto.getRandomValues(new Uint8Array(PAGE_BYTES));
    offset = 0;
  }
  const bytes = page.subarray(offset, offset + n);
  offset += n;
  return bytes;
}
