import type { JsonClient } from './http.js';

/** Creates and publishes an event as the organizer; returns its id. */
export async function createEvent(client: JsonClient, token: string, input: { name: string; capacity: number; priceCents: number; daysAhead?: number }): Promise<string> {
  const startsAt = new Date(Date.now() + (input.daysAhead ?? 30) * 86_400_000).toISOString();
  const res = await client.request('POST', '/api/events', {
    name: input.name,
    description: 'Benchmark event',
    category: 'Benchmark',
    location: 'Loopback Hall',
    startsAt,
    currency: 'USD',
    capacity: input.capacity,
    priceCents: input.priceCents,
    publish: true,
  }, token);
  if (res.status !== 201) throw new Error(`event creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
