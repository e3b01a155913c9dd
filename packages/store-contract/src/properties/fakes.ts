import type { BlobStore, Identity, ImageProcessor, ImageStore, TicketRenderer } from '@ticketbooth/core';

/** In-process stand-ins for what the properties do not test: cheap, and observable where it matters. */

export function memoryBlobs(): BlobStore & { keys: Set<string> } {
  const keys = new Set<string>();
  const contents = new Map<string, Uint8Array>();
  return {
    keys,
    async put(key, content) {
      keys.add(key);
      contents.set(key, content);
    },
    async exists(key) {
      return keys.has(key);
    },
    async get(key) {
      return contents.get(key) ?? null;
    },
    async signedUrl(key) {
      return `memory://${key}`;
    },
  };
}

export const fakeRenderer: TicketRenderer = {
  async pdf({ ticket }) {
    return new TextEncoder().encode(`%PDF-fake ${ticket.id}`);
  },
  async orderPdf({ tickets }) {
    return new TextEncoder().encode(`%PDF-fake ${tickets.map((t) => t.id).join(' ')}`);
  },
  calendar({ registration }) {
    return `BEGIN:VCALENDAR\r\nX-REGISTRATION:${registration.id}\r\nEND:VCALENDAR\r\n`;
  },
};

/** A port the properties never use: any call to it is a mistake and fails. */
const unused = <T extends object>(what: string): T =>
  new Proxy({} as T, {
    get: (_target, prop) => (prop === 'then' ? undefined : () => Promise.reject(new Error(`${what} not used by the store properties.`))),
  });

export const noIdentity = unused<Identity>('Identity is');
/** The properties never upload an image. */
export const noImages = unused<ImageStore & ImageProcessor>('Images are');
