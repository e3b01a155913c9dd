/** An order's ticket mail may be sent again this many times in a window (a mail bomb otherwise). */
export const RESEND_LIMIT = { max: 5, windowMs: 60 * 60_000 } as const;

/**
 * The earlier resends that still count at `now` (those in the last window), oldest first, and when
 * the next one is allowed: null now, else when the oldest counted one leaves the window.
 */
export function resendWindow(resentAt: readonly string[], now: Date): { counted: string[]; nextAllowedAt: string | null } {
  const since = now.getTime() - RESEND_LIMIT.windowMs;
  const counted = resentAt.filter((at) => Date.parse(at) > since).sort();
  const nextAllowedAt = counted.length < RESEND_LIMIT.max ? null : new Date(Date.parse(counted[counted.length - RESEND_LIMIT.max]!) + RESEND_LIMIT.windowMs).toISOString();
  return { counted, nextAllowedAt };
}
