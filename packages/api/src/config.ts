import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Loopback by default; HOST=0.0.0.0 lets phones on the same network reach the door scanner. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.string().url().optional(),
  DEMO_DATA: flag.optional(),
  HOLD_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
  /** After this, a retry may take over an Idempotency-Key a crashed request left in progress. */
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().positive().default(60),
  CORS_ORIGINS: z.string().default(''),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Ticketbooth <tickets@ticketbooth.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Secrets: generated into DATA_DIR on first start locally; required in production. */
  JWT_SECRET: z.string().min(32).optional(),
  LINK_SECRET: z.string().min(32).optional(),
  TICKET_SIGNING_KEY_PEM: z.string().optional(),
  TICKET_SIGNING_KEY_ID: z.string().optional(),
  WEB_DIR: z.string().optional(),
});

export interface Config {
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  demoData: boolean;
  holdMinutes: number;
  idempotencyLeaseSeconds: number;
  corsOrigins: string[];
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  secrets: {
    jwtSecret: string | undefined;
    linkSecret: string | undefined;
    signingKeyPem: string | undefined;
    signingKeyId: string | undefined;
  };
  webDir: string | undefined;
}

export class ConfigError extends Error {}

/** Parses the environment once at start. Defaults need nothing set; production refuses unsafe ones. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const demoData = e.DEMO_DATA ?? !production;
  if (production) {
    if (demoData) throw new ConfigError('DEMO_DATA cannot be enabled in production.');
    const missing = (['JWT_SECRET', 'LINK_SECRET', 'TICKET_SIGNING_KEY_PEM', 'TICKET_SIGNING_KEY_ID', 'PUBLIC_URL'] as const).filter(
      (k) => !e[k],
    );
    if (missing.length) throw new ConfigError(`Production needs ${missing.join(', ')} to be set.`);
    // Shorter than the 30 s request timeout, a live request's key could be taken over mid-way.
    if (e.IDEMPOTENCY_LEASE_SECONDS <= 30) throw new ConfigError('IDEMPOTENCY_LEASE_SECONDS must be over 30 in production.');
  }
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    demoData,
    holdMinutes: e.HOLD_MINUTES,
    idempotencyLeaseSeconds: e.IDEMPOTENCY_LEASE_SECONDS,
    corsOrigins: e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    secrets: {
      jwtSecret: e.JWT_SECRET,
      linkSecret: e.LINK_SECRET,
      signingKeyPem: e.TICKET_SIGNING_KEY_PEM,
      signingKeyId: e.TICKET_SIGNING_KEY_ID,
    },
    webDir: e.WEB_DIR,
  };
}
