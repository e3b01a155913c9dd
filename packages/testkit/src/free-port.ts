import { createServer } from 'node:net';

/** A TCP port of 127.0.0.1 that was free a moment ago (the OS picks it; the probe is closed again). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('the OS gave no port'))));
    });
  });
}
