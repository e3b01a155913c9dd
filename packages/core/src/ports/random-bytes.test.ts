import { describe, expect, it } from 'vitest';
import { randomBytes } from './random-bytes.js';

describe('pooled random bytes', () => {
  it('never give two calls the same bytes of a page, across page boundaries', () => {
    const views = Array.from({ length: 1000 }, (_, i) => randomBytes(1 + (i % 40)));
    for (const [i, a] of views.entries()) {
      expect(a.length).toBe(1 + (i % 40));
      const b = views[i + 1];
      if (b && b.buffer === a.buffer) expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + a.length);
    }
    expect(new Set(views.map((v) => v.buffer)).size).toBeGreaterThan(1);
  });

  it('are random: 1,000 draws of 16 bytes are all different', () => {
    const drawn = new Set(Array.from({ length: 1000 }, () => Buffer.from(randomBytes(16)).toString('hex')));
    expect(drawn.size).toBe(1000);
  });

  it('draw a request larger than a page on its own', () => {
    expect(randomBytes(10_000).length).toBe(10_000);
  });
});
