import { describe, expect, it } from 'vitest';
import { routeKey } from './recorded-answers.js';

describe('the route a recorded answer is replayed for', () => {
  it('stands for any id where the path has one, and keeps the query', () => {
    expect(routeKey('POST', '/api/registrations/reg_AbCdEfGhIjKlMnOpQrStUv/payment-intents')).toBe('POST /api/registrations/:id/payment-intents');
    expect(routeKey('GET', '/api/events?limit=20')).toBe('GET /api/events?limit=20');
    expect(routeKey('GET', '/api/events/evt_0123456789abcdefghijkl')).toBe('GET /api/events/:id');
  });

  it('keeps plain words of a path', () => {
    expect(routeKey('POST', '/api/payment-intents/pi_x/confirm')).toBe('POST /api/payment-intents/pi_x/confirm');
  });
});
