/** Sets up a test's data over the HTTP API, where the journey is not what the test is about. */

export async function call<T>(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Signs up, verifies with the code from the local mailbox and logs in; returns the access token. */
export async function accountWithToken(baseUrl: string, who: { name: string; email: string; password: string; role: 'organizer' | 'attendee' }): Promise<string> {
  await call(baseUrl, 'POST', '/api/auth/signup', undefined, who);
  const mail = await call<{ items: { text: string }[] }>(baseUrl, 'GET', `/api/dev/mailbox?to=${encodeURIComponent(who.email)}`);
  const code = mail.items.map((m) => /\b(\d{6})\b/.exec(m.text)?.[1]).find(Boolean);
  if (!code) throw new Error(`no verification code mailed to ${who.email}`);
  await call(baseUrl, 'POST', '/api/auth/verify-email', undefined, { email: who.email, code });
  return (await call<{ accessToken: string }>(baseUrl, 'POST', '/api/auth/login', undefined, { email: who.email, password: who.password })).accessToken;
}
