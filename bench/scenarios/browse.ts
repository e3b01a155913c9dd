import { createEvent } from '../lib/event.js';
import { againstBare, type Paired } from '../lib/paired.js';
import { record, type RecordedAnswers } from '../lib/recorded-answers.js';
import type { Sizes, Stage } from './context.js';

export interface ReadResult extends Paired {
  path: string;
  bytes: number;
  connections: number;
}

export interface BrowseResult {
  listing: ReadResult;
  eventPage: ReadResult;
}

/** One public GET, anonymous, for a fixed time, against a bare server sending the same bytes. */
async function read(s: Stage, sizes: Sizes, path: string): Promise<ReadResult> {
  const sample = await s.client.request('GET', path);
  if (sample.status !== 200) throw new Error(`GET ${path}: ${sample.status}`);
  const answers: RecordedAnswers = {};
  record(answers, 'GET', path, sample.status, sample.raw);
  const paired = await againstBare(s.server, { connections: sizes.readConnections, seconds: sizes.readSeconds, steps: [{ method: 'GET', path }] }, answers);
  return { ...paired, path, bytes: sample.raw.length, connections: sizes.readConnections };
}

/** The public listing (20 a page, 30 events published) and one event's page. */
export async function browse(s: Stage, sizes: Sizes): Promise<BrowseResult> {
  const ids: string[] = [];
  for (let i = 0; i < 30; i++) ids.push(await createEvent(s.client, s.organizerToken, { name: `Browse ${i}`, capacity: 100, priceCents: 1000 + i, daysAhead: 10 + i }));
  await s.server.waitUntilIdle();
  return { listing: await read(s, sizes, '/api/events?limit=20'), eventPage: await read(s, sizes, `/api/events/${ids[0]}`) };
}
