import { rawRequest } from './client.js';

/** Downloads a file that needs the bearer token: fetch -> blob -> temporary object URL. */
export async function downloadWithAuth(path: string, filename: string): Promise<void> {
  const res = await rawRequest('GET', path);
  const url = URL.createObjectURL(await res.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
