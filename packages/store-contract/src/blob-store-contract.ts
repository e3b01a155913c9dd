import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '@ticketbooth/core';

export interface BlobStoreHarness {
  blobs: BlobStore;
  /** The blob as a download through its signed link would give it, or null when there is none. */
  read(key: string): Promise<{ content: Uint8Array; contentType: string } | null>;
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** What the ticket service relies on from where it keeps PDFs, for every blob store. */
export function describeBlobStoreContract(name: string, harness: () => Promise<BlobStoreHarness>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let h: BlobStoreHarness;
    const key = () => `contract/${randomUUID()}.bin`;
    beforeAll(async () => {
      h = await harness();
    });

    it('keeps the bytes with their content type, and a second put replaces both', async () => {
      const k = key();
      expect(await h.blobs.exists(k)).toBe(false);
      expect(await h.read(k)).toBeNull();
      await h.blobs.put(k, bytes('first version, longer than the second'), 'text/plain');
      expect(await h.blobs.exists(k)).toBe(true);
      await h.blobs.put(k, bytes('%PDF second'), 'application/pdf');
      const read = await h.read(k);
      expect(read && Buffer.from(read.content).toString()).toBe('%PDF second');
      expect(read?.contentType).toBe('application/pdf');
    });

    it('gives back the bytes put under a key, and null for a key never put', async () => {
      const k = key();
      expect(await h.blobs.get(k)).toBeNull();
      await h.blobs.put(k, bytes('%PDF kept'), 'application/pdf');
      const kept = await h.blobs.get(k);
      expect(kept && Buffer.from(kept).toString()).toBe('%PDF kept');
    });

    it('of 40 concurrent puts of one key all succeed, and the blob is one of them, whole, with its own type', async () => {
      const k = key();
      const versions = Array.from({ length: 40 }, (_, i) => ({
        text: `version ${i} `.repeat(2000 + i * 37),
        contentType: `application/x-version-${i}`,
      }));
      const outcomes = await Promise.allSettled(versions.map((v) => h.blobs.put(k, bytes(v.text), v.contentType)));
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      const read = await h.read(k);
      const stored = read && Buffer.from(read.content).toString();
      const winner = versions.find((v) => v.text === stored);
      expect(winner, 'the stored bytes are exactly one of the puts').toBeDefined();
      expect(read?.contentType).toBe(winner?.contentType);
    });
  });
}
