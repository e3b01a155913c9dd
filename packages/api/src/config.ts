import { z } from 'zod';
import { DEFAULT_WAITLIST_OFFER_MINUTES, defaultSettings, type ServiceSettings } from '@ticketbooth/core';
import { parseTrustProxy, type TrustProxy } from './http/client-address.js';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const seconds = z.coerce.number().positive();

/** What every home reads: the Node server (local) and both Lambda functions (AWS). */
const BaseEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOLD_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
  WAITLIST_OFFER_MINUTES: z.coerce.number().int().positive().max(7 * 24 * 60).default(DEFAULT_WAITLIST_OFFER_MINUTES),
  /**
   * The longest a request may take; anything in progress longer is presumed dead. One trust window
   * for three leases: an outbox job's, an Idempotency-Key's, and the age at which a payment left
   * "processing" is reconciled (see ServiceSettings.maxRequestSeconds). Default 60.
   */
  MAX_REQUEST_SECONDS: seconds.optional(),
  /** The former name of MAX_REQUEST_SECONDS, still read. */
  IDEMPOTENCY_LEASE_SECONDS: seconds.optional(),
  /** A failing outbox job is tried this many times, then marked failed and shown to the organizer. */
  MAX_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(defaultSettings.maxJobAttempts),
  CORS_ORIGINS: z.string().default(''),
  MAIL_FROM: z.string().default('Ticketbooth <tickets@ticketbooth.local>'),
  /** The web app's origin: signed ticket links locally, links in mail everywhere (the stack sets it when it has its own domain). */
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The payment gateway: the mock (test cards, the default and the demo) or Stripe Checkout. */
  PAYMENTS: z.enum(['mock', 'stripe']).default('mock'),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_/, 'a Stripe secret key starts sk_ (or rk_ for a restricted key)').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_/, 'a Stripe webhook signing secret starts whsec_').optional(),
  /** Another Stripe API address (a local fake); never in production, where the key must only go to Stripe. */
  STRIPE_API_URL: z.string().url().optional(),
  /** Ticket paper: `auto` prints US Letter for events in the Letter countries (by time zone), A4 elsewhere. */
  TICKET_PAPER: z.enum(['auto', 'a4', 'letter']).default('auto'),
  /** Stripe webhook deliveries one address may make in a minute; more get 429 before any signature work (Stripe retries them). */
  STRIPE_WEBHOOK_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
});

/** The one-machine home: where to listen and keep data; secrets are generated into DATA_DIR unless set. */
const LocalEnv = BaseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Loopback by default; HOST=0.0.0.0 lets phones on the same network reach the door scanner. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DEMO_DATA: flag.optional(),
  SMTP_URL: z.string().url().optional(),
  /** Secrets: generated into DATA_DIR on first start locally; required in production. */
  JWT_SECRET: z.string().min(32).optional(),
  LINK_SECRET: z.string().min(32).optional(),
  TICKET_SIGNING_KEY_PEM: z.string().optional(),
  TICKET_SIGNING_KEY_ID: z.string().optional(),
  WEB_DIR: z.string().optional(),
  /** Password hashes (128 MiB scrypt each) in flight at once, and how many may wait before 503 busy. */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(32),
  /** Sign-ups one client address may make in 15 minutes (checked before the password is hashed). */
  SIGNUP_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** Which reverse proxies' X-Forwarded-For to believe for the client's address (a hop count or CIDR list); none by default. */
  TRUST_PROXY: z.string().default(''),
});

/** The AWS home: what the CDK stack gives the API and worker functions. */
const AwsEnv = BaseEnv.extend({
  TABLE_NAME: z.string().min(1),
  TICKETS_BUCKET: z.string().min(1),
  /** The web app's bucket, set on the API function when the stack deploys the web app: its index.html is served with share tags. */
  WEB_BUCKET: z.string().min(1).optional(),
  /** Event images, under images/ (CloudFront serves them at /images/). */
  IMAGES_BUCKET: z.string().min(1),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  MAIL_FROM: z.string().min(3),
  TICKET_SIGNING_KEY_ID: z.string().min(1),
  TICKET_SIGNING_KEY_PEM: z.string().min(1),
  /** The web app's address; needed with PAYMENTS=stripe (Stripe sends the attendee back there). */
  PUBLIC_URL: z.string().url().optional(),
});

type LogLevel = z.infer<typeof BaseEnv>['LOG_LEVEL'];

/** The gateway a home builds: the mock, or Stripe with its keys (and, in tests, a fake's address). */
export type PaymentsConfig =
  | { gateway: 'mock' }
  | { gateway: 'stripe'; secretKey: string; webhookSecret: string; api?: { host: string; port: number; protocol: 'http' | 'https' } };

/** What every home is configured with. */
export interface BaseConfig {
  production: boolean;
  holdMinutes: number;
  /** How long a waiting-list offer holds its spots. */
  waitlistOfferMinutes: number;
  /** The longest a request may take; anything in progress longer is presumed dead. */
  maxRequestSeconds: number;
  maxJobAttempts: number;
  corsOrigins: string[];
  mailFrom: string;
  logLevel: LogLevel;
  /** The web app's origin, no trailing slash (mails link to it); undefined when not configured. */
  publicUrl: string | undefined;
  payments: PaymentsConfig;
  ticketPaper: 'auto' | 'a4' | 'letter';
  webhookDeliveriesPerMinute: number;
}

export interface Config extends BaseConfig {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  /**
   * PUBLIC_URL as set, the base of the links the API hands out (tickets, scanners); unset, each
   * link is built from the address its request came to (a phone on the LAN gets links it can open).
   */
  linksBaseUrl: string | undefined;
  demoData: boolean;
  smtpUrl: string | undefined;
  secrets: {
    jwtSecret: string | undefined;
    linkSecret: string | undefined;
    signingKeyPem: string | undefined;
    signingKeyId: string | undefined;
  };
  webDir: string | undefined;
  passwordHashing: { concurrency: number; maxQueued: number };
  trustProxy: TrustProxy;
  signUpsPerAddress: number;
}

export interface AwsConfig extends BaseConfig {
  tableName: string;
  ticketsBucket: string;
  webBucket: string | undefined;
  imagesBucket: string;
  userPoolId: string;
  userPoolClientId: string;
  signingKey: { keyId: string; privateKeyPem: string };
  /** The web app's address (required with Stripe), without a trailing slash. */
  publicUrl: string | undefined;
}

export class ConfigError extends Error {}

/** Parses the environment once at start. Defaults need nothing set; production refuses unsafe ones. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parse(LocalEnv, env);
  const base = baseConfig(e, e.NODE_ENV === 'production');
  const demoData = e.DEMO_DATA ?? !base.production;
  if (base.production) {
    if (demoData) throw new ConfigError('DEMO_DATA cannot be enabled in production.');
    const missing = (['JWT_SECRET', 'LINK_SECRET', 'TICKET_SIGNING_KEY_PEM', 'TICKET_SIGNING_KEY_ID', 'PUBLIC_URL'] as const).filter(
      (k) => !e[k],
    );
    if (missing.length) throw new ConfigError(`Production needs ${missing.join(', ')} to be set.`);
  }
  return {
    ...base,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    linksBaseUrl: base.publicUrl,
    demoData,
    smtpUrl: e.SMTP_URL,
    secrets: {
      jwtSecret: e.JWT_SECRET,
      linkSecret: e.LINK_SECRET,
      signingKeyPem: e.TICKET_SIGNING_KEY_PEM,
      signingKeyId: e.TICKET_SIGNING_KEY_ID,
    },
    webDir: e.WEB_DIR,
    passwordHashing: { concurrency: e.PASSWORD_HASH_CONCURRENCY, maxQueued: e.PASSWORD_HASH_QUEUE },
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    signUpsPerAddress: e.SIGNUP_LIMIT,
  };
}

/** The AWS functions' configuration; the AWS home is always production. */
export function loadAwsConfig(env: NodeJS.ProcessEnv = process.env): AwsConfig {
  const e = parse(AwsEnv, env);
  if (e.PAYMENTS === 'stripe' && !e.PUBLIC_URL) throw new ConfigError('PAYMENTS=stripe needs PUBLIC_URL (where Stripe sends the attendee back).');
  return {
    ...baseConfig(e, true),
    tableName: e.TABLE_NAME,
    ticketsBucket: e.TICKETS_BUCKET,
    webBucket: e.WEB_BUCKET,
    imagesBucket: e.IMAGES_BUCKET,
    userPoolId: e.USER_POOL_ID,
    userPoolClientId: e.USER_POOL_CLIENT_ID,
    signingKey: { keyId: e.TICKET_SIGNING_KEY_ID, privateKeyPem: e.TICKET_SIGNING_KEY_PEM },
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
  };
}

/** The services' settings from a home's configuration. */
export function serviceSettings(config: BaseConfig): ServiceSettings {
  return {
    ...defaultSettings,
    holdMinutes: config.holdMinutes,
    waitlistOfferMinutes: config.waitlistOfferMinutes,
    maxRequestSeconds: config.maxRequestSeconds,
    maxJobAttempts: config.maxJobAttempts,
    publicUrl: config.publicUrl ?? null,
  };
}

function trustProxyOf(value: string): TrustProxy {
  try {
    return parseTrustProxy(value);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: TRUST_PROXY: ${(error as Error).message}`);
  }
}

function parse<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  // Parsed once per process: zod's compiled fast path (code generated and compiled on a schema's
  // first parse) costs more at a cold start than the one parse it would speed up.
  const parsed = schema.safeParse(env, { jitless: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

function baseConfig(e: z.infer<typeof BaseEnv>, production: boolean): BaseConfig {
  if (e.MAX_REQUEST_SECONDS !== undefined && e.IDEMPOTENCY_LEASE_SECONDS !== undefined && e.MAX_REQUEST_SECONDS !== e.IDEMPOTENCY_LEASE_SECONDS) {
    throw new ConfigError('MAX_REQUEST_SECONDS and its former name IDEMPOTENCY_LEASE_SECONDS disagree: set one of them.');
  }
  const maxRequestSeconds = e.MAX_REQUEST_SECONDS ?? e.IDEMPOTENCY_LEASE_SECONDS ?? defaultSettings.maxRequestSeconds;
  // Not over the 30 s request timeout, a live request's key (or job, or charge) could be taken over mid-way.
  if (production && maxRequestSeconds <= 30) {
    const name = e.MAX_REQUEST_SECONDS === undefined ? 'IDEMPOTENCY_LEASE_SECONDS' : 'MAX_REQUEST_SECONDS';
    throw new ConfigError(`${name} must be over 30 in production.`);
  }
  return {
    production,
    holdMinutes: e.HOLD_MINUTES,
    waitlistOfferMinutes: e.WAITLIST_OFFER_MINUTES,
    maxRequestSeconds,
    maxJobAttempts: e.MAX_JOB_ATTEMPTS,
    corsOrigins: e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    payments: paymentsConfig(e, production),
    ticketPaper: e.TICKET_PAPER,
    webhookDeliveriesPerMinute: e.STRIPE_WEBHOOK_LIMIT,
  };
}

function paymentsConfig(e: z.infer<typeof BaseEnv>, production: boolean): PaymentsConfig {
  if (e.PAYMENTS === 'mock') return { gateway: 'mock' };
  if (!e.STRIPE_SECRET_KEY || !e.STRIPE_WEBHOOK_SECRET) throw new ConfigError('PAYMENTS=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.');
  if (!e.STRIPE_API_URL) return { gateway: 'stripe', secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET };
  if (production) throw new ConfigError('STRIPE_API_URL is for a local fake and cannot be set in production.');
  const url = new URL(e.STRIPE_API_URL);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const port = url.port ? Number(url.port) : protocol === 'http' ? 80 : 443;
  return { gateway: 'stripe', secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, api: { host: url.hostname, port, protocol } };
}
