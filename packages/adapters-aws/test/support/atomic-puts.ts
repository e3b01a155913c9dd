import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { FilesystemStore } from 's3rver';

/**
 * Makes s3rver's puts what S3's are: a put's bytes and metadata replace the object's whole, or not
 * at all, and of concurrent puts of one key one wins. s3rver writes the object file in place and
 * its metadata after it (answering before a buffer is even flushed), so concurrent puts of a key
 * mix bytes and types, a fault of the emulator that the blob store contract would put on the adapter.
 * Each put here is written to a file of its own and renamed over the object, and puts of one key
 * take turns, so the metadata written goes with the bytes it describes.
 */
export function atomicPuts(store: FilesystemStore): void {
  const turns = new Map<string, Promise<unknown>>();
  store.putObject = (object) => {
    const path = store.getResourcePath(object.bucket, object.key, 'object');
    const put = async () => {
      const content = Buffer.isBuffer(object.content) ? object.content : await buffer(object.content);
      const md5 = createHash('md5').update(content).digest('hex');
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${randomUUID()}.tmp`;
      await writeFile(temporary, content);
      await rename(temporary, path);
      await store.putMetadata(object.bucket, object.key, object.metadata, md5);
      return { size: content.length, md5 };
    };
    const done = (turns.get(path) ?? Promise.resolve()).then(put, put);
    const settled = done.catch(() => undefined);
    turns.set(path, settled);
    void settled.then(() => {
      if (turns.get(path) === settled) turns.delete(path);
    });
    return done;
  };
}
