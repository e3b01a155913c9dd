import { randomUUID } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_CARDS, eventInput } from './support/client.js';
import type { CognitoVerifierRequest } from './support/lambda-cognito-verifier.js';
import { LambdaCaller, type ApiHandler } from './support/lambda-events.js';
import { startAwsStandIns, type AwsStandIns } from './support/lambda-stand-ins.js';

/**
 * The AWS home's API function (src/lambda.ts) and worker function (src/lambda-worker.ts), invoked
 * with API Gateway HTTP API payload 2.0 events, wired by src/home/aws.ts to DynamoDB Local,
 * cognito-local, s3rver and an SES v2 recorder through the SDK's AWS_ENDPOINT_URL_<SERVICE> variables.
 *
 * The one substitution: aws-jwt-verify's CognitoJwtVerifier cannot verify cognito-local's tokens
 * (see support/lambda-cognito-verifier.ts), so it is replaced by an equivalent check against
 * cognito-local's JWKS; the test still proves aws.ts creates it for the configured pool and client.
 */
const jwt = vi.hoisted(() => ({ requests: [] as CognitoVerifierRequest[] }));
vi.mock('aws-jwt-verify', async (importOriginal) => {
  const real = await importOriginal<typeof import('aws-jwt-verify')>();
  const { cognitoLocalJwtVerifier } = await import('./support/lambda-cognito-verifier.js');
  return { ...real, CognitoJwtVerifier: cognitoLocalJwtVerifier(real, jwt.requests) };
});

const PASSWORD = 'correct horse battery';
const EVENT_NAME = `Lambda Summit ${randomUUID().slice(0, 8)}`;

let aws: AwsStandIns;
let handler: ApiHandler;
let runWorker: () => Promise<void>;

beforeAll(async () => {
  aws = await startAwsStandIns();
  // Nothing from the machine's own AWS setup may leak in; the functions read only what the stack sets.
  for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_DEFAULT_REGION']) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries({ ...aws.env, LOG_LEVEL: 'warn' })) vi.stubEnv(name, value);
  // Both modules build their home from process.env when loaded, as on a Lambda cold start.
  ({ handler } = await import('../src/lambda.js'));
  ({ handler: runWorker } = await import('../src/lambda-worker.js'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await aws?.stop();
});

/** Signs up through the function, confirms with the code cognito-local sent, logs in. */
async function signUpConfirmed(role: 'organizer' | 'attendee', name: string): Promise<LambdaCaller> {
  const caller = new LambdaCaller(handler);
  const email = `${role}-${randomUUID().slice(0, 8)}@Example.test`;
  const signup = await caller.post('/api/auth/signup', { email, password: PASSWORD, name, role });
  expect(signup.status).toBe(201);
  expect(signup.body.user).toMatchObject({ email: email.toLowerCase(), name, role, emailVerified: false });

  const early = await caller.post('/api/auth/login', { email, password: PASSWORD });
  expect(early.status).toBe(403);
  expect(early.body.error.code).toBe('email_not_verified');
  const wrongCode = await caller.post('/api/auth/verify-email', { email, code: aws.confirmationCode === '000000' ? '111111' : '000000' });
  expect(wrongCode.status).toBe(400);
  expect(wrongCode.body.error.code).toBe('invalid_code');

  const verified = await caller.post('/api/auth/verify-email', { email, code: aws.confirmationCode });
  expect(verified.status).toBe(200);
  expect(verified.body.user).toMatchObject({ id: signup.body.user.id, emailVerified: true });

  const login = await caller.post('/api/auth/login', { email, password: PASSWORD });
  expect(login.status).toBe(200);
  expect(login.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: expect.any(Number) });
  expect(login.body.user).toMatchObject({ id: signup.body.user.id, role, emailVerified: true });
  caller.token = login.body.accessToken;
  caller.user = login.body.user;

  const me = await caller.get('/api/me');
  expect(me.status).toBe(200);
  expect(me.body.user).toMatchObject({ id: signup.body.user.id, role });
  return caller;
}

describe('the AWS Lambda entry point, invoked with API Gateway HTTP API payload 2.0 events', () => {
  let anonymous: LambdaCaller;
  let organizer: LambdaCaller;
  let attendee: LambdaCaller;
  let eventId: string;
  let registrationId: string;
  let tickets: { id: string; qr: string; status: string; ticketTypeName: string }[];

  beforeAll(() => {
    anonymous = new LambdaCaller(handler);
  });

  it('builds the Cognito token verifier of both functions for the configured pool and app client', () => {
    const expected = { userPoolId: aws.env.USER_POOL_ID, clientId: aws.env.USER_POOL_CLIENT_ID, tokenUse: 'access' };
    expect(jwt.requests).toEqual([expected, expected]);
  });

  it('answers as a payload 2.0 result: health, unknown route 404 and missing token 401 as JSON errors', async () => {
    const health = await anonymous.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(health.raw.isBase64Encoded).toBe(false);
    expect(health.headers['content-type']).toContain('application/json');
    expect(health.headers['strict-transport-security']).toContain('max-age=31536000');

    const unknown = await anonymous.get('/api/no-such-route?x=1');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/json');
    expect(unknown.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });

    for (const request of [anonymous.get('/api/me'), anonymous.post('/api/events', eventInput()), anonymous.get('/api/me/tickets')]) {
      const response = await request;
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
    const forged = await anonymous.get('/api/me', { headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl' } });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('unauthorized');
  });

  it('an organizer signs up in Cognito, confirms with the code and logs in', async () => {
    organizer = await signUpConfirmed('organizer', 'Olga Organizer');
  });

  it('the organizer creates an event with a paid ticket type and publishes it; anyone lists it', async () => {
    const created = await organizer.post('/api/events', eventInput({ name: EVENT_NAME, capacity: 50, ticketTypes: [{ name: 'Standard', priceCents: 2500 }], publish: false }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: EVENT_NAME, status: 'draft', organizerId: organizer.user!.id, currency: 'EUR' });
    expect(created.body.ticketTypes).toEqual([expect.objectContaining({ name: 'Standard', priceCents: 2500 })]);
    eventId = created.body.id;
    expect((await anonymous.get(`/api/events/${eventId}`)).status).toBe(404); // drafts are private

    const published = await organizer.post(`/api/events/${eventId}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');

    const listed = await anonymous.get('/api/events');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((e: { id: string }) => e.id)).toContain(eventId);
    const searched = await anonymous.get(`/api/events?q=${encodeURIComponent(EVENT_NAME)}&category=technology`);
    expect(searched.body.items).toEqual([expect.objectContaining({ id: eventId, spotsRemaining: 50 })]);
    expect((await anonymous.get('/api/events?q=nothing-like-this')).body.items).toEqual([]);
  });

  it('an attendee signs up, confirms, logs in and holds 2 tickets', async () => {
    attendee = await signUpConfirmed('attendee', 'Ada Attendee');
    const idempotencyKey = randomUUID();
    const before = Date.now();
    const reg = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 2 }, { headers: { 'Idempotency-Key': idempotencyKey } });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ eventId, userId: attendee.user!.id, quantity: 2, amountCents: 5000, currency: 'EUR', status: 'pending_payment', tickets: [] });
    const holdEnds = Date.parse(reg.body.holdExpiresAt);
    expect(holdEnds).toBeGreaterThanOrEqual(before + 15 * 60_000 - 1000);
    expect(holdEnds).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 1000);
    registrationId = reg.body.id;

    const retried = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 2 }, { headers: { 'Idempotency-Key': idempotencyKey } });
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(registrationId);
    expect((await anonymous.get(`/api/events/${eventId}`)).body.spotsRemaining).toBe(48);
  });

  it('the attendee pays with the test card 4242 4242 4242 4242 and the registration is confirmed', async () => {
    const intent = await attendee.post(`/api/registrations/${registrationId}/payment-intents`);
    expect(intent.status).toBe(201);
    expect(intent.body).toMatchObject({ registrationId, amountCents: 5000, currency: 'EUR', status: 'requires_payment_method' });

    const declined = await attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.declined });
    expect(declined.status).toBe(402);
    expect(declined.body.error.code).toBe('card_declined');

    // API Gateway may hand the body over base64-encoded; the handler must decode it.
    const paid = await attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok }, { base64: true });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ id: intent.body.id, status: 'succeeded', lastError: null });

    const confirmed = await attendee.get(`/api/registrations/${registrationId}`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', holdExpiresAt: null });
  });

  it('the worker function drains the outbox: the tickets go out through SES and their PDFs into S3', async () => {
    const registration = await attendee.get(`/api/registrations/${registrationId}`);
    const ticketIds: string[] = registration.body.tickets.map((t: { id: string }) => t.id);
    expect(ticketIds).toHaveLength(2);
    const stored = (id: string) =>
      aws.s3.send(new HeadObjectCommand({ Bucket: aws.bucket, Key: `tickets/${id}.pdf` })).then(
        (head) => head.ContentType,
        (error: { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode ?? error,
      );
    // Cognito sent the verification codes itself: nothing went through SES yet, nothing is in S3.
    expect(aws.sentEmails).toEqual([]);
    expect(await Promise.all(ticketIds.map(stored))).toEqual([404, 404]);

    await runWorker();

    expect(aws.sentEmails).toHaveLength(1);
    const [mail] = aws.sentEmails;
    expect(mail!.FromEmailAddress).toBe(aws.env.MAIL_FROM);
    expect(mail!.Destination).toEqual({ ToAddresses: [attendee.user!.email] });
    const mime = Buffer.from(mail!.Content!.Raw!.Data!, 'base64').toString('utf8');
    expect(mime).toMatch(new RegExp(`^Subject: Your tickets for ${EVENT_NAME}$`, 'm'));
    expect(mime.match(/^Content-Type: application\/pdf; name=ticket-\d\.pdf$/gm)).toHaveLength(2);
    expect(mime).toMatch(/^Content-Type: text\/calendar; name=event\.ics$/m);
    expect(await Promise.all(ticketIds.map(stored))).toEqual(['application/pdf', 'application/pdf']);

    await runWorker(); // the outbox is empty now: nothing is sent twice
    expect(aws.sentEmails).toHaveLength(1);
  });

  it("the attendee reads the registration's tickets and downloads one through a presigned S3 link", async () => {
    const registration = await attendee.get(`/api/registrations/${registrationId}`);
    expect(registration.status).toBe(200);
    tickets = registration.body.tickets;
    expect(tickets).toHaveLength(2);
    for (const ticket of tickets) {
      expect(ticket).toMatchObject({ status: 'valid', ticketTypeName: 'Standard', attendeeName: 'Ada Attendee', checkedInAt: null });
      expect(ticket.qr).toMatch(/^TB1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    }

    const link = await attendee.post(`/api/tickets/${tickets[0]!.id}/download-link`);
    expect(link.status).toBe(200);
    const url = new URL(link.body.url);
    expect(url.origin).toBe(aws.env.AWS_ENDPOINT_URL_S3);
    expect(url.pathname).toBe(`/${aws.bucket}/tickets/${tickets[0]!.id}.pdf`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeGreaterThan(240_000);

    const pdf = await fetch(url); // a bearer link: no token
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    // Named for the event and the attendee (issue 16), no longer "ticket-<id>.pdf".
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+-ada-attendee\.pdf"; filename\*=UTF-8''/);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // (s3rver does not verify SigV4 signatures, so a tampered link cannot be tested here.)

    // Another caller cannot mint a link to someone else's ticket.
    expect((await organizer.post(`/api/tickets/${tickets[0]!.id}/download-link`)).status).toBe(404);
  });

  it('the organizer scans the QR at the door: admitted, then already_used', async () => {
    const scan = (qr: string) => organizer.post(`/api/events/${eventId}/checkins`, { qr });
    const first = await scan(tickets[0]!.qr);
    expect(first.status).toBe(200);
    expect(first.body.result).toBe('admitted');
    expect(first.body.ticket).toMatchObject({ id: tickets[0]!.id, attendeeName: 'Ada Attendee', ticketTypeName: 'Standard' });

    const again = await scan(tickets[0]!.qr);
    expect(again.status).toBe(200);
    expect(again.body.result).toBe('already_used');

    const ticket = await attendee.get(`/api/tickets/${tickets[0]!.id}`);
    expect(ticket.body).toMatchObject({ status: 'used', checkedInAt: expect.any(String) });
    expect((await attendee.get(`/api/tickets/${tickets[1]!.id}`)).body.status).toBe('valid');
  });

  it('another API instance, cold-started after the payment, cancels the event and refunds the order from the shared ledger', async () => {
    // A new module graph is a new function instance: its own gateway object, nothing in memory.
    vi.resetModules();
    const { handler: coldStarted } = await import('../src/lambda.js');
    const cold = new LambdaCaller(coldStarted);
    cold.token = organizer.token;
    const cancelled = await cold.post(`/api/events/${eventId}/cancel`, { reason: 'The venue is flooded.' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await attendee.get(`/api/registrations/${registrationId}`)).body.status).toBe('refunded');

    // The gateway's ledger is in the table every instance reads, not in one instance's /tmp.
    const doc = DynamoDBDocumentClient.from(aws.dynamo);
    const { Items: ledger = [] } = await doc.send(
      new ScanCommand({ TableName: aws.env.TABLE_NAME, FilterExpression: 'begins_with(pk, :gateway)', ExpressionAttributeValues: { ':gateway': 'GATEWAY#' } }),
    );
    const charges = ledger.filter((item) => String(item.pk).startsWith('GATEWAY#CHARGE#'));
    const refunds = ledger.filter((item) => String(item.pk).startsWith('GATEWAY#REFUND#'));
    expect(charges.map((c) => c.result.status).sort()).toEqual(['failed', 'succeeded']);
    const paid = charges.find((c) => c.result.status === 'succeeded')!;
    expect(paid).toMatchObject({ amountCents: 5000, currency: 'EUR', last4: '4242' });
    expect(refunds).toEqual([expect.objectContaining({ chargeKey: paid.key })]);
  });
});
