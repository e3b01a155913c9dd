export interface BlobStore {
  put(key: string, content: Uint8Array, contentType: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** A link that needs no token and stops working at `expiresAt`. */
  signedUrl(key: string, expiresAt: Date, downloadName: string): Promise<string>;
}
