import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { saveFile } from '../api/download.js';
import { deviceId, latestSession, loadSession, saveSession } from '../door/door-db.js';
import { useDoor } from '../door/useDoor.js';
import { normalizeCode, type DoorVerdict, type ScanInput } from '../door/verdict.js';
import { VerdictScreen } from '../door/VerdictScreen.js';
import { usePageTitle } from '../hooks.js';
import { prepareOfflineDoor } from '../offline/install.js';
import { signalResult } from '../scanner/feedback.js';
import { useQrReader } from '../scanner/useQrReader.js';

const RESULT_SHOWN_MS = 2500;
const CODE_LENGTH = 8;

/**
 * The door scanner a volunteer opens from a scanner link (/scan/<eventId>#<secret>): no account.
 * The secret is kept in IndexedDB and taken out of the address bar; a reload, even offline,
 * opens the same door from the stored copy.
 */
export function DoorScanPage() {
  const { eventId = '' } = useParams();
  usePageTitle('Door');
  const [stored, setStored] = useState(false);
  const navigate = useNavigate();

  useEffect(prepareOfflineDoor, []);

  useEffect(() => {
    // /scan (the home-screen icon): the door opened last on this phone.
    if (!eventId && location.hash) return setStored(true); // a link without its event: said below
    if (!eventId) {
      void latestSession().then((latest) => (latest ? navigate(`/scan/${latest.eventId}`, { replace: true }) : setStored(true)));
      return;
    }
    const secret = decodeURIComponent(location.hash.slice(1));
    if (!secret) return setStored(true);
    (async () => {
      const previous = await loadSession(eventId);
      // A new link keeps the phone's queue (scans are per event) and downloads everything afresh.
      await saveSession({
        eventId,
        secret,
        eventName: previous?.eventName ?? null,
        timezone: previous?.timezone ?? null,
        listName: previous?.listName ?? null,
        doorName: previous?.doorName ?? null,
        ticketTypeIds: previous?.ticketTypeIds ?? [],
        keys: previous?.keys ?? [],
        nextSince: null,
        revoked: false,
        lastPulledAt: previous?.lastPulledAt ?? null,
        openedAt: new Date().toISOString(),
      });
      await deviceId();
      history.replaceState(null, '', location.pathname);
      setStored(true);
    })();
  }, [eventId]);

  if (!stored) return <main className="scanner" id="main"><h1 className="scanner-title">Opening the door…</h1></main>;
  return <DoorScanner eventId={eventId} />;
}

function DoorScanner({ eventId }: { eventId: string }) {
  const door = useDoor(eventId);
  const [shown, setShown] = useState<DoorVerdict | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [paused, setPaused] = useState(false);
  const blockedState = useRef({ showing: false, paused: false, typing: false, busy: false });
  blockedState.current.showing = shown !== null;
  blockedState.current.paused = paused || door.state !== 'ready';
  blockedState.current.typing = code.trim() !== '' || name.trim() !== '';
  const blocked = useRef(() => Object.values(blockedState.current).some(Boolean));

  const { scan } = door;
  /** One scan at a time; a typed code waits its turn behind a camera read. */
  const inFlight = useRef<Promise<unknown>>(Promise.resolve());
  const check = useCallback(
    (input: ScanInput) => {
      const turn = inFlight.current.then(async () => {
        blockedState.current.busy = true;
        try {
          const verdict = await scan(input);
          signalResult(verdict.result);
          setShown(verdict);
        } finally {
          blockedState.current.busy = false;
        }
      });
      inFlight.current = turn.catch(() => undefined);
      return turn;
    },
    [scan],
  );

  const reader = useQrReader((qr) => check({ qr }), blocked);

  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(null), RESULT_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [shown]);

  function submitCode(e: FormEvent) {
    e.preventDefault();
    const typed = normalizeCode(code);
    if (typed) void check({ code: typed }).then(() => setCode(''));
  }

  const matches = door.search(name);
  const queuedCount = door.queued.length;
  const network = door.online === null ? 'CONNECTING' : door.online ? 'ONLINE' : 'OFFLINE';

  if (door.state === 'loading') return <main className="scanner" id="main"><h1 className="scanner-title">Opening the door…</h1></main>;
  if (door.state === 'no-link') {
    return (
      <main className="scanner" id="main">
        <h1 className="scanner-title">No scanner link on this phone</h1>
        <p className="door-banner">
          {location.hash
            ? "This link does not say which event it is for. Open the scanner link shown on the organizer's Door team page (scan its QR code)."
            : 'Open the scanner link from the organizer (scan its QR code) to start this door.'}
        </p>
      </main>
    );
  }

  return (
    <main className="scanner" id="main">
      <header className="scanner-bar">
        <h1 className="scanner-title">
          {door.session?.eventName ?? 'Door'}
          {door.session?.listName ? ` · ${door.session.listName}` : ''}
        </h1>
        <p className={`door-network door-${network.toLowerCase()}`} role="status" data-testid="network">
          {network}
        </p>
      </header>
      <p className="door-facts">
        <span data-testid="ticket-count">{door.ticketCount} tickets on this phone</span>
        <span data-testid="queued-count">{queuedCount === 0 ? 'all scans synced' : `${queuedCount} scan${queuedCount === 1 ? '' : 's'} waiting to sync`}</span>
      </p>
      {door.online === false && door.state === 'ready' && (
        <p className="door-banner">Offline: scanning goes on with the tickets on this phone. Scans are kept and sent when the network is back.</p>
      )}
      {door.state === 'revoked' && (
        <div className="door-banner door-banner-revoked" role="alert">
          <p>
            <strong>This scanner link was revoked or has expired.</strong> Ask the organizer for a new link and open it on this phone: the{' '}
            {queuedCount} scan{queuedCount === 1 ? '' : 's'} waiting here will be sent with it.
          </p>
          <button type="button" className="button button-secondary" disabled={queuedCount === 0} onClick={() => exportQueue(eventId, door.queued)}>
            Download waiting scans (JSON)
          </button>
        </div>
      )}
      <div className="scanner-view">
        <video ref={reader.video} muted playsInline autoPlay aria-label="Camera view" className="scanner-video" />
        <canvas ref={reader.canvas} hidden />
        {reader.cameraState === 'on' && door.state === 'ready' && (
          <button type="button" className="button button-secondary" aria-pressed={paused} onClick={() => setPaused(!paused)}>
            {paused ? 'Resume scanning' : 'Pause scanning'}
          </button>
        )}
        <p className="scanner-hint">
          {reader.cameraState === 'starting' && 'Opening the camera…'}
          {reader.cameraState === 'on' && (paused ? 'Scanning paused.' : "Point the camera at a ticket's QR code.")}
          {reader.cameraState === 'unavailable' && reader.problem}
        </p>
      </div>
      {door.state === 'ready' && (
        <>
          <form className="scanner-manual" onSubmit={submitCode}>
            <label htmlFor="door-code">Ticket code (8 characters under the QR)</label>
            <div className="row">
              <input id="door-code" value={code} autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={CODE_LENGTH + 4} onChange={(e) => setCode(e.target.value)} />
              <button type="submit" className="button" disabled={!normalizeCode(code)}>
                Check in
              </button>
            </div>
          </form>
          <div className="scanner-manual">
            <label htmlFor="door-name">Search by name</label>
            <input id="door-name" type="search" value={name} autoComplete="off" onChange={(e) => setName(e.target.value)} />
            {name.trim() && (
              <ul className="door-matches" aria-label="Matching tickets">
                {matches.length === 0 && <li>No ticket with that name on this phone.</li>}
                {matches.map((ticket) => (
                  <li key={ticket.id}>
                    <button type="button" className="button button-secondary" onClick={() => void check({ ticketId: ticket.id }).then(() => setName(''))}>
                      {ticket.attendeeName} · {ticket.ticketTypeName} · {ticket.code}
                      {door.judge(ticket).result !== 'admitted' ? ` (${door.judge(ticket).result.replace(/_/g, ' ')})` : ''}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
      <div role="alert" aria-live="assertive" className={door.problem || reader.error ? 'alert alert-error' : 'visually-empty'}>
        {door.problem ?? reader.error}
      </div>
      <div aria-live="assertive" role="status" data-testid="scan-result">
        {shown && <VerdictScreen verdict={shown} timezone={door.session?.timezone ?? undefined} onDismiss={() => setShown(null)} />}
      </div>
    </main>
  );
}

function exportQueue(eventId: string, scans: unknown[]): void {
  const body = JSON.stringify({ eventId, exportedAt: new Date().toISOString(), scans }, null, 2);
  saveFile(new Blob([body], { type: 'application/json' }), `door-scans-${eventId}.json`);
}
