import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBlobStoreContract } from '@ticketbooth/store-contract';
import { createFileBlobStore } from '../src/index.js';

describeBlobStoreContract('files on disk', async () => {
  const clock = { now: () => new Date() };
  const blobs = createFileBlobStore({ dir: mkdtempSync(join(tmpdir(), 'blobs-contract-')), signingSecret: new Uint8Array(32).fill(7), publicBaseUrl: 'http://host', clock });
  return {
    blobs,
    async read(key) {
      const url = new URL(await blobs.signedUrl(key, new Date(Date.now() + 60_000), 'blob.bin'));
      const opened = await blobs.openSigned(key, Object.fromEntries(url.searchParams));
      return opened.ok ? { content: opened.content, contentType: opened.contentType } : null;
    },
  };
});

describe('file blob store with signed links', () => {
  const clock = { t: Date.parse('2030-01-01T00:00:00Z'), now() { return new Date(this.t); } };
  const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
  const blobs = createFileBlobStore({ dir, signingSecret: new Uint8Array(32).fill(9), publicBaseUrl: 'http://host', clock });

  const open = async (url: string, tamper?: (q: URLSearchParams) => void) => {
    const u = new URL(url);
    tamper?.(u.searchParams);
    const key = decodeURIComponent(u.pathname.replace('/api/files/', ''));
    return blobs.openSigned(key, Object.fromEntries(u.searchParams));
  };

  it('a link opens the file until it expires', async () => {
    await blobs.put('tickets/t1.pdf', new TextEncoder().encode('%PDF-1.7 test'), 'application/pdf');
    expect(await blobs.exists('tickets/t1.pdf')).toBe(true);
    expect(await blobs.exists('tickets/t2.pdf')).toBe(false);
    const url = await blobs.signedUrl('tickets/t1.pdf', new Date(clock.t + 300_000), 'ticket.pdf');
    const opened = await open(url);
    expect(opened.ok && Buffer.from(opened.content).toString()).toBe('%PDF-1.7 test');
    expect(opened.ok && opened.contentType).toBe('application/pdf');
    clock.t += 301_000;
    expect(await open(url)).toEqual({ ok: false, reason: 'expired' });
  });

  it('opens a blob written before the header line, by its type in the .meta.json beside it', async () => {
    mkdirSync(join(dir, 'tickets'), { recursive: true });
    writeFileSync(join(dir, 'tickets/legacy.pdf'), '%PDF-1.4 legacy');
    writeFileSync(join(dir, 'tickets/legacy.pdf.meta.json'), JSON.stringify({ contentType: 'application/pdf' }));
    const opened = await open(await blobs.signedUrl('tickets/legacy.pdf', new Date(clock.t + 60_000), 'legacy.pdf'));
    expect(opened.ok && { text: Buffer.from(opened.content).toString(), type: opened.contentType }).toEqual({ text: '%PDF-1.4 legacy', type: 'application/pdf' });
  });

  it('leaves no temp file behind, and keeps the type inside the blob file', async () => {
    await blobs.put('tickets/whole.pdf', new TextEncoder().encode('%PDF whole'), 'application/pdf');
    expect(readdirSync(join(dir, 'tickets')).filter((name) => name.startsWith('whole.pdf'))).toEqual(['whole.pdf']);
  });

  it('a tampered link is invalid', async () => {
    await blobs.put('tickets/t3.pdf', new Uint8Array([1]), 'application/pdf');
    const url = await blobs.signedUrl('tickets/t3.pdf', new Date(clock.t + 300_000), 'ticket.pdf');
    expect(await open(url, (q) => q.set('expires', String(Number(q.get('expires')) + 1000)))).toEqual({ ok: false, reason: 'invalid' });
    expect(await open(url, (q) => q.set('name', 'other.pdf'))).toEqual({ ok: false, reason: 'invalid' });
    expect(await open(url, (q) => q.delete('sig'))).toEqual({ ok: false, reason: 'invalid' });
    expect(await blobs.openSigned('tickets/t1.pdf', Object.fromEntries(new URL(url).searchParams))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses keys that climb out of its folder', async () => {
    for (const key of ['../secrets.json', '/etc/passwd', 'tickets/../../x', 'a//b']) {
      await expect(blobs.put(key, new Uint8Array([1]), 'text/plain')).rejects.toThrow();
      expect((await blobs.openSigned(key, { expires: '9999999999', name: 'x', sig: 'x' })).ok).toBe(false);
    }
  });
});
