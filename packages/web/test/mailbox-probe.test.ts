import { describe, expect, it } from 'vitest';
import { hasMailbox } from '../src/api/mailbox-probe.js';

/** A response whose body never ends unless someone cancels it, as a slow or streaming server sends. */
function endlessResponse(status: number) {
  const seen = { cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull: (controller) => controller.enqueue(new TextEncoder().encode('{"items":[')),
    cancel: () => void (seen.cancelled = true),
  }, { highWaterMark: 0 });
  return { seen, response: new Response(body, { status, headers: { 'content-type': 'application/json' } }) };
}

describe('the mailbox probe', () => {
  it('reads only the status and cancels the body, so the request does not stay open', async () => {
    for (const status of [200, 404]) {
      const { seen, response } = endlessResponse(status);
      const asked: string[] = [];
      const available = await hasMailbox(async (input) => (asked.push(String(input)), response));
      expect(available).toBe(status === 200);
      expect(seen.cancelled, String(status)).toBe(true);
      expect(asked).toEqual(['/api/dev/mailbox?limit=1']);
    }
  });

  it('says no mailbox when the request fails', async () => {
    expect(await hasMailbox(() => Promise.reject(new TypeError('offline')))).toBe(false);
  });
});
