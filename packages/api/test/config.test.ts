import { describe, expect, it } from 'vitest';
import { ConfigError, loadAwsConfig, loadConfig, serviceSettings } from '../src/config.js';

describe('configuration', () => {
  it('needs nothing set for a local start', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './data', demoData: true, production: false, holdMinutes: 15, maxRequestSeconds: 60 });
  });

  it('production refuses demo data and missing secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('production refuses an Idempotency-Key lease a live request could outlast', () => {
    const production = {
      NODE_ENV: 'production', PUBLIC_URL: 'https://tickets.example', JWT_SECRET: 'j'.repeat(32), LINK_SECRET: 'l'.repeat(32),
      TICKET_SIGNING_KEY_PEM: 'pem', TICKET_SIGNING_KEY_ID: 'k1',
    };
    expect(loadConfig(production).maxRequestSeconds).toBe(60);
    expect(() => loadConfig({ ...production, IDEMPOTENCY_LEASE_SECONDS: '2' })).toThrow(/IDEMPOTENCY_LEASE_SECONDS/);
    expect(loadConfig({ IDEMPOTENCY_LEASE_SECONDS: '2' }).maxRequestSeconds).toBe(2);
  });

  it('TRUST_PROXY: none by default, a hop count or a CIDR list; a bad entry is named', () => {
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual({ kind: 'hops', hops: 1 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,::1' }).trustProxy.kind).toBe('cidrs');
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/8,nginx' })).toThrow(/TRUST_PROXY: "nginx"/);
  });

  it('rejects nonsense values with a readable message', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ HOLD_MINUTES: '-5' })).toThrow(/HOLD_MINUTES/);
  });

  it('one setting, MAX_REQUEST_SECONDS, is the trust window every lease uses; its former name still works', () => {
    expect(loadConfig({ MAX_REQUEST_SECONDS: '90' }).maxRequestSeconds).toBe(90);
    expect(serviceSettings(loadConfig({ MAX_REQUEST_SECONDS: '90' }))).toMatchObject({ maxRequestSeconds: 90 });
    expect(loadConfig({ MAX_REQUEST_SECONDS: '45', IDEMPOTENCY_LEASE_SECONDS: '45' }).maxRequestSeconds).toBe(45);
    expect(() => loadConfig({ MAX_REQUEST_SECONDS: '45', IDEMPOTENCY_LEASE_SECONDS: '90' })).toThrow(/MAX_REQUEST_SECONDS and its former name IDEMPOTENCY_LEASE_SECONDS disagree/);
    expect(() => loadConfig({ MAX_REQUEST_SECONDS: 'a minute' })).toThrow(/MAX_REQUEST_SECONDS/);
  });

  it('the outbox gives up after MAX_JOB_ATTEMPTS tries (10 unless set)', () => {
    expect(serviceSettings(loadConfig({})).maxJobAttempts).toBe(10);
    expect(serviceSettings(loadConfig({ MAX_JOB_ATTEMPTS: '3' })).maxJobAttempts).toBe(3);
    expect(() => loadConfig({ MAX_JOB_ATTEMPTS: '0' })).toThrow(/Invalid configuration: MAX_JOB_ATTEMPTS/);
    expect(() => loadConfig({ MAX_JOB_ATTEMPTS: '2.5' })).toThrow(/MAX_JOB_ATTEMPTS/);
  });

  it('chooses the mock gateway by default and Stripe with both its secrets; a fake Stripe address never in production', () => {
    expect(loadConfig({}).payments).toEqual({ gateway: 'mock' });
    const stripe = { PAYMENTS: 'stripe', STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' };
    expect(loadConfig(stripe).payments).toEqual({ gateway: 'stripe', secretKey: 'sk_test_1', webhookSecret: 'whsec_1' });
    expect(loadConfig({ ...stripe, STRIPE_API_URL: 'http://127.0.0.1:12111' }).payments).toMatchObject({ api: { host: '127.0.0.1', port: 12111, protocol: 'http' } });
    expect(() => loadConfig({ PAYMENTS: 'stripe', STRIPE_SECRET_KEY: 'sk_test_1' })).toThrow(/STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET/);
    expect(() => loadConfig({ ...stripe, STRIPE_WEBHOOK_SECRET: 'oops' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => loadConfig({ ...stripe, PAYMENTS: 'paypal' })).toThrow(/PAYMENTS/);
  });

  describe('the AWS functions', () => {
    const stack = {
      TABLE_NAME: 'ticketbooth', TICKETS_BUCKET: 'tickets', IMAGES_BUCKET: 'images', USER_POOL_ID: 'eu-west-1_pool', USER_POOL_CLIENT_ID: 'client',
      MAIL_FROM: 'Ticketbooth <tickets@example.test>', TICKET_SIGNING_KEY_ID: 'k1', TICKET_SIGNING_KEY_PEM: 'pem',
    };

    it('read the same base settings as the Node server, and are always production', () => {
      const config = loadAwsConfig({ ...stack, HOLD_MINUTES: '20', MAX_REQUEST_SECONDS: '45', MAX_JOB_ATTEMPTS: '4', CORS_ORIGINS: 'https://a.example, https://b.example' });
      expect(config).toMatchObject({
        production: true, holdMinutes: 20, maxRequestSeconds: 45, maxJobAttempts: 4, corsOrigins: ['https://a.example', 'https://b.example'],
        tableName: 'ticketbooth', ticketsBucket: 'tickets', userPoolId: 'eu-west-1_pool', userPoolClientId: 'client',
        signingKey: { keyId: 'k1', privateKeyPem: 'pem' }, logLevel: 'info',
      });
      expect(loadAwsConfig(stack).maxRequestSeconds).toBe(60);
    });

    it('name what the stack failed to set, and refuse a trust window a live request could outlast', () => {
      const { TABLE_NAME: _table, ...withoutTable } = stack;
      expect(() => loadAwsConfig(withoutTable)).toThrow(/Invalid configuration: TABLE_NAME/);
      expect(() => loadAwsConfig({ ...stack, MAIL_FROM: '' })).toThrow(/MAIL_FROM/);
      expect(() => loadAwsConfig({ ...stack, HOLD_MINUTES: 'soon' })).toThrow(/HOLD_MINUTES/);
      expect(() => loadAwsConfig({ ...stack, MAX_REQUEST_SECONDS: '20' })).toThrow(/MAX_REQUEST_SECONDS must be over 30 in production/);
    });

    it('keep event images in a bucket of their own, which the stack must name', () => {
      expect(loadAwsConfig(stack)).toMatchObject({ ticketsBucket: 'tickets', imagesBucket: 'images' });
      const { IMAGES_BUCKET: _images, ...withoutImages } = stack;
      expect(() => loadAwsConfig(withoutImages)).toThrow(/Invalid configuration: IMAGES_BUCKET/);
    });

    it('take Stripe from the environment, with the web address to come back to, and no fake Stripe address', () => {
      const stripe = { ...stack, PAYMENTS: 'stripe', STRIPE_SECRET_KEY: 'sk_live_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' };
      expect(() => loadAwsConfig(stripe)).toThrow(/PUBLIC_URL/);
      expect(loadAwsConfig({ ...stripe, PUBLIC_URL: 'https://tickets.example/' })).toMatchObject({ publicUrl: 'https://tickets.example', payments: { gateway: 'stripe', secretKey: 'sk_live_1' } });
      expect(() => loadAwsConfig({ ...stripe, PUBLIC_URL: 'https://tickets.example', STRIPE_API_URL: 'http://127.0.0.1:1' })).toThrow(/STRIPE_API_URL/);
    });
  });
});
