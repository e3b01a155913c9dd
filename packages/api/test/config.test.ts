import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('needs nothing set for a local start', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './data', demoData: true, production: false, holdMinutes: 15, idempotencyLeaseSeconds: 60 });
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
    expect(loadConfig(production).idempotencyLeaseSeconds).toBe(60);
    expect(() => loadConfig({ ...production, IDEMPOTENCY_LEASE_SECONDS: '2' })).toThrow(/IDEMPOTENCY_LEASE_SECONDS/);
    expect(loadConfig({ IDEMPOTENCY_LEASE_SECONDS: '2' }).idempotencyLeaseSeconds).toBe(2);
  });

  it('rejects nonsense values with a readable message', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ HOLD_MINUTES: '-5' })).toThrow(/HOLD_MINUTES/);
  });
});
