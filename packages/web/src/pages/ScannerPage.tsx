import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ok } from '../api/client.js';
import { messageOf } from '../api/errors.js';
import type { CheckInResponse, CheckInResult, EventStats, TicketEvent } from '../api/shapes.js';
import { signalResult } from '../scanner/feedback.js';
import { useQrReader } from '../scanner/useQrReader.js';
import { usePageTitle } from '../hooks.js';

const RESULT_SHOWN_MS = 2500;
/** Other doors admit people too: the admitted count refreshes on its own. */
const STATS_REFRESH_MS = 15_000;

const RESULT_TEXT: Record<CheckInResult, string> = {
  admitted: 'ADMITTED',
  already_used: 'ALREADY USED',
  invalid: 'INVALID',
  wrong_event: 'WRONG EVENT',
  cancelled: 'CANCELLED',
  not_on_list: 'NOT ON THIS LIST',
};

/** Full-screen door scanner: camera -> QR -> check-in -> big coloured answer. */
export function ScannerPage() {
  const { id = '' } = useParams();
  usePageTitle('Door scanner');
  const [event, setEvent] = useState<TicketEvent | null>(null);
  const [stats, setStats] = useState<EventStats | null>(null);
  const [shown, setShown] = useState<CheckInResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [manual, setManual] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const busy = useRef(false);
  // While a result fills the screen the camera is not read: the door person is looking at the answer.
  const showing = useRef(false);
  const [paused, setPaused] = useState(false);
  const pausedRef = useRef(false);
  pausedRef.current = paused;
  // Typing a code by hand pauses the camera, so a result for the held-up ticket does not cover the form.
  const typingRef = useRef(false);
  typingRef.current = manual.trim() !== '';

  const loadStats = useCallback(() => {
    ok(api.GET('/api/events/{id}/stats', { params: { path: { id } } })).then(setStats, () => undefined);
  }, [id]);

  useEffect(() => {
    ok(api.GET('/api/events/{id}', { params: { path: { id } } })).then(setEvent, (e: unknown) => setError(messageOf(e)));
    loadStats();
    const timer = setInterval(loadStats, STATS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [id, loadStats]);

  const submit = useCallback(
    async (qr: string) => {
      setSubmitting(true);
      setError(null);
      try {
        const response = await ok(api.POST('/api/events/{id}/checkins', { params: { path: { id } }, body: { qr, nonce: crypto.randomUUID() } }));
        signalResult(response.result);
        setShown(response);
        if (response.result === 'admitted') loadStats();
      } catch (e) {
        setError(messageOf(e));
      } finally {
        setSubmitting(false);
      }
    },
    [id, loadStats],
  );

  /**
   * One check-in at a time. The camera drops frames while one is under way; a typed code waits
   * its turn instead, so it is never lost.
   */
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const checkIn = useCallback(
    async (qr: string, source: 'camera' | 'manual') => {
      if (source === 'camera' && busy.current) return;
      busy.current = true;
      const turn = inFlight.current.then(() => submit(qr));
      inFlight.current = turn;
      await turn;
      if (inFlight.current === turn) busy.current = false;
    },
    [submit],
  );

  const blocked = useRef(() => busy.current || showing.current || pausedRef.current || typingRef.current);
  const { video, canvas, cameraState, problem, engine, error: readerError } = useQrReader((qr) => checkIn(qr, 'camera'), blocked);

  useEffect(() => {
    showing.current = shown !== null;
    if (!shown) return;
    const timer = setTimeout(() => setShown(null), RESULT_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [shown]);

  function submitManual(e: FormEvent) {
    e.preventDefault();
    if (manual.trim()) void checkIn(manual.trim(), 'manual').then(() => setManual(''));
  }

  return (
    <main className="scanner" id="main">
      <header className="scanner-bar">
        <Link to={`/organizer/events/${id}`} className="scanner-back">
          ← Dashboard
        </Link>
        <h1 className="scanner-title">{event ? event.name : 'Door scanner'}</h1>
        <p className="scanner-count" aria-live="polite" data-testid="admitted-count">
          {stats ? `${stats.checkedIn} / ${stats.capacity} admitted` : '…'}
        </p>
      </header>
      <div className="scanner-view">
        <video ref={video} muted playsInline autoPlay aria-label="Camera view" className="scanner-video" />
        <canvas ref={canvas} hidden />
        {cameraState === 'on' && (
          <button type="button" className="button button-secondary" aria-pressed={paused} onClick={() => setPaused(!paused)}>
            {paused ? 'Resume scanning' : 'Pause scanning'}
          </button>
        )}
        <p className="scanner-hint" role="status">
          {cameraState === 'starting' && 'Opening the camera…'}
          {cameraState === 'on' && cameraHint(paused, manual.trim() !== '', engine)}
          {cameraState === 'unavailable' && problem}
        </p>
      </div>
      <form className="scanner-manual" onSubmit={submitManual}>
        <label htmlFor="manual-qr">Ticket code (manual entry)</label>
        <div className="row">
          <input id="manual-qr" value={manual} autoComplete="off" onChange={(e) => setManual(e.target.value)} />
          <button type="submit" className="button" disabled={submitting || !manual.trim()}>
            {submitting ? 'Working…' : 'Check in'}
          </button>
        </div>
      </form>
      <div role="alert" aria-live="assertive" className={error || readerError ? 'alert alert-error' : 'visually-empty'}>
        {error ?? readerError}
      </div>
      <div aria-live="assertive" role="status" data-testid="scan-result">
        {shown && (
          <button type="button" className={`scan-result result-${shown.result}`} onClick={() => setShown(null)}>
            <span className="scan-result-word">{RESULT_TEXT[shown.result]}</span>
            {shown.ticket && (
              <span className="scan-result-who">
                {shown.ticket.attendeeName} · {shown.ticket.ticketTypeName}
              </span>
            )}
            <span className="scan-result-dismiss">Tap to continue</span>
          </button>
        )}
      </div>
    </main>
  );
}

function cameraHint(paused: boolean, typing: boolean, engine: string): string {
  if (paused) return 'Scanning paused.';
  if (typing) return 'Scanning paused while you type a code.';
  return `Point the camera at a ticket's QR code.${engine ? ` (${engine})` : ''}`;
}
