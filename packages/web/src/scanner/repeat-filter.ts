/**
 * Which camera reads are new scans. A ticket held up in front of the camera is read on every
 * frame; it is handed on once, and again only after it has left the view (no frame showed it for
 * GONE_AFTER_MS) or another code was handed on in between: a deliberate re-scan.
 */

/** The code last handed on, and when a frame last showed it. */
export interface InView {
  text: string;
  seenAt: number;
}

/** No frame showing the code for this long means it was taken away. */
export const GONE_AFTER_MS = 2000;

/**
 * One frame: the text it shows (null: no code), or `blocked` while frames are not read (a result
 * on screen, paused, typing, a scan under way): that time counts as the code still being in view,
 * so it is not read again the moment the result goes away.
 */
export type Frame = { text: string | null } | 'blocked';

export function filterRead(inView: InView | null, frame: Frame, now: number): { submit: string | null; inView: InView | null } {
  if (frame === 'blocked') return { submit: null, inView: inView && { text: inView.text, seenAt: now } };
  const stillThere = inView !== null && now - inView.seenAt < GONE_AFTER_MS;
  if (frame.text === null) return { submit: null, inView: stillThere ? inView : null };
  if (stillThere && inView.text === frame.text) return { submit: null, inView: { text: frame.text, seenAt: now } };
  return { submit: frame.text, inView: { text: frame.text, seenAt: now } };
}
