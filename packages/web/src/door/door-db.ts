import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DoorKey } from '../scanner/qr-verify.js';
import type { DoorResult, DoorTicket, ScanInput } from './verdict.js';

/**
 * The phone's copy of what a door needs, in IndexedDB so it survives a reload offline: the
 * scanner credential per event, the event's tickets and keys, and the queue of scans not yet synced.
 */

export interface DoorSession {
  eventId: string;
  /** The scanner link's secret: a bearer credential for the door endpoints of this event. */
  secret: string;
  eventName: string | null;
  /** The event's IANA time zone: times on screen are the event's, with the zone named. */
  timezone: string | null;
  /** The check-in list's name, or null for a link that admits every ticket type. */
  listName: string | null;
  /** The scanner link's name, as this phone's admissions are named at the other doors (absent before the first pull). */
  doorName?: string | null;
  ticketTypeIds: string[];
  keys: DoorKey[];
  nextSince: string | null;
  /** Set when the server answered 401: the link was revoked or expired. */
  revoked: boolean;
  lastPulledAt: string | null;
  /** When its link was last opened on this phone: the home-screen icon starts the latest door. */
  openedAt: string;
}

export interface QueuedScan {
  nonce: string;
  eventId: string;
  input: ScanInput;
  scannedAt: string;
  resultShown: DoorResult;
  /** The ticket this phone admitted with the scan: kept used locally until the server knows. */
  ticketId?: string;
}

interface DoorSchema extends DBSchema {
  sessions: { key: string; value: DoorSession };
  tickets: { key: string; value: { eventId: string; tickets: DoorTicket[] } };
  queue: { key: string; value: QueuedScan; indexes: { byEvent: string } };
  device: { key: string; value: string };
}

const DB_NAME = 'ticketbooth-door';
let opened: Promise<IDBPDatabase<DoorSchema>> | null = null;

function db(): Promise<IDBPDatabase<DoorSchema>> {
  opened ??= openDB<DoorSchema>(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('sessions', { keyPath: 'eventId' });
      database.createObjectStore('tickets', { keyPath: 'eventId' });
      database.createObjectStore('queue', { keyPath: 'nonce' }).createIndex('byEvent', 'eventId');
      database.createObjectStore('device');
    },
  });
  return opened;
}

/** One id per phone (not per link), so a new link on the same phone carries on its scans. */
export async function deviceId(): Promise<string> {
  const database = await db();
  const known = await database.get('device', 'id');
  if (known) return known;
  const id = `dev_${crypto.randomUUID()}`;
  await database.put('device', id, 'id');
  return id;
}

export async function loadSession(eventId: string): Promise<DoorSession | undefined> {
  return (await db()).get('sessions', eventId);
}

export async function latestSession(): Promise<DoorSession | undefined> {
  const sessions = await (await db()).getAll('sessions');
  return sessions.sort((a, b) => b.openedAt.localeCompare(a.openedAt))[0];
}

export async function saveSession(session: DoorSession): Promise<void> {
  await (await db()).put('sessions', session);
}

export async function loadTickets(eventId: string): Promise<DoorTicket[]> {
  return (await (await db()).get('tickets', eventId))?.tickets ?? [];
}

export async function saveTickets(eventId: string, tickets: DoorTicket[]): Promise<void> {
  await (await db()).put('tickets', { eventId, tickets });
}

export async function enqueue(scan: QueuedScan): Promise<void> {
  await (await db()).put('queue', scan);
}

/** The event's unsynced scans, oldest first (the server settles conflicts by scan time). */
export async function queuedScans(eventId: string): Promise<QueuedScan[]> {
  const scans = await (await db()).getAllFromIndex('queue', 'byEvent', eventId);
  return scans.sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
}

export async function dequeue(nonces: string[]): Promise<void> {
  const tx = (await db()).transaction('queue', 'readwrite');
  await Promise.all([...nonces.map((n) => tx.store.delete(n)), tx.done]);
}
