import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { generateSigningKey, type SigningKey } from '@ticketbooth/tickets';
import type { Config } from '../config.js';

const SecretsFile = z.object({
  jwtSecret: z.string().min(43),
  linkSecret: z.string().min(43),
  signingKeys: z.array(z.object({ keyId: z.string().min(1), privateKeyPem: z.string().min(1) })).min(1),
  activeKeyId: z.string().min(1),
});

export interface Secrets {
  jwtSecret: Uint8Array;
  linkSecret: Uint8Array;
  signingKeys: SigningKey[];
  activeKeyId: string;
}

/**
 * Secrets come from the environment in production; locally they are generated on first start and
 * kept in DATA_DIR/secrets.json (mode 0600), so tokens and tickets stay valid across restarts.
 */
export function loadSecrets(config: Config): Secrets {
  const s = config.secrets;
  if (config.production) {
    return {
      jwtSecret: Buffer.from(s.jwtSecret!, 'utf8'),
      linkSecret: Buffer.from(s.linkSecret!, 'utf8'),
      signingKeys: [{ keyId: s.signingKeyId!, privateKeyPem: s.signingKeyPem! }],
      activeKeyId: s.signingKeyId!,
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const path = join(config.dataDir, 'secrets.json');
  if (!existsSync(path)) {
    const key = generateSigningKey();
    const fresh = {
      jwtSecret: randomBytes(32).toString('base64url'),
      linkSecret: randomBytes(32).toString('base64url'),
      signingKeys: [key],
      activeKeyId: key.keyId,
    };
    writeFileSync(`${path}.tmp`, JSON.stringify(fresh, null, 2), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  }
  const stored = SecretsFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  return {
    jwtSecret: Buffer.from(s.jwtSecret ?? stored.jwtSecret, 'utf8'),
    linkSecret: Buffer.from(s.linkSecret ?? stored.linkSecret, 'utf8'),
    signingKeys: stored.signingKeys,
    activeKeyId: stored.activeKeyId,
  };
}
