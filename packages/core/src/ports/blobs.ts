export interface BlobStore {
  put(key: string, content: Uint8Array, contentType: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** The bytes put under `key`, or null when there are none. */
  get(key: string): Promise<Uint8Array | null>;
  /** A link that needs no token and stops working at `expiresAt`. */
  signedUrl(key: string, expiresAt: Date, downloadName: string): Promise<string>;
}
