import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/** What the fake was asked, for tests to check what Ticketbooth sent. */
export interface FakeStripeRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  form: Record<string, string>;
}

type Json = Record<string, unknown>;

export interface FakeStripe {
  url: string;
  secretKey: string;
  webhookSecret: string;
  requests: FakeStripeRequest[];
  sessions: Map<string, Json>;
  refunds: Json[];
  /** The attendee pays on the hosted page: the session completes with a succeeded payment. */
  pay(sessionId: string): { session: Json; paymentIntent: Json };
  expire(sessionId: string): void;
  /** An event delivery as Stripe sends it: the raw body and its Stripe-Signature header. */
  delivery(type: string, object: Json, options?: { timestamp?: number; secret?: string }): { body: string; signature: string };
  close(): Promise<void>;
}

/**
 * A local stand-in for the Stripe endpoints Ticketbooth uses: Checkout Sessions create/retrieve,
 * PaymentIntents retrieve, Refunds create, each with Stripe's idempotency (same key, same answer)
 * and field names as in Stripe's OpenAPI description. Webhooks are signed by the SDK's test helper.
 */
export async function startFakeStripe(): Promise<FakeStripe> {
  const secretKey = 'sk_test_fake';
  const webhookSecret = 'whsec_fake';
  const signer = new Stripe(secretKey);
  const requests: FakeStripeRequest[] = [];
  const sessions = new Map<string, Json>();
  const paymentIntents = new Map<string, Json>();
  const refunds: Json[] = [];
  const replies = new Map<string, { status: number; body: Json }>();
  let counter = 0;
  const newId = (prefix: string) => `${prefix}_test_${(++counter).toString(36).padStart(6, '0')}`;
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  const missing = (what: string, id: string) => ({
    status: 404,
    body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}: '${id}'` } },
  });

  const prefixed = (form: Record<string, string>, prefix: string): Record<string, string> =>
    Object.fromEntries(Object.entries(form).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length, -1), v]));

  const createSession = (form: Record<string, string>) => {
    if (form.mode !== 'payment' || !form.success_url || !form.cancel_url) {
      return { status: 400, body: { error: { type: 'invalid_request_error', message: 'mode, success_url and cancel_url are required.' } } };
    }
    const id = newId('cs');
    const session: Json = {
      id,
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      // Created when the session is paid (as on current API versions).
      payment_intent: null,
      url: `https://checkout.stripe.test/c/pay/${id}`,
      amount_total: Number(form['line_items[0][price_data][unit_amount]']) * Number(form['line_items[0][quantity]'] ?? 1),
      currency: form['line_items[0][price_data][currency]'],
      client_reference_id: form.client_reference_id ?? null,
      metadata: prefixed(form, 'metadata['),
      success_url: form.success_url,
      cancel_url: form.cancel_url,
      expires_at: Number(form.expires_at ?? nowSeconds() + 86_400),
      created: nowSeconds(),
      livemode: false,
      paymentIntentMetadata: prefixed(form, 'payment_intent_data[metadata]['),
    };
    sessions.set(id, session);
    return { status: 200, body: visible(session) };
  };

  /** The fake's own bookkeeping field is not part of Stripe's session object. */
  const visible = ({ paymentIntentMetadata: _m, ...session }: Json): Json => session;

  const createRefund = (form: Record<string, string>) => {
    const payment = paymentIntents.get(form.payment_intent ?? '');
    if (!payment) return missing('payment_intent', form.payment_intent ?? '');
    const refund: Json = { id: newId('re'), object: 'refund', payment_intent: payment.id, charge: payment.latest_charge, amount: Number(form.amount ?? payment.amount), currency: payment.currency, status: 'succeeded', metadata: {}, created: nowSeconds() };
    refunds.push(refund);
    return { status: 200, body: refund };
  };

  const route = (method: string, path: string, form: Record<string, string>): { status: number; body: Json } => {
    if (method === 'POST' && path === '/v1/checkout/sessions') return createSession(form);
    if (method === 'POST' && path === '/v1/refunds') return createRefund(form);
    const session = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === 'GET' && session) {
      const found = sessions.get(session[1]!);
      return found ? { status: 200, body: visible(found) } : missing('checkout.session', session[1]!);
    }
    const payment = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    if (method === 'GET' && payment) {
      const found = paymentIntents.get(payment[1]!);
      return found ? { status: 200, body: found } : missing('payment_intent', payment[1]!);
    }
    return { status: 404, body: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path})` } } };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url ?? '/', 'http://fake');
    const form = Object.fromEntries(new URLSearchParams(req.method === 'GET' ? url.search : raw));
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, idempotencyKey, form });
    let reply: { status: number; body: Json };
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      reply = { status: 401, body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } } };
    } else if (idempotencyKey && replies.has(idempotencyKey)) {
      reply = replies.get(idempotencyKey)!;
    } else {
      reply = route(req.method ?? 'GET', url.pathname, form);
      if (idempotencyKey && req.method === 'POST') replies.set(idempotencyKey, reply);
    }
    res.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': newId('req') });
    res.end(JSON.stringify(reply.body));
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const sessionOf = (id: string): Json => {
    const session = sessions.get(id);
    if (!session) throw new Error(`The fake has no session ${id}.`);
    return session;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    secretKey,
    webhookSecret,
    requests,
    sessions,
    refunds,
    pay(sessionId) {
      const session = sessionOf(sessionId);
      const paymentIntent: Json = {
        id: newId('pi'),
        object: 'payment_intent',
        amount: session.amount_total,
        currency: session.currency,
        status: 'succeeded',
        latest_charge: newId('ch'),
        metadata: session.paymentIntentMetadata,
        created: nowSeconds(),
        livemode: false,
      };
      paymentIntents.set(paymentIntent.id as string, paymentIntent);
      Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: paymentIntent.id, url: null });
      return { session: visible(session), paymentIntent };
    },
    expire(sessionId) {
      Object.assign(sessionOf(sessionId), { status: 'expired', url: null });
    },
    delivery(type, object, options = {}) {
      const body = JSON.stringify({ id: newId('evt'), object: 'event', type, api_version: null, created: nowSeconds(), livemode: false, data: { object } });
      const signature = signer.webhooks.generateTestHeaderString({ payload: body, secret: options.secret ?? webhookSecret, ...(options.timestamp ? { timestamp: options.timestamp } : {}) });
      return { body, signature };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
