import type { DoorVerdict } from './verdict.js';

const WORDS: Record<DoorVerdict['result'], string> = {
  admitted: 'ADMITTED',
  already_used: 'ALREADY USED',
  cancelled: 'CANCELLED',
  not_on_list: 'NOT ON THIS LIST',
  wrong_event: 'WRONG EVENT',
  invalid: 'INVALID',
};

/** The event's clock time with its zone named ("19:42 CET"). */
const time = (iso: string, timeZone: string | undefined) =>
  new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));

/** "at 19:42 CET at Main entrance": when and where a used ticket was admitted, as far as known. */
export function usedDetail(verdict: DoorVerdict, timeZone?: string): string | null {
  if (verdict.result !== 'already_used' || !verdict.ticket?.checkedInAt) return null;
  const where = verdict.ticket.checkedInBy ? ` at ${verdict.ticket.checkedInBy}` : '';
  return `at ${time(verdict.ticket.checkedInAt, timeZone)}${where}`;
}

/** The full-screen answer: green for admitted, red with the reason for anything else. */
export function VerdictScreen({ verdict, timezone, onDismiss }: { verdict: DoorVerdict; timezone?: string; onDismiss: () => void }) {
  const detail = usedDetail(verdict, timezone);
  return (
    <button type="button" className={`scan-result ${verdict.result === 'admitted' ? 'result-admitted' : 'result-refused'}`} onClick={onDismiss} data-result={verdict.result}>
      <span className="scan-result-word">{WORDS[verdict.result]}</span>
      {detail && <span className="scan-result-detail">{detail}</span>}
      {verdict.ticket && (
        <span className="scan-result-who">
          {verdict.ticket.attendeeName} · {verdict.ticket.ticketTypeName}
        </span>
      )}
      <span className="scan-result-dismiss">Tap to continue</span>
    </button>
  );
}
