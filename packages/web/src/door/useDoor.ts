import { useCallback, useEffect, useRef, useState } from 'react';
import { importKeys, type KeyRing } from '../scanner/qr-verify.js';
import type { DoorData } from '../api/shapes.js';
import { checkInLive, DoorOffline, DoorRevoked, fetchDoorData, syncScans } from './door-api.js';
import { dequeue, deviceId, enqueue, loadSession, loadTickets, queuedScans, saveSession, saveTickets, type DoorSession, type QueuedScan } from './door-db.js';
import { judgeScan, judgeTicket, markAdmitted, TicketIndex, type DoorTicket, type DoorVerdict, type ScanInput } from './verdict.js';

/** Other doors' check-ins arrive within this; the queue is synced as often. */
export const PULL_INTERVAL_MS = 3000;
/** The sync endpoint takes at most this many scans a call. */
const SYNC_BATCH = 500;
/** Writing 10,000 tickets on every scan would slow the door; the copy is saved at most this often. */
const SAVE_DELAY_MS = 1000;

/** Where this phone admits, as "ALREADY USED at … at <door>" says it: the name the server gives its admissions. */
const doorLabel = (session: DoorSession): string => session.doorName ?? session.listName ?? 'this door';

export type DoorState = 'loading' | 'no-link' | 'ready' | 'revoked';

/**
 * The door for one event on this phone: the local copy (IndexedDB), verdicts made online by the
 * server or offline in the browser, the queue of offline scans, and the sync loop.
 */
export function useDoor(eventId: string) {
  const [state, setState] = useState<DoorState>('loading');
  // null until the server first answers or fails to: navigator.onLine says a network is up, not
  // that the server is reachable through it (venue Wi-Fi without an uplink).
  const [online, setOnline] = useState<boolean | null>(navigator.onLine ? null : false);
  const [session, setSession] = useState<DoorSession | null>(null);
  const [queued, setQueued] = useState<QueuedScan[]>([]);
  const [ticketCount, setTicketCount] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const index = useRef(new TicketIndex());
  const ring = useRef<KeyRing>(new Map());
  const current = useRef<DoorSession | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const persistTickets = useCallback(() => {
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void saveTickets(eventId, index.current.all()), SAVE_DELAY_MS);
    setTicketCount(index.current.size);
  }, [eventId]);

  const updateSession = useCallback(async (change: Partial<DoorSession>) => {
    if (!current.current) return;
    current.current = { ...current.current, ...change };
    setSession(current.current);
    await saveSession(current.current);
  }, []);

  const refreshQueue = useCallback(async () => setQueued(await queuedScans(eventId)), [eventId]);

  /** Any answer from the server means online; none means offline; a 401 means the link is gone. */
  const guard = useCallback(
    async <T,>(request: () => Promise<T>): Promise<T | undefined> => {
      try {
        const answer = await request();
        setOnline(true);
        return answer;
      } catch (e) {
        if (e instanceof DoorOffline) setOnline(false);
        else if (e instanceof DoorRevoked) {
          await updateSession({ revoked: true });
          setState('revoked');
        } else setProblem(e instanceof Error ? e.message : String(e));
        return undefined;
      }
    },
    [updateSession],
  );

  const applyDoorData = useCallback(
    async (data: DoorData, pending: Set<string>) => {
      for (const ticket of data.tickets) {
        // A local admission not yet synced stays: the server has not heard of it.
        if (ticket.status === 'valid' && pending.has(ticket.id)) continue;
        index.current.put({ ...index.current.get(ticket.id), ...ticket });
      }
      if (data.keys.length > 0) ring.current = await importKeys(data.keys);
      await updateSession({
        nextSince: data.nextSince,
        lastPulledAt: new Date().toISOString(),
        eventName: data.event.name,
        timezone: data.event.timezone,
        listName: data.checkinList?.name ?? null,
        doorName: data.door,
        ticketTypeIds: data.checkinList?.ticketTypeIds ?? [],
        ...(data.keys.length > 0 ? { keys: data.keys } : {}),
      });
      // Saved at once, not later: a phone closed right after its first pull must still know every ticket offline.
      if (data.tickets.length > 0) {
        await saveTickets(eventId, index.current.all());
        setTicketCount(index.current.size);
      }
    },
    [eventId, updateSession],
  );

  /** Sends the queue in order, then pulls what changed since the last pull. */
  const syncAndPull = useCallback(async () => {
    const me = current.current;
    if (!me || me.revoked) return;
    const device = await deviceId();
    let scans = await queuedScans(eventId);
    while (scans.length > 0) {
      const batch = scans.slice(0, SYNC_BATCH);
      const results = await guard(() => syncScans(eventId, me.secret, device, batch));
      if (!results) break;
      await dequeue(results.map((r) => r.nonce));
      scans = scans.slice(batch.length);
    }
    await refreshQueue();
    const pending = new Set(scans.flatMap((s) => (s.ticketId ? [s.ticketId] : [])));
    const data = await guard(() => fetchDoorData(eventId, me.secret, me.nextSince));
    if (data) await applyDoorData(data, pending);
  }, [applyDoorData, eventId, guard, refreshQueue]);

  useEffect(() => {
    let stopped = false;
    (async () => {
      const stored = await loadSession(eventId);
      if (stopped) return;
      if (!stored) return setState('no-link');
      current.current = stored;
      setSession(stored);
      index.current = new TicketIndex(await loadTickets(eventId));
      // The copy is saved a moment after a scan; the queue at once: it is the record of admissions.
      for (const queuedScan of await queuedScans(eventId)) {
        const ticket = queuedScan.ticketId ? index.current.get(queuedScan.ticketId) : undefined;
        if (ticket && ticket.status === 'valid') index.current.put(markAdmitted(ticket, queuedScan.scannedAt, doorLabel(stored)));
      }
      setTicketCount(index.current.size);
      ring.current = await importKeys(stored.keys);
      await refreshQueue();
      setState(stored.revoked ? 'revoked' : 'ready');
    })().catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
    return () => {
      stopped = true;
    };
  }, [eventId, refreshQueue]);

  useEffect(() => {
    if (state !== 'ready') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const loop = async () => {
      await syncAndPull().catch(() => undefined);
      if (!stopped) timer = setTimeout(loop, PULL_INTERVAL_MS);
    };
    void loop();
    const wentOffline = () => setOnline(false);
    const cameBack = () => void syncAndPull();
    window.addEventListener('offline', wentOffline);
    window.addEventListener('online', cameBack);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('offline', wentOffline);
      window.removeEventListener('online', cameBack);
    };
  }, [state, syncAndPull]);

  /** One scan: the server's answer while it answers, else the browser's, queued for sync. */
  const scan = useCallback(
    async (input: ScanInput): Promise<DoorVerdict> => {
      const me = current.current!;
      const nonce = crypto.randomUUID();
      const scannedAt = new Date().toISOString();
      if (navigator.onLine && online !== false) {
        const live = await guard(() => checkInLive(eventId, me.secret, input, nonce));
        if (live) {
          const known = live.ticket && index.current.get(live.ticket.id);
          // The server knows which door admitted it, even when this phone's door data is older.
          const ticket: DoorTicket | undefined = known
            ? { ...known, checkedInAt: live.ticket!.checkedInAt ?? known.checkedInAt, checkedInBy: live.ticket!.checkedInBy ?? known.checkedInBy }
            : undefined;
          if (ticket && live.result === 'admitted') index.current.put(markAdmitted(ticket, live.ticket!.checkedInAt ?? scannedAt, doorLabel(me)));
          else if (ticket && live.result === 'already_used') index.current.put({ ...ticket, status: 'used' });
          if (ticket) persistTickets();
          return { result: live.result, ticket: ticket ?? (live.ticket ? { ...live.ticket, code: '', ticketTypeId: '', status: 'used' } : undefined) };
        }
        if (current.current?.revoked) return { result: 'invalid' };
      }
      const verdict = await judgeScan(input, { eventId, ticketTypeIds: me.ticketTypeIds }, index.current, ring.current);
      const admittedTicket = verdict.result === 'admitted' ? verdict.ticket : undefined;
      if (admittedTicket) {
        index.current.put(markAdmitted(admittedTicket, scannedAt, doorLabel(me)));
        persistTickets();
      }
      await enqueue({ nonce, eventId, input, scannedAt, resultShown: verdict.result, ticketId: admittedTicket?.id });
      await refreshQueue();
      return verdict;
    },
    [eventId, guard, online, persistTickets, refreshQueue],
  );

  const search = useCallback((query: string) => index.current.searchByName(query), [ticketCount]);
  const judge = useCallback((ticket: DoorTicket) => judgeTicket(ticket, { eventId, ticketTypeIds: current.current?.ticketTypeIds ?? [] }), [eventId]);

  return { state, online, session, queued, ticketCount, problem, scan, search, judge };
}
