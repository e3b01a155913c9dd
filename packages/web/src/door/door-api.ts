import type { CheckInResponse, CheckInSyncResult, DoorData } from '../api/shapes.js';
import type { DoorResult, ScanInput } from './verdict.js';

/**
 * The door endpoints as a scanner link calls them: the link's secret is the bearer credential, not
 * the session the typed client manages (shapes are still the generated ones). A failure to reach
 * the server is `DoorOffline`; a 401 is `DoorRevoked`.
 */
export class DoorOffline extends Error {
  constructor() {
    super('The server cannot be reached.');
  }
}

export class DoorRevoked extends Error {
  constructor() {
    super('This scanner link was revoked or has expired.');
  }
}

/** A slow answer is treated as none: the door must not wait on a failing network. */
const TIMEOUT_MS = 4000;

async function call<T>(secret: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${secret}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch {
    throw new DoorOffline();
  }
  if (response.status === 401) throw new DoorRevoked();
  if (!response.ok) throw new Error(`The server answered ${response.status}.`);
  return (await response.json()) as T;
}

const base = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}`;

export function fetchDoorData(eventId: string, secret: string, since: string | null): Promise<DoorData> {
  return call(secret, `${base(eventId)}/door-data${since ? `?since=${encodeURIComponent(since)}` : ''}`);
}

export function checkInLive(eventId: string, secret: string, input: ScanInput, nonce: string): Promise<CheckInResponse> {
  return call(secret, `${base(eventId)}/checkins`, { method: 'POST', body: { ...input, nonce } });
}

export interface SyncScan {
  input: ScanInput;
  nonce: string;
  scannedAt: string;
  resultShown: DoorResult;
}

export async function syncScans(eventId: string, secret: string, deviceId: string, scans: SyncScan[]): Promise<CheckInSyncResult[]> {
  const body = { deviceId, scans: scans.map((s) => ({ ...s.input, nonce: s.nonce, scannedAt: s.scannedAt, resultShown: s.resultShown })) };
  return (await call<{ results: CheckInSyncResult[] }>(secret, `${base(eventId)}/checkins/sync`, { method: 'POST', body })).results;
}
