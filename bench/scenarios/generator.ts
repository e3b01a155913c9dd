import { drive, type Measured } from '../lib/load.js';
import { startBaseline } from '../lib/processes.js';
import type { Sizes } from './context.js';

/**
 * What the load generator reaches at all: against the bare server answering 2 bytes, at the read
 * scenarios' connections. A bare figure well under this one was not the generator's limit.
 */
export async function generatorCeiling(sizes: Sizes): Promise<Measured> {
  const base = await startBaseline({ 'GET /ceiling': { status: 200, body: Buffer.from('{}').toString('base64') } });
  try {
    return await drive({ url: base.url, connections: sizes.readConnections, seconds: sizes.readSeconds, steps: [{ method: 'GET', path: '/ceiling' }] }, base.pid);
  } finally {
    await base.stop();
  }
}
