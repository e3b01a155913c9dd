/// <reference types="vite/client" />
/**
 * Makes the door installable and able to reload offline: the door's web manifest (added only on
 * the door, so the attendee site is not offered as a door app) and the app-shell service worker.
 * Not in development, where Vite serves sources that change on every edit.
 */
export function prepareOfflineDoor(): void {
  if (!document.querySelector('link[rel="manifest"]')) {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = '/door.webmanifest';
    document.head.append(link);
  }
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  }
}
