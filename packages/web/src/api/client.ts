import { ApiError } from './errors.js';
import type { Tokens } from './types.js';

/**
 * Fetch wrapper for /api. The access token lives only in memory; the refresh token in
 * localStorage so that a session survives a reload. A 401 triggers one refresh and a retry.
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

/** Rotates the refresh token. One at a time: a reused refresh token revokes the session. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = storedRefreshToken();
    if (!refreshToken) return false;
    const res = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    }).catch(() => null);
    if (!res) return false;
    if (!res.ok) {
      clearTokens();
      return false;
    }
    storeTokens((await res.json()) as Tokens);
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

export interface RequestOptions {
  body?: unknown;
  idempotencyKey?: string;
  /** Send the bearer token (default true when we have a session). */
  auth?: boolean;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  if (options.auth !== false && accessToken) headers.authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
}

/** Sends a request; on 401 with a session, refreshes once and retries. Returns the raw response. */
export async function rawRequest(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  let res = await send(method, path, options);
  if (res.status === 401 && options.auth !== false && storedRefreshToken()) {
    if (await refreshSession()) res = await send(method, path, options);
    else onExpired();
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await rawRequest(method, path, options);
  if (res.status === 204 || res.status === 202) return undefined as T;
  return (await res.json()) as T;
}

async function toApiError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
  const error = body?.error;
  return new ApiError(res.status, error?.code ?? `http_${res.status}`, error?.message ?? res.statusText, error?.details);
}
