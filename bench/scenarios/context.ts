import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonClient } from '../lib/http.js';
import { startTicketbooth, type Child } from '../lib/processes.js';
import { mintTokens, seedUsers } from '../lib/seed.js';

export interface Sizes {
  /** Registration attempts in a rush, one account each. */
  rushRequests: number;
  rushSpots: number;
  rushConnections: number;
  /** Issued 10 to an account (the default maxTicketsPerAccount). */
  doorTickets: number;
  doorScanners: number;
  pdfCount: number;
  readSeconds: number;
  readConnections: number;
  /** Fresh processes importing each Lambda bundle. */
  lambdaRuns: number;
  /** The open phase: connections polling the event page, for how long, while `openSpots` sell over `openSaleConnections`. */
  openPollers: number;
  openSeconds: number;
  openSpots: number;
  openSaleConnections: number;
}

export const FULL: Sizes = { rushRequests: 3000, rushSpots: 1000, rushConnections: 100, doorTickets: 10_000, doorScanners: 50, pdfCount: 2000, readSeconds: 10, readConnections: 50, lambdaRuns: 5, openPollers: 5000, openSeconds: 10, openSpots: 1000, openSaleConnections: 500 };
export const QUICK: Sizes = { rushRequests: 1000, rushSpots: 300, rushConnections: 50, doorTickets: 2000, doorScanners: 50, pdfCount: 300, readSeconds: 3, readConnections: 50, lambdaRuns: 3, openPollers: 1000, openSeconds: 5, openSpots: 300, openSaleConnections: 100 };

/** Accounts kept out of the rushes, for recording the answers the bare baseline replays. */
export const SPARE_ACCOUNTS = 8;
export const TICKETS_PER_ACCOUNT = 10;

export interface Stage {
  server: Child;
  client: JsonClient;
  organizerToken: string;
  /** One token an account; each account registers at most once per event. */
  attendeeTokens: string[];
  /**
   * Other tokens of the same accounts, for the rushes' uncounted warm-up: the server remembers a
   * token it verified, and a measured rush of tokens already seen would not pay for verifying them.
   */
  warmUpTokens: string[];
  spareTokens: string[];
  close(): Promise<void>;
}

/** A fresh server on a fresh data folder with pre-created verified accounts and their tokens. */
export async function stage(sizes: Sizes): Promise<Stage> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketbooth-bench-'));
  const accounts = Math.max(sizes.rushRequests, sizes.doorTickets / TICKETS_PER_ACCOUNT);
  const users = await seedUsers(dataDir, accounts + SPARE_ACCOUNTS);
  const server = await startTicketbooth(dataDir);
  const [organizerToken, ...tokens] = await mintTokens(dataDir, [users.organizer, ...users.attendees]);
  const warmUpTokens = await mintTokens(dataDir, users.attendees.slice(0, sizes.rushRequests));
  const client = new JsonClient(server.url, 20);
  return {
    server,
    client,
    organizerToken: organizerToken!,
    attendeeTokens: tokens.slice(0, accounts),
    warmUpTokens,
    spareTokens: tokens.slice(accounts),
    async close() {
      client.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
