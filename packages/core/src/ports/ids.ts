/** Random, unguessable identifiers: 128 bits of randomness, base64url, with a readable prefix. */
export interface IdGenerator {
  newId(prefix: string): string;
}

export const randomIds: IdGenerator = {
  newId(prefix) {
    const bytes = new Uint8Array(16);
    globalThis.crypto.getRandomValues(bytes);
    return `${prefix}_${Buffer.from(bytes).toString('base64url')}`;
  },
};
