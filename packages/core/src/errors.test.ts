import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';

describe('DomainError', () => {
  it('captures no stack (it is an answer, not a fault), and leaves other errors theirs', () => {
    const refusal = new DomainError('sold_out', 'Sold out.', { spotsRemaining: 0 });
    expect([refusal.code, refusal.message, refusal.details, refusal instanceof Error]).toEqual(['sold_out', 'Sold out.', { spotsRemaining: 0 }, true]);
    expect(refusal.stack ?? '').not.toContain('\n    at ');
    expect(new Error('a fault').stack).toContain('\n    at ');
  });
});
