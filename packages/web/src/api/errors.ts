/**
 * API error codes turned into sentences a person understands. Codes whose server message already
 * says why (not_payable: the event was cancelled, or the order is cancelled or expired) show it.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly serverMessage: string,
    readonly details?: unknown,
  ) {
    super(describeError(code, serverMessage, details));
    this.name = 'ApiError';
  }

  /** Field name -> message, when the server rejected particular fields. */
  get fieldErrors(): Record<string, string> {
    const fields = (this.details as { fields?: unknown } | undefined)?.fields;
    if (!fields || typeof fields !== 'object') return {};
    return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  }
}

const SENTENCES: Record<string, string> = {
  invalid_credentials: 'That email and password do not match an account.',
  email_not_verified: 'Please verify your email first: enter the code we sent you.',
  email_taken: 'An account with this email already exists. Try logging in instead.',
  invalid_code: 'That code is not right or has expired. Check the latest email and try again.',
  too_many_attempts: 'Too many attempts. Please wait a minute and try again.',
  card_declined: 'Your card was declined by the bank. No money was taken; try another card.',
  insufficient_funds: 'The card has insufficient funds. No money was taken; try another card.',
  hold_expired: 'Your reserved spots were released because the time ran out. Please register again.',
  sold_out: 'Sorry, there are not enough spots left for that many tickets.',
  not_on_sale: 'Tickets for this event are not on sale.',
  capacity_below_sold: 'Capacity cannot be lower than the number of tickets already sold.',
  invalid_state: 'That is not possible in the current state. Reload the page and try again.',
  forbidden: 'You are not allowed to do that with this account.',
  unauthorized: 'Your session has expired. Please log in again.',
  not_found: 'We could not find that. It may have been removed.',
  idempotency_in_progress: 'This request is still being processed. Please wait a moment.',
  network: 'We could not reach the server. Check your connection and try again.',
};

export function describeError(code: string, serverMessage: string, details?: unknown): string {
  if (code === 'sold_out') {
    const left = (details as { spotsRemaining?: number } | undefined)?.spotsRemaining;
    if (typeof left === 'number') return `Sorry, only ${left} spot${left === 1 ? '' : 's'} left.`;
  }
  // The gateway's reason rides along as declineCode; an expired card is the one a person can fix at once.
  if (code === 'card_declined' && (details as { declineCode?: unknown } | undefined)?.declineCode === 'expired_card') {
    return 'Your card has expired. No money was taken; check the expiry date or use another card.';
  }
  if (code === 'account_limit') {
    const { maxTicketsPerAccount: most, held } = (details ?? {}) as { maxTicketsPerAccount?: number; held?: number };
    if (typeof most === 'number' && typeof held === 'number') {
      const canAdd = Math.max(0, most - held);
      return `One account can hold at most ${most} ticket${most === 1 ? '' : 's'} for this event, and you already hold ${held}. ` +
        (canAdd > 0 ? `You can add up to ${canAdd} more.` : 'You cannot add more.');
    }
  }
  if (code === 'invalid_code' && (details as { reason?: unknown } | undefined)?.reason === 'expired') {
    return 'That code has expired. Ask for a new code and enter the one in the newest email.';
  }
  if (code === 'validation_failed') return `Please check the form: ${serverMessage}`;
  return SENTENCES[code] ?? (serverMessage || 'Something went wrong. Please try again.');
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Please try again.';
}
