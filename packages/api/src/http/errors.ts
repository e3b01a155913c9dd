import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type ErrorCode } from '@ticketbooth/core';

/** The one place where domain error codes become HTTP statuses. */
const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  invalid_image: 400,
  invalid_code: 400,
  weak_password: 400,
  invalid_promo_code: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  card_declined: 402,
  insufficient_funds: 402,
  forbidden: 403,
  email_not_verified: 403,
  not_found: 404,
  email_taken: 409,
  sold_out: 409,
  not_on_sale: 409,
  capacity_below_sold: 409,
  cancellation_closed: 409,
  invalid_state: 409,
  not_payable: 409,
  hold_expired: 409,
  hold_exists: 409,
  account_limit: 409,
  not_sold_out: 409,
  offer_expired: 410,
  promo_code_used_up: 409,
  code_taken: 409,
  has_upcoming_tickets: 409,
  has_events: 409,
  idempotency_in_progress: 409,
  idempotency_key_reused: 422,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  busy: 503,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Seconds a refused caller should wait: from the error when it knows, else a minute. */
function retryAfterSeconds(error: DomainError): number {
  const details = error.details;
  const given = typeof details === 'object' && details !== null && 'retryAfterSeconds' in details ? details.retryAfterSeconds : undefined;
  return typeof given === 'number' && Number.isFinite(given) && given > 0 ? Math.ceil(given) : 60;
}

export function domainErrorResponse(c: Context, error: DomainError): Response {
  const status = STATUS[error.code];
  if (status === 429 || status === 503) c.header('Retry-After', String(retryAfterSeconds(error)));
  return c.json(errorBody(error.code, error.message, error.details), status);
}

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code];
}
