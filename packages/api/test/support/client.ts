/** A small HTTP client for tests: remembers its access token, returns status + parsed body. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export class ApiClient {
  token: string | null = null;
  refreshToken: string | null = null;
  user: { id: string; email: string; role: string; name: string } | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.token) (init.headers as Record<string, string>).authorization = `Bearer ${this.token}`;
    // Raw bytes (an image upload) go as they are, with the caller's content type.
    if (body instanceof Uint8Array) init.body = new Uint8Array(body);
    else if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + path, init);
    const text = await res.text();
    let parsed: any = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed, headers: res.headers, text };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }

  /** Signs up, reads the code from the local mailbox, verifies and logs in. */
  async signUpVerified(role: 'organizer' | 'attendee', name = `${role} ${Math.random().toString(36).slice(2, 7)}`): Promise<this> {
    const email = `${role}-${Math.random().toString(36).slice(2, 10)}@example.test`;
    const password = 'correct horse battery';
    const signup = await this.post('/api/auth/signup', { email, password, name, role });
    if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${signup.text}`);
    const code = await this.latestCode(email);
    const verified = await this.post('/api/auth/verify-email', { email, code });
    if (verified.status !== 200) throw new Error(`verify failed: ${verified.status} ${verified.text}`);
    await this.logIn(email, password);
    return this;
  }

  async latestCode(email: string): Promise<string> {
    const mailbox = await this.get(`/api/dev/mailbox?to=${encodeURIComponent(email)}`);
    const message = mailbox.body.items.find((m: { subject: string }) => /verification/i.test(m.subject));
    const code = /\b(\d{6})\b/.exec(message?.text ?? '')?.[1];
    if (!code) throw new Error(`no verification code mailed to ${email}`);
    return code;
  }

  async logIn(email: string, password: string): Promise<ApiResponse> {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status === 200) {
      this.token = res.body.accessToken;
      this.refreshToken = res.body.refreshToken;
      this.user = res.body.user;
    }
    return res;
  }

  /** Trades the refresh token for a fresh pair (after a test moved the clock past expiry). */
  async renew(): Promise<void> {
    const res = await this.post('/api/auth/refresh', { refreshToken: this.refreshToken });
    if (res.status !== 200) throw new Error(`refresh failed: ${res.status} ${res.text}`);
    this.token = res.body.accessToken;
    this.refreshToken = res.body.refreshToken;
  }

  /** A ticket's PDF as its holder downloads it, through the link the API signs (only its path is used: its host is the public URL). */
  async ticketPdf(ticketId: string): Promise<Response> {
    const link = await this.post(`/api/tickets/${ticketId}/download-link`);
    const url = new URL(link.body.url as string);
    return fetch(`${this.baseUrl}${url.pathname}${url.search}`);
  }

  as(token: string | null): ApiClient {
    const other = new ApiClient(this.baseUrl);
    other.token = token;
    return other;
  }
}

export const TEST_CARDS = {
  ok: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2034, cvc: '123' },
  declined: { number: '4000000000000002', expMonth: 12, expYear: 2034, cvc: '123' },
  insufficient: { number: '4000000000009995', expMonth: 12, expYear: 2034, cvc: '123' },
};

export function eventInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const start = new Date(Date.now() + 7 * 86_400_000);
  return {
    name: 'Test Conference',
    description: 'Talks and workshops',
    category: 'Technology',
    location: 'Hall 1, Berlin',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
    timezone: 'Europe/Berlin',
    currency: 'EUR',
    capacity: 100,
    ticketTypes: [
      { name: 'Standard', priceCents: 2500 },
      { name: 'VIP', priceCents: 9900, quantity: 10 },
    ],
    publish: true,
    ...overrides,
  };
}
