import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonClient } from '../lib/http.js';
import { startTicketbooth, type Child } from '../lib/processes.js';
import { mintTokens, seedUsers } from '../lib/seed.js';

export interface Sizes {
  attendees: number;
  rushSpots: number;
  rushClients: number;
  doorTickets: number;
  doorScanners: number;
  pdfCount: number;
  browseRequests: number;
}

export const FULL: Sizes = { attendees: 5000, rushSpots: 1000, rushClients: 500, doorTickets: 10_000, doorScanners: 50, pdfCount: 2000, browseRequests: 20_000 };
export const QUICK: Sizes = { attendees: 1000, rushSpots: 200, rushClients: 200, doorTickets: 2000, doorScanners: 50, pdfCount: 200, browseRequests: 3000 };

export interface Stage {
  server: Child;
  client: JsonClient;
  organizerToken: string;
  attendeeTokens: string[];
  close(): Promise<void>;
}

/** A fresh server on a fresh data folder with pre-created verified accounts and their tokens. */
export async function stage(attendees: number, connections: number): Promise<Stage> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketbooth-bench-'));
  const users = await seedUsers(dataDir, attendees);
  const server = await startTicketbooth(dataDir);
  const [organizerToken, ...attendeeTokens] = await mintTokens(dataDir, [users.organizer, ...users.attendees]);
  const client = new JsonClient(server.url, connections);
  return {
    server,
    client,
    organizerToken: organizerToken!,
    attendeeTokens,
    async close() {
      client.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
