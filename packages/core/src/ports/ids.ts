import { randomBytes } from './random-bytes.js';

/** Random, unguessable identifiers: 128 bits of randomness, base64url, with a readable prefix. */
export interface IdGenerator {
  newId(prefix: string): string;
}

export const randomIds: IdGenerator = {
  newId(prefix) {
    const bytes = randomBytes(16);
    return `${prefix}_${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url')}`;
  },
};
