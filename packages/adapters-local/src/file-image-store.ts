import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { ImageStore } from '@ticketbooth/core';

/** Variants are JPEG or WebP; the name's extension says which, so the file is the image alone. */
const CONTENT_TYPES: Readonly<Record<string, string>> = { jpg: 'image/jpeg', webp: 'image/webp' };
const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\.(jpg|webp)$/;

export interface FileImageStore extends ImageStore {
  /** The image and its type for the public image route; null for anything that is not a stored variant. */
  open(key: string): Promise<{ bytes: Uint8Array; contentType: string } | null>;
}

/** Event images as plain files under one folder, served publicly by the Node server. */
export function createFileImageStore(options: { dir: string }): FileImageStore {
  const root = resolve(options.dir);
  const pathOf = (key: string): string | null => {
    const path = resolve(root, key);
    return KEY.test(key) && path.startsWith(root + sep) ? path : null;
  };
  const mustPathOf = (key: string): string => {
    const path = pathOf(key);
    if (!path) throw new Error(`Invalid image key "${key}".`);
    return path;
  };
  const read = async (key: string): Promise<Uint8Array | null> => {
    const path = pathOf(key);
    if (!path) return null;
    try {
      return new Uint8Array(await readFile(path));
    } catch {
      return null;
    }
  };

  return {
    async put(key, bytes) {
      const path = mustPathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename: a reader never sees half an image.
      const tmp = `${path}.${randomBytes(12).toString('hex')}.tmp`;
      try {
        await writeFile(tmp, bytes);
        await rename(tmp, path);
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      }
    },
    read,
    async remove(keys) {
      await Promise.all(keys.map((key) => rm(mustPathOf(key), { force: true })));
    },
    async open(key) {
      const bytes = await read(key);
      return bytes ? { bytes, contentType: CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)]! } : null;
    },
  };
}
