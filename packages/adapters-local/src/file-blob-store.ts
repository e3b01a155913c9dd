import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { BlobStore, Clock } from '@ticketbooth/core';

export type OpenSignedResult =
  | { ok: true; content: Uint8Array; contentType: string; downloadName: string }
  | { ok: false; reason: 'invalid' | 'expired' | 'missing' };

export interface FileBlobStore extends BlobStore {
  /** Checks a link made by signedUrl (HMAC-SHA256 over key, expiry and name) and reads the file. */
  openSigned(key: string, query: { expires?: string; name?: string; sig?: string }): Promise<OpenSignedResult>;
}

const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

/**
 * A blob file starts with one header line naming its content type, so the type is written (and
 * renamed into place) with the bytes in one step: a reader never sees one without the other.
 */
const HEADER_PREFIX = 'ticketbooth-blob/1 ';

const withHeader = (content: Uint8Array, contentType: string): Buffer =>
  Buffer.concat([Buffer.from(`${HEADER_PREFIX}${JSON.stringify({ contentType })}\n`), content]);

/** Reads a blob file; files written before the header existed keep their type in `<file>.meta.json`. */
async function readBlob(path: string): Promise<{ content: Uint8Array; contentType: string }> {
  const file = await readFile(path);
  const end = file.indexOf(0x0a);
  if (file.subarray(0, HEADER_PREFIX.length).toString('latin1') === HEADER_PREFIX && end > 0) {
    const { contentType } = JSON.parse(file.subarray(HEADER_PREFIX.length, end).toString('utf8')) as { contentType: string };
    return { content: new Uint8Array(file.subarray(end + 1)), contentType };
  }
  const { contentType } = JSON.parse(await readFile(`${path}.meta.json`, 'utf8')) as { contentType: string };
  return { content: new Uint8Array(file), contentType };
}

/** Blobs as files under one folder; links are signed and expire, so they can be shared without a token. */
export function createFileBlobStore(options: { dir: string; signingSecret: Uint8Array; publicBaseUrl: string; clock: Clock }): FileBlobStore {
  const root = resolve(options.dir);
  const base = options.publicBaseUrl.replace(/\/$/, '');

  const pathOf = (key: string): string => {
    const path = resolve(root, key);
    if (!KEY.test(key) || key.includes('..') || !path.startsWith(root + sep)) throw new Error(`Invalid blob key "${key}".`);
    return path;
  };
  const signature = (key: string, expires: string, name: string) =>
    createHmac('sha256', options.signingSecret).update(`${key}\n${expires}\n${name}`).digest('base64url');

  return {
    async put(key, content, contentType) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename: a reader never sees half a file, and a crash leaves the old one whole.
      // Random temp names: concurrent puts of one key each rename their own file; the last one wins.
      const tmp = `${path}.${randomBytes(12).toString('hex')}.tmp`;
      try {
        await writeFile(tmp, withHeader(content, contentType));
        await rename(tmp, path);
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      }
    },
    async exists(key) {
      try {
        await stat(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
    async get(key) {
      try {
        return (await readBlob(pathOf(key))).content;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async signedUrl(key, expiresAt, downloadName) {
      pathOf(key);
      const expires = String(Math.floor(expiresAt.getTime() / 1000));
      const sig = signature(key, expires, downloadName);
      return `${base}/api/files/${key.split('/').map(encodeURIComponent).join('/')}?expires=${expires}&name=${encodeURIComponent(downloadName)}&sig=${sig}`;
    },
    async openSigned(key, query) {
      const { expires, name, sig } = query;
      if (!expires || !name || !sig || !/^\d{1,12}$/.test(expires) || !KEY.test(key) || key.includes('..')) return { ok: false, reason: 'invalid' };
      const expected = Buffer.from(signature(key, expires, name));
      const given = Buffer.from(sig);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
      if (Number(expires) * 1000 <= options.clock.now().getTime()) return { ok: false, reason: 'expired' };
      try {
        const { content, contentType } = await readBlob(join(root, key));
        return { ok: true, content, contentType, downloadName: name };
      } catch {
        return { ok: false, reason: 'missing' };
      }
    },
  };
}
