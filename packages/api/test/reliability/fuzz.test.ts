import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventInput, type ApiClient } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { reportFigures } from './figures.js';
import { boundaryArbitrary, invalidArbitrary, validArbitrary, type JsonSchema, type SchemaContext } from './schema-arbitrary.js';
import { sized } from './size.js';

/**
 * Schema-driven fuzzing of every operation of the served OpenAPI document: valid, boundary and
 * invalid inputs (bodies, path ids, query strings, headers, malformed and binary bodies), each sent
 * anonymously, as an attendee, as an organizer and as a door scanner (a scanner link of the fuzzed
 * event, whose secret is a bearer of its own kind). Never a 5xx, never a dropped connection, and
 * every 4xx carries the documented error body. FUZZ_SEED=<n> generates the same inputs again (the
 * server's ids differ from run to run).
 *
 * Found this way and fixed: client-chosen ticket type ids on POST /api/events (a repeated id, or
 * another event's) failed the insert with a 500; a 413 promised keep-alive and then dropped the
 * connection, so the client's next request on it failed.
 */
// At least 40 requests per documented operation (more as operations are added), so each has a fair chance at a 2xx.
const TOTAL_REQUESTS = sized(1200, 10_000);
const REQUESTS_PER_OPERATION = 40;
const ROUNDS = sized(2, 8);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PASSWORD = 'correct horse battery';
const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];
/**
 * Login limits (local home): failed logins only, 60 per client address and 5 per account and
 * address in 15 minutes. The test clock moves on a minute every few logins, and 15 minutes after
 * a fuzzed login was throttled, so 429s stay rare and logins keep being tested.
 */
const LOGINS_PER_WINDOW = 45;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  method: string;
  path: string;
  key: string;
  secured: boolean;
  params: Parameter[];
  body: JsonSchema | null;
  documented: Set<number>;
}

type Body =
  | { mode: 'none' }
  | { mode: 'json'; value: unknown }
  | { mode: 'raw'; data: string | Uint8Array; contentType: string | null };

interface FuzzCase {
  kind: 'valid' | 'boundary' | 'invalid';
  /** Already in URL form (encoded, or raw garbage on purpose). */
  path: Record<string, string>;
  query: string;
  headers: Record<string, string>;
  body: Body;
}

type Who = 'anonymous' | 'attendee' | 'organizer' | 'scanner';
const CALLERS = ['anonymous', 'attendee', 'organizer', 'scanner'] as const;
/** What a scanner credential is for: any other operation answers it 401 by design. */
const DOOR_OPERATIONS = new Set(['POST /api/events/{id}/checkins', 'POST /api/events/{id}/checkins/sync', 'GET /api/events/{id}/door-data']);

/** Path garbage sent as is (not encoded): bad escapes, dot segments, separators. */
const RAW_PATH_GARBAGE = ['%', '%%', '%zz', '%E0%A4%A', '%C0%AF', '%uFFFF', '..', '.', '%2e%2e', '%2F', 'a%2Fb', '..%2F..%2Fsecrets.json', '%00', '%0d%0aX:1', '?', '#', ';', 'a;b=c', '~', '*', '$', '@', '%F0%9F%98%80', '%20', '+', '\\'];
/** Query garbage sent as is. */
const RAW_QUERY_GARBAGE = ['%', '%%', '&&&', '=', '==', 'limit', 'limit=', 'limit[]=1', 'limit[$gt]=0', 'limit=1&limit=2', 'cursor=%%', 'q=%00', 'from=%ZZ', `q=${'x'.repeat(5000)}`, 'to=2026-01-01T00:00:00Z&to=garbage', '__proto__[x]=1', 'constructor[prototype][x]=1'];
const MALFORMED_JSON = ['', '{', '}', '{"a":', '{"a" 1}', "{'a':1}", '[1,2', 'nul', 'tru', 'undefined', 'NaN', '{"a":1}}', '{"a":1,}', '"\\ud800"', '{"a":"\\x41"}', '\u0000', '{"__proto__":', '0x10', '1e999', '[]'.repeat(1000), '['.repeat(50_000)];
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/jsonx', 'APPLICATION/JSON', ''];

function operationsOf(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const params: Parameter[] = [...(item.parameters ?? []), ...(op.parameters ?? [])];
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      ops.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        secured: Array.isArray(op.security) && op.security.length > 0,
        params,
        body,
        documented: new Set(Object.keys(op.responses ?? {}).map(Number)),
      });
    }
  }
  return ops;
}

/** The kind of id a path parameter names, from the segment before it: /api/tickets/{id} -> tickets. */
function idKind(path: string, name: string): string {
  const segments = path.split('/');
  const at = segments.indexOf(`{${name}}`);
  return at > 0 ? segments[at - 1]! : 'unknown';
}

describe('schema-driven fuzzing of every operation', () => {
  let t: TestServer;
  let doc: any;
  let organizer: ApiClient;
  let attendee: ApiClient;
  let scanner: ApiClient;
  /** Real ids by kind (events, registrations, tickets, payment-intents, users, ticket types). */
  const pool: Record<string, string[]> = { events: [], registrations: [], tickets: [], 'payment-intents': [], users: [], 'ticket-types': [], 'scanner-links': [] };
  const hints: Record<string, unknown[]> = {};
  let currentEvent = '';
  let fixtureSets = 0;

  const add = (kind: string, ...ids: string[]) => {
    for (const id of ids) if (!pool[kind]!.includes(id)) pool[kind]!.push(id);
  };

  async function createFixtures(): Promise<void> {
    const created = await organizer.post('/api/events', eventInput({
      name: `Fuzz target ${++fixtureSets}`,
      capacity: 100_000,
      ticketTypes: [{ name: 'Free', priceCents: 0 }, { name: 'Paid', priceCents: 1500, quantity: 50_000 }],
    }));
    expect(created.status, created.text).toBe(201);
    currentEvent = created.body.id;
    const [free, paid] = created.body.ticketTypes as { id: string }[];
    add('events', currentEvent);
    add('ticket-types', free!.id, paid!.id);
    const freeReg = await attendee.post(`/api/events/${currentEvent}/registrations`, { lines: [{ ticketTypeId: free!.id, quantity: 1 }] });
    const paidReg = await attendee.post(`/api/events/${currentEvent}/registrations`, { lines: [{ ticketTypeId: paid!.id, quantity: 1 }] });
    expect([freeReg.status, paidReg.status], freeReg.text + paidReg.text).toEqual([201, 201]);
    const intent = await attendee.post(`/api/registrations/${paidReg.body.id}/payment-intents`);
    expect(intent.status, intent.text).toBe(201);
    add('registrations', freeReg.body.id, paidReg.body.id);
    add('tickets', ...freeReg.body.tickets.map((tk: { id: string }) => tk.id));
    add('payment-intents', intent.body.id);
    (hints.qr ??= []).push(...freeReg.body.tickets.map((tk: { qr: string }) => tk.qr));
    (hints.ticketId ??= []).push(...freeReg.body.tickets.map((tk: { id: string }) => tk.id));
    const list = await organizer.post(`/api/events/${currentEvent}/checkin-lists`, { name: 'Fuzz gate', ticketTypeIds: [free!.id] });
    expect(list.status, list.text).toBe(201);
    (hints.checkinListId ??= []).push(list.body.id);
    // A link for the fuzzed DELETE to revoke; the scanner's own link is never in the pool.
    const spare = await organizer.post(`/api/events/${currentEvent}/scanner-links`, { name: 'Fuzz spare' });
    expect(spare.status, spare.text).toBe(201);
    add('scanner-links', spare.body.id);
  }

  beforeAll(async () => {
    t = await startTestServer();
    // The tokens are obtained before any fuzzing, so no rate limit stands between us and them.
    organizer = await t.client().signUpVerified('organizer');
    attendee = await t.client().signUpVerified('attendee');
    doc = (await t.client().get('/api/openapi.json')).body;
    add('users', organizer.user!.id, attendee.user!.id);
    const draft = await organizer.post('/api/events', eventInput({ name: 'Fuzz draft', publish: false }));
    add('events', draft.body.id);
    await createFixtures();
    const link = await organizer.post(`/api/events/${currentEvent}/scanner-links`, { name: 'Fuzz door' });
    expect(link.status, link.text).toBe(201);
    scanner = t.client().as(new URL(link.body.url).hash.slice(1));
    Object.assign(hints, {
      email: [attendee.user!.email, organizer.user!.email],
      password: [PASSWORD],
      ticketTypeId: pool['ticket-types'],
      id: pool['ticket-types'],
      number: ['4242 4242 4242 4242', '4242424242424242', '4000000000000002', '4000000000009995'],
      currency: ['EUR', 'usd', 'JPY'],
      timezone: ['Europe/Berlin', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Mars/Olympus'],
      cursor: [],
    });
  });
  afterAll(() => t?.stop());

  it(`answers at least ${TOTAL_REQUESTS} fuzzed requests over every documented operation without a 5xx`, async () => {
    const started = performance.now();
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThanOrEqual(25);
    const sessions: Record<Exclude<Who, 'anonymous'>, ApiClient> = { attendee, organizer, scanner };
    const ctx: SchemaContext = { components: doc.components?.schemas ?? {}, hints, now: () => t.clock.now().getTime() };

    const statuses: Record<string, number> = {};
    const byKind: Record<string, number> = { valid: 0, boundary: 0, invalid: 0 };
    const twoXxOps = new Set<string>();
    const undocumented: Record<string, number> = {};
    const perOp: Record<string, number> = {};
    const rateLimitedByOp: Record<string, number> = {};
    const problems: string[] = [];
    let requests = 0;
    let connectionErrors = 0;
    let clientRefused = 0;
    let heldTokenRejected = 0;
    let renewals = 0;
    let loginsInWindow = 0;
    let clockMinutes = 0;
    let renewedAtMinute = 0;
    let accountLocked = false;

    const renew = async (who: Exclude<Who, 'anonymous' | 'scanner'>) => {
      await sessions[who].renew();
      renewals++;
    };

    // The fuzzer knows the held accounts' password, so a fuzzed DELETE /api/me may really delete one
    // (an attendee with no upcoming tickets): the fuzz carries on as a new account.
    const deleted = new Set<'attendee' | 'organizer'>();
    const replaceDeleted = async () => {
      if (deleted.size > 0) {
        // The fuzz may have spent this address's code and sign-up limits (10 and 20 per 15 minutes) by
        // design; the replacement is made once that window has passed, as a real newcomer would wait.
        t.clock.advance(15 * 60_000 + 1000);
        clockMinutes += 16;
      }
      for (const who of deleted) {
        const fresh = await t.client().signUpVerified(who);
        if (who === 'attendee') attendee = fresh;
        else organizer = fresh;
        sessions[who] = fresh;
        add('users', fresh.user!.id);
        hints.email = [attendee.user!.email, organizer.user!.email];
        deleted.delete(who);
        if (who === 'organizer') await createFixtures();
      }
    };

    /** Between operations: keep the held tokens valid and a live, on-sale event to aim at. */
    const maintain = async () => {
      await replaceDeleted();
      if (clockMinutes - renewedAtMinute >= 10) {
        await renew('attendee');
        await renew('organizer');
        renewedAtMinute = clockMinutes;
      }
      for (const who of ['attendee', 'organizer'] as const) {
        if ((await sessions[who].get('/api/me')).status !== 200) await renew(who);
      }
      const ev = await organizer.get(`/api/events/${currentEvent}`);
      for (const tt of ev.body.ticketTypes ?? []) add('ticket-types', tt.id);
      const onSale = ev.status === 200 && ev.body.status === 'published' && Date.parse(ev.body.endsAt) > t.clock.now().getTime() && ev.body.spotsRemaining > 50;
      if (!onSale) await createFixtures();
    };

    const send = async (op: Operation, c: FuzzCase, who: Who) => {
      const url = `${t.url}${op.path.replace(/\{([^}]+)\}/g, (_, name: string) => c.path[name] ?? '')}${c.query}`;
      // A parameter of '.' or '..' (or '%2e') is a dot segment the URL drops: the request reaches another
      // route, so it must still answer well, but not as this operation would (its statuses, its credentials).
      const addressed = !Object.values(c.path).some((v) => /^(\.|%2e){1,2}$/i.test(v));
      const headers: Record<string, string> = { ...c.headers };
      if (who !== 'anonymous') headers.authorization = `Bearer ${sessions[who].token}`;
      let body: BodyInit | undefined;
      if (c.body.mode === 'json') {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(c.body.value) ?? 'null';
      } else if (c.body.mode === 'raw') {
        if (c.body.contentType !== null) headers['content-type'] = c.body.contentType;
        body = typeof c.body.data === 'string' ? c.body.data : new Uint8Array(c.body.data);
      }
      if (op.method === 'GET' || op.method === 'HEAD') body = undefined;
      let res: Response;
      try {
        res = await fetch(url, { method: op.method, headers, body, signal: AbortSignal.timeout(20_000) });
      } catch (error) {
        const err = error as Error & { cause?: { code?: string; message?: string } };
        // undici says "fetch failed" when the connection broke; anything else it refused to send.
        if (err.message === 'fetch failed' || err.name === 'TimeoutError' || err.name === 'AbortError') {
          connectionErrors++;
          throw new Error(`${op.method} ${url} as ${who}: connection error ${err.message} ${err.cause?.code ?? ''} ${err.cause?.message ?? ''}`);
        }
        clientRefused++;
        return null;
      }
      requests++;
      const text = await res.text();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (addressed && !op.documented.has(res.status)) undocumented[`${res.status} ${op.key}`] = (undocumented[`${res.status} ${op.key}`] ?? 0) + 1;
      if (res.status >= 200 && res.status < 300) twoXxOps.add(op.key);
      perOp[op.key] = (perOp[op.key] ?? 0) + 1;
      if (op.key === 'DELETE /api/me' && res.status === 204 && (who === 'attendee' || who === 'organizer')) deleted.add(who);
      if (res.status === 429) rateLimitedByOp[op.key] = (rateLimitedByOp[op.key] ?? 0) + 1;
      let parsed: any;
      if ((res.headers.get('content-type') ?? '').includes('json')) {
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
      }
      const where = `${op.method} ${url.slice(t.url.length, t.url.length + 200)} as ${who} (${c.kind}, body ${c.body.mode})`;
      if (res.status >= 500) problems.push(`${where}: ${res.status} ${text.slice(0, 300)}`);
      if (res.status >= 400 && res.status < 500) {
        const e = parsed?.error;
        const shaped = e && typeof e === 'object' && typeof e.code === 'string' && /^[a-z][a-z0-9_]*$/.test(e.code) && typeof e.message === 'string' && e.message.trim().length > 0;
        if (!shaped) problems.push(`${where}: ${res.status} without the error body: ${res.headers.get('content-type')} ${text.slice(0, 200)}`);
      }
      // A wrong password re-entered (password change, account deletion) is 401 invalid_credentials, not a
      // rejected token; nor is the 401 of an account the fuzz deleted (replaced before the next operation).
      const accountDeleted = (who === 'attendee' || who === 'organizer') && deleted.has(who);
      if (addressed && op.secured && who !== 'anonymous' && !accountDeleted && res.status === 401 && (who !== 'scanner' || DOOR_OPERATIONS.has(op.key)) && parsed?.error?.code !== 'invalid_credentials') heldTokenRejected++;
      return { status: res.status, body: parsed };
    };

    // ---- case generation, per operation ----
    // Lone surrogates cannot be percent-encoded as UTF-8; the raw garbage list covers bad escapes.
    const uri = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
    const encode = (v: unknown) => uri(typeof v === 'string' ? v : JSON.stringify(v) ?? 'undefined');
    const asQueryValue = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v) ?? '');
    const allIds = () => Object.values(pool).flat();

    const pathArb = (op: Operation, p: Parameter, kind: FuzzCase['kind']): fc.Arbitrary<string> => {
      const schema = p.schema ?? { type: 'string' };
      const sameKind = pool[idKind(op.path, p.name)] ?? [];
      if (kind === 'valid') {
        return fc.oneof(
          ...(sameKind.length ? [{ weight: 4, arbitrary: fc.constantFrom(...sameKind) }] : []),
          { weight: 1, arbitrary: validArbitrary(schema, ctx).map(String) },
        ).map(encode);
      }
      if (kind === 'boundary') return boundaryArbitrary(schema, ctx).map(encode);
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...allIds()).map(encode) }, // an id of another kind (or the right one)
        { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 80, unit: 'binary' }).map(encode) },
        { weight: 2, arbitrary: fc.constantFrom(...RAW_PATH_GARBAGE) },
        { weight: 1, arbitrary: invalidArbitrary(schema, ctx).map(encode) },
        { weight: 1, arbitrary: fc.oneof(fc.uuid(), fc.integer().map(String), fc.ulid()).map(encode) },
      );
    };

    const queryArb = (op: Operation, kind: FuzzCase['kind']): fc.Arbitrary<string> => {
      const params = op.params.filter((p) => p.in === 'query');
      const valueArb = (p: Parameter): fc.Arbitrary<string | undefined> => {
        const schema = p.schema ?? { type: 'string' };
        const arb = kind === 'valid' ? validArbitrary(schema, ctx, p.name) : kind === 'boundary' ? boundaryArbitrary(schema, ctx) : fc.oneof(invalidArbitrary(schema, ctx), boundaryArbitrary(schema, ctx));
        return fc.option(arb.map((v) => `${uri(p.name)}=${uri(asQueryValue(v))}`), { nil: undefined, freq: 2 });
      };
      const known = fc.tuple(...params.map(valueArb)).map((parts) => parts.filter((x): x is string => x !== undefined));
      const garbage = kind === 'invalid'
        ? fc.array(fc.oneof(fc.constantFrom(...RAW_QUERY_GARBAGE), fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40, unit: 'binary' })).map(([k, v]) => `${uri(k)}=${uri(v)}`)), { maxLength: 3 })
        : fc.constant<string[]>([]);
      return fc.tuple(params.length ? known : fc.constant<string[]>([]), garbage).map(([a, b]) => {
        const parts = [...a, ...b];
        return parts.length ? `?${parts.join('&')}` : '';
      });
    };

    const headerArb = (op: Operation, kind: FuzzCase['kind']): fc.Arbitrary<Record<string, string>> => {
      const idem = op.params.find((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
      if (!idem) return fc.constant({});
      const value = kind === 'valid'
        ? fc.stringMatching(/^[A-Za-z0-9_.:-]{1,40}$/)
        : kind === 'boundary'
          ? fc.constantFrom('k'.repeat(255), 'k'.repeat(256), 'k', '.', ':', '-'.repeat(255))
          : fc.oneof(fc.constantFrom('has spaces', 'é', 'x'.repeat(300), '"quoted"', 'a,b', '\t'), fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme-ascii' }));
      return fc.option(value.map((v) => ({ [idem.name]: v })), { nil: {}, freq: 3 }) as fc.Arbitrary<Record<string, string>>;
    };

    const garbageBody: fc.Arbitrary<Body> = fc.oneof(
      fc.constantFrom(...MALFORMED_JSON).map((data): Body => ({ mode: 'raw', data, contentType: 'application/json' })),
      fc.uint8Array({ minLength: 1, maxLength: 512 }).map((data): Body => ({ mode: 'raw', data, contentType: 'application/json' })),
      fc.jsonValue({ maxDepth: 3 }).map((value): Body => ({ mode: 'json', value })),
      fc.constant<Body>({ mode: 'raw', data: `{"description":"${'x'.repeat(120 * 1024)}"}`, contentType: 'application/json' }),
    );

    const bodyArb = (op: Operation, kind: FuzzCase['kind']): fc.Arbitrary<Body> => {
      if (!op.body) {
        return kind === 'invalid' ? fc.oneof(fc.constant<Body>({ mode: 'none' }), garbageBody) : fc.constantFrom<Body>({ mode: 'none' }, { mode: 'json', value: {} });
      }
      const schema = op.body;
      if (kind === 'valid') return validArbitrary(schema, ctx).map((value): Body => ({ mode: 'json', value }));
      if (kind === 'boundary') return boundaryArbitrary(schema, ctx).map((value): Body => ({ mode: 'json', value }));
      return fc.oneof(
        { weight: 4, arbitrary: invalidArbitrary(schema, ctx).map((value): Body => ({ mode: 'json', value })) },
        { weight: 3, arbitrary: garbageBody },
        { weight: 1, arbitrary: fc.constant<Body>({ mode: 'none' }) },
        {
          weight: 2,
          arbitrary: fc
            .tuple(validArbitrary(schema, ctx), fc.constantFrom(...CONTENT_TYPES))
            .map(([value, contentType]): Body => ({ mode: 'raw', data: JSON.stringify(value), contentType: contentType || null })),
        },
      );
    };

    const caseArb = (op: Operation): fc.Arbitrary<FuzzCase> => {
      const pathParams = op.params.filter((p) => p.in === 'path');
      const forKind = (kind: FuzzCase['kind']) =>
        fc
          .record({
            path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, pathArb(op, p, kind)]))) as fc.Arbitrary<Record<string, string>>,
            query: queryArb(op, kind),
            headers: headerArb(op, kind),
            body: bodyArb(op, kind),
          })
          .map((parts): FuzzCase => ({ kind, ...parts }));
      // An invalid case keeps some parts valid, so each kind of garbage reaches deeper layers too.
      const mixed = fc
        .tuple(forKind('valid'), forKind('invalid'), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean())
        .map(([ok, bad, p, q, h, b]): FuzzCase => ({
          kind: 'invalid',
          path: p ? bad.path : ok.path,
          query: q ? bad.query : ok.query,
          headers: h ? bad.headers : ok.headers,
          body: b || !(p || q || h) ? bad.body : ok.body,
        }));
      return fc.oneof({ weight: 4, arbitrary: forKind('valid') }, { weight: 3, arbitrary: forKind('boundary') }, { weight: 4, arbitrary: mixed });
    };

    // ---- the run ----
    // Every case is sent four times (anonymous, attendee, organizer, scanner); cases are spread evenly.
    const cases = Math.ceil(Math.max(TOTAL_REQUESTS, REQUESTS_PER_OPERATION * ops.length) / CALLERS.length);
    const runs = ops.length * ROUNDS;
    const numRunsOf = (i: number) => Math.floor(cases / runs) + (i < cases % runs ? 1 : 0);
    let runIndex = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const op of ops) {
        await fc.assert(
          fc.asyncProperty(caseArb(op), async (c) => {
            byKind[c.kind]!++;
            if (op.path === '/api/auth/login') {
              if (accountLocked) {
                // Wrong passwords for a real account locked it (5 per 15 minutes): wait that out,
                // and take fresh tokens since the held ones would not outlive the wait.
                t.clock.advance(15 * 60_000 + 1000);
                clockMinutes += 16;
                await renew('attendee');
                await renew('organizer');
                renewedAtMinute = clockMinutes;
                loginsInWindow = 0;
                accountLocked = false;
              } else if (loginsInWindow + CALLERS.length > LOGINS_PER_WINDOW) {
                t.clock.advance(61_000);
                clockMinutes++;
                loginsInWindow = 0;
              }
              loginsInWindow += CALLERS.length;
            }
            const before = problems.length;
            const answers = await Promise.all(CALLERS.map((who) => send(op, c, who)));
            // A fuzzed logout really ends that session: take a fresh token before the next case.
            if (op.path === '/api/auth/login' && answers.some((a) => a?.status === 429)) accountLocked = true;
            for (const [i, who] of (['attendee', 'organizer'] as const).entries()) {
              if (op.path === '/api/auth/logout' && answers[i + 1]?.status === 204) await renew(who);
            }
            if (problems.length > before) throw new Error(problems.slice(before).join('\n'));
          }),
          { numRuns: numRunsOf(runIndex), seed: SEED + runIndex++, endOnFailure: true },
        );
        await maintain();
      }
    }

    const health = await fetch(`${t.url}/api/health`);
    const unhandled = t.logs.filter((l) => l.includes('"unhandled error"'));
    const durationMs = Math.round(performance.now() - started);
    // The code and mail limits are 10 per address; one address sending ~25 of each meets them by
    // design, so those answers do not count as the fuzz being blunted. Every other 429 does.
    const perAddressByDesign = ['POST /api/auth/verify-email', 'POST /api/auth/resend-verification', 'POST /api/auth/password-reset', 'POST /api/auth/password-reset/confirm'];
    const rateLimited = (statuses[429] ?? 0) - perAddressByDesign.reduce((sum, op) => sum + (rateLimitedByOp[op] ?? 0), 0);
    reportFigures('fuzz', {
      requests,
      operations: ops.length,
      statuses,
      kinds: byKind,
      rateLimited429: rateLimited,
      rateLimitedByOp: Object.entries(rateLimitedByOp).map(([op, n]) => `${op} ${n}/${perOp[op]}`).join(', ') || 'none',
      opsWith2xx: `${twoXxOps.size}/${ops.length}`,
      opsWithout2xx: ops.filter((op) => !twoXxOps.has(op.key)).map((op) => op.key).join(', ') || 'none',
      undocumentedStatuses: undocumented,
      connectionErrors,
      clientRefused,
      heldTokenRejected,
      renewals,
      fixtureSets,
      clockMinutesAdvanced: clockMinutes,
      seed: SEED,
      durationMs,
    });

    expect(problems).toEqual([]);
    expect(undocumented, 'every status answered is in the OpenAPI document').toEqual({});
    expect(connectionErrors).toBe(0);
    expect(Object.keys(statuses).filter((s) => Number(s) >= 500)).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(requests).toBeGreaterThanOrEqual(TOTAL_REQUESTS);
    expect(clientRefused).toBeLessThan(requests * 0.01);
    // The fuzz was not blunted by stale tokens or rate limits.
    expect(heldTokenRejected).toBe(0);
    expect(rateLimited).toBeLessThan(requests * 0.05);
    // Reach: a blunted fuzz (no live event, dead tokens) gets a 2xx from a handful of operations. Some
    // never get one by chance (a mailed code, a Stripe signature, a waiting-list offer), and with 63
    // operations the share that does varied from 52 % to 65 % over seeds, so the floor is half.
    expect(twoXxOps.size).toBeGreaterThanOrEqual(Math.floor(ops.length * 0.5));
  }, sized(120_000, 900_000));
});
