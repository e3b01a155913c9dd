/** Every request body is limited; an offline sync may be larger than the rest. */
export const MAX_BODY_BYTES = 100 * 1024;
/** An offline sync carries up to 500 scans of up to about 1.2 KB each (a QR is about 180 characters). */
export const MAX_SYNC_BODY_BYTES = 640 * 1024;
export const SYNC_PATH = /^\/api\/events\/[^/]+\/checkins\/sync$/;
export const tooLargeMessage = (bytes: number): string => `The request body is larger than ${bytes / 1024} KB.`;
/** An event's cover image is sent as its raw bytes: up to MAX_IMAGE_BYTES (5 MB). */
export const IMAGE_PATH = /^\/api\/events\/[^/]+\/image$/;
