import { describe, expect, it } from 'vitest';
import { useServerWithAccounts } from './support/server-with-accounts.js';
import { eventInput } from './support/client.js';

describe('the counter shards an organizer asks for at creation (counterShards)', () => {
  const app = useServerWithAccounts();

  it('keeps 1 to 64 as asked, answers null when none was asked, and refuses anything else with 400', async () => {
    const asked = await app.organizer.post('/api/events', eventInput({ capacity: 100, counterShards: 64, publish: true }));
    expect([asked.status, asked.body.counterShards]).toEqual([201, 64]);
    expect((await app.organizer.get(`/api/events/${asked.body.id}`)).body.counterShards).toBe(64);
    expect((await app.organizer.post('/api/events', eventInput({ counterShards: 1 }))).body.counterShards).toBe(1);
    expect((await app.organizer.post('/api/events', eventInput())).body.counterShards).toBeNull();
    for (const bad of [0, 65, 2.5, '8', null]) {
      const refused = await app.organizer.post('/api/events', eventInput({ counterShards: bad }));
      expect([refused.status, refused.body.error?.code, Object.keys(refused.body.error?.details?.fields ?? {})], JSON.stringify(bad)).toEqual([400, 'validation_failed', ['counterShards']]);
    }
  });

  it('is fixed once the event exists: an edit that names it is refused and changes nothing', async () => {
    const event = await app.organizer.post('/api/events', eventInput({ counterShards: 4 }));
    const edit = await app.organizer.patch(`/api/events/${event.body.id}`, { counterShards: 16 });
    expect([edit.status, edit.body.error?.code]).toEqual([400, 'validation_failed']);
    expect((await app.organizer.get(`/api/events/${event.body.id}`)).body.counterShards).toBe(4);
  });
});
