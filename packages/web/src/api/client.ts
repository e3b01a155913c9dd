import createClient from 'openapi-fetch';
import { ApiError } from './errors.js';
import type { paths } from './schema.js';
import type { ErrorBody, Tokens } from './shapes.js';

/**
 * Typed clients for /api, generated from docs/openapi.json (npm run openapi). The access token lives
 * only in memory; the refresh token in localStorage so that a session survives a reload. `api`
 * sends the token and, on a 401, refreshes once and retries; `publicApi` sends none.
 */

const REFRESH_KEY = 'ticketbooth.refreshToken';
let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
let onExpired: () => void = () => {};

export function setSessionExpiredHandler(handler: () => void): void {
  onExpired = handler;
}

export function storeTokens(tokens: Tokens): void {
  accessToken = tokens.accessToken;
  localStorage.setItem(REFRESH_KEY, tokens.refreshToken);
}

export function clearTokens(): void {
  accessToken = null;
  localStorage.removeItem(REFRESH_KEY);
}

export function storedRefreshToken(): string | null {
  return localStorage.getItem(REFRESH_KEY);
}

async function send(request: Request): Promise<Response> {
  try {
    // Revalidated every time (a 304 when the ETag still matches): public reads' max-age is for CDNs
    // and other clients; the app itself shows spots as the server counts them now.
    return await fetch(request, { cache: 'no-cache' });
  } catch {
    throw new ApiError(0, 'network', '');
  }
}

async function sendWithSession(request: Request): Promise<Response> {
  const withToken = (r: Request): Request => {
    if (accessToken) r.headers.set('authorization', `Bearer ${accessToken}`);
    return r;
  };
  // Kept unread for the retry: a request's body can be sent only once.
  const retry = request.clone();
  let res = await send(withToken(request));
  if (res.status === 401 && storedRefreshToken()) {
    if (await refreshSession()) res = await send(withToken(retry));
    else onExpired();
  }
  return res;
}

// The API is on the page's own origin (both homes serve the app and /api together).
export const publicApi = createClient<paths>({ baseUrl: location.origin, fetch: send });
export const api = createClient<paths>({ baseUrl: location.origin, fetch: sendWithSession });

/** Rotates the refresh token. One at a time: a reused refresh token revokes the session. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = storedRefreshToken();
    if (!refreshToken) return false;
    const result = await publicApi.POST('/api/auth/refresh', { body: { refreshToken } }).catch(() => null);
    if (!result) return false;
    if (!result.data) {
      clearTokens();
      return false;
    }
    storeTokens(result.data);
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** What both clients answer: the data of a success, or a failure with the server's error body. */
interface Answer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; a failure is thrown as an ApiError carrying the server's code. */
export async function ok<D>(pending: Promise<Answer<D>>): Promise<D> {
  const { data, error, response } = await pending;
  if (!response.ok) throw toApiError(response, error);
  // A success without a body (202, 204) has no data, and its operation's type says so.
  return data as D;
}

function toApiError(response: Response, body: unknown): ApiError {
  const error = typeof body === 'object' && body !== null && 'error' in body ? (body as Partial<ErrorBody>).error : undefined;
  return new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? response.statusText, error?.details);
}
