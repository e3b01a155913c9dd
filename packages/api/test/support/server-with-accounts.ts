import { afterAll, beforeAll } from 'vitest';
import type { ApiClient } from './client.js';
import { startTestServer, type TestServer } from './server.js';

export interface ServerWithAccounts {
  t: TestServer;
  organizer: ApiClient;
  attendee: ApiClient;
}

/**
 * A server of the test file's own, with a verified organizer and a verified attendee signed in
 * before its first test and stopped after its last. Read the fields inside tests (they are set in
 * `beforeAll`).
 */
export function useServerWithAccounts(options?: Parameters<typeof startTestServer>[0]): ServerWithAccounts {
  const app = {} as ServerWithAccounts;
  beforeAll(async () => {
    app.t = await startTestServer(options);
    app.organizer = await app.t.client().signUpVerified('organizer');
    app.attendee = await app.t.client().signUpVerified('attendee');
  });
  afterAll(() => app.t.stop());
  return app;
}
