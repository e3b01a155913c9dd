import { z } from '@hono/zod-openapi';
import { EventImageSchema } from './image-schemas.js';
import {
  DEFAULT_ATTENDEE_POLICY,
  EVENT_TEXT_LIMITS,
  JOB_KINDS,
  MAX_CANCELLATION_CUTOFF_HOURS,
  MAX_CHOSEN_COUNTER_SHARDS,
  MAX_COUNTER_SHARDS,
  SPOTS_PER_COUNTER_SHARD,
  MAX_TICKETS_PER_ACCOUNT_RANGE,
  MAX_TICKETS_PER_REGISTRATION,
  hasControlCharacter,
  hasVisibleCharacter,
  type RegistrationStatus,
} from '@ticketbooth/core';

/** Request and response shapes of API.md; they validate input and produce /api/openapi.json. */

export const isoInstant = z.iso.datetime({ offset: true }).openapi({ example: '2026-12-01T18:00:00Z' });
/** An instant the server wrote (always UTC, as toISOString gives it). */
export const timestamp = z.iso.datetime().openapi({ example: '2026-11-20T09:30:00.000Z' });
export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
export const money = z.number().int().min(0).max(100_000_000);
/** One line a person reads (a name, a place): trimmed, no control characters, something visible. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !hasControlCharacter(v), 'must not contain control characters')
    .refine(hasVisibleCharacter, 'must contain a visible character');
/** Several lines (a description): line breaks and tabs are its only control characters. */
const paragraphs = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !hasControlCharacter(v, { lineBreaksAllowed: true }), 'must not contain control characters other than line breaks and tabs');

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ description: 'Stable, machine-readable: branch on this, not on the message.', example: 'sold_out' }),
      message: z.string().openapi({ description: 'A sentence for people; it may change.', example: 'Only 2 spots are left.' }),
      details: z.unknown().optional().openapi({
        description: 'Depends on the code: `fields` (field -> problem) for validation_failed, `spotsRemaining` for sold_out.',
        example: { spotsRemaining: 2 },
      }),
    }),
  })
  .openapi('Error');

export const IdParam = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor from a previous page').optional(),
});

// Accounts
export const RoleSchema = z.enum(['organizer', 'attendee']);
export const UserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: RoleSchema, emailVerified: z.boolean() })
  .openapi('User', { example: { id: 'usr_8Jq2vX', email: 'ada@example.org', name: 'Ada Lovelace', role: 'attendee', emailVerified: true } });
const email = z.email().max(254);
export const SignUpBody = z
  .object({ email, password: z.string().min(8).max(200), name: text(120), role: RoleSchema })
  .strict()
  .openapi('SignUp');
export const VerifyEmailBody = z.object({ email, code: z.string().regex(/^\d{6}$/, 'must be 6 digits') }).strict();
export const EmailBody = z.object({ email }).strict();
export const LoginBody = z.object({ email, password: z.string().min(1).max(200) }).strict();
export const RefreshBody = z.object({ refreshToken: z.string().min(1).max(512) }).strict();
export const TokensSchema = z
  .object({ accessToken: z.string(), refreshToken: z.string(), expiresIn: z.number().int() })
  .openapi('Tokens');
export const LoginResponse = TokensSchema.extend({ user: UserSchema }).openapi('Login');

// Events
const TicketTypeInput = z
  .object({
    id: id.optional(),
    name: text(EVENT_TEXT_LIMITS.ticketTypeName),
    priceCents: money,
    quantity: z.number().int().min(1).max(1_000_000).nullable().optional(),
  })
  .strict();
const eventFields = {
  name: text(EVENT_TEXT_LIMITS.name),
  description: paragraphs(EVENT_TEXT_LIMITS.description),
  category: text(EVENT_TEXT_LIMITS.category),
  location: text(EVENT_TEXT_LIMITS.location),
  startsAt: isoInstant,
  endsAt: isoInstant.nullable().optional().openapi({ description: 'Absent or null: no end given (an edit with null removes the end).' }),
  timezone: z.string().min(1).max(64).optional(),
  capacity: z.number().int().min(1).max(1_000_000),
  ticketTypes: z.array(TicketTypeInput).min(1).max(20).optional(),
  maxTicketsPerAccount: z
    .number()
    .int()
    .min(MAX_TICKETS_PER_ACCOUNT_RANGE.min)
    .max(MAX_TICKETS_PER_ACCOUNT_RANGE.max)
    .optional()
    .openapi({ description: `Tickets one account may hold for the event across its pending and confirmed registrations (default ${DEFAULT_ATTENDEE_POLICY.maxTicketsPerAccount}). Lowering it cancels nothing already held.` }),
  attendeeCancellationCutoffHours: z
    .number()
    .int()
    .min(0)
    .max(MAX_CANCELLATION_CUTOFF_HOURS)
    .nullable()
    .optional()
    .openapi({ description: `Attendees may cancel paid registrations themselves until this many hours before the start; null: never (default ${DEFAULT_ATTENDEE_POLICY.attendeeCancellationCutoffHours}).` }),
};
export const CreateEventBody = z
  .object({
    ...eventFields,
    currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code'),
    priceCents: money.optional(),
    publish: z.boolean().optional(),
    counterShards: z
      .number()
      .int()
      .min(1)
      .max(MAX_COUNTER_SHARDS)
      .optional()
      .openapi({
        description: `For an on-sale hotter than the capacity suggests: the items DynamoDB splits the event's spot counters over, each taking about 500 registrations a second (absent: one per ${SPOTS_PER_COUNTER_SHARD} spots, 1 to ${MAX_CHOSEN_COUNTER_SHARDS}). Fixed at creation; the SQLite store keeps it and needs none.`,
      }),
  })
  .strict()
  .openapi('CreateEvent');
export const UpdateEventBody = z.object(eventFields).partial().strict().openapi('UpdateEvent');
export const CancelEventBody = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export const TicketTypeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    priceCents: z.number().int(),
    quantity: z.number().int().nullable(),
    sold: z.number().int(),
    spotsRemaining: z.number().int(),
  })
  .openapi('TicketType');
export const EventSchema = z
  .object({
    id: z.string(),
    organizerId: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.string(),
    location: z.string(),
    startsAt: timestamp,
    endsAt: timestamp.nullable().openapi({ description: 'The end the organizer gave; null when they gave none (sales then close two hours after the start).' }),
    timezone: z.string(),
    status: z.enum(['draft', 'published', 'cancelled']),
    currency: z.string(),
    capacity: z.number().int(),
    ticketTypes: z.array(TicketTypeSchema),
    sold: z.number().int(),
    spotsRemaining: z.number().int(),
    cancelReason: z.string().nullable(),
    maxTicketsPerAccount: z.number().int(),
    attendeeCancellationCutoffHours: z.number().int().nullable(),
    counterShards: z.number().int().nullable().openapi({ description: 'The counter shards asked for at creation; null: the store chose from the capacity.' }),
    image: EventImageSchema.nullable().openapi({ description: 'The cover image (PUT /api/events/{id}/image), or null' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Event', {
    example: {
      id: 'evt_3kTz9w',
      organizerId: 'usr_Qm41aB',
      name: 'TypeScript Night',
      description: 'Three short talks and pizza.',
      category: 'Tech',
      location: 'Community Hall, 12 Main Street',
      startsAt: '2026-12-10T18:00:00.000Z',
      endsAt: '2026-12-10T21:00:00.000Z',
      timezone: 'Europe/Berlin',
      status: 'published',
      currency: 'EUR',
      capacity: 50,
      ticketTypes: [{ id: 'tt_general', name: 'General', priceCents: 1500, quantity: null, sold: 12, spotsRemaining: 38 }],
      sold: 12,
      spotsRemaining: 38,
      cancelReason: null,
      maxTicketsPerAccount: 10,
      attendeeCancellationCutoffHours: 48,
      counterShards: null,
      image: null,
      createdAt: '2026-11-20T09:30:00.000Z',
      updatedAt: '2026-11-21T14:02:11.000Z',
    },
  });
/** A calendar day, or (as before days were taken) an exact instant. */
const dayOrInstant = (description: string) =>
  z.union([z.iso.date(), isoInstant]).optional().openapi({ description, example: '2027-01-15' });
export const EventSearchQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  category: z.string().trim().max(60).optional(),
  from: dayOrInstant('Events starting on this calendar day (YYYY-MM-DD, on each event\'s own wall clock) or later; an ISO instant is taken exactly.'),
  to: dayOrInstant('Events starting on this calendar day (YYYY-MM-DD, on each event\'s own wall clock) or earlier; an ISO instant is taken exactly.'),
});

export const listOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

// Registrations and tickets
export const TicketSchema = z
  .object({
    id: z.string(),
    registrationId: z.string(),
    eventId: z.string(),
    ticketTypeId: z.string(),
    ticketTypeName: z.string(),
    attendeeName: z.string(),
    status: z.enum(['valid', 'used', 'cancelled']),
    qr: z.string(),
    code: z.string().openapi({ description: 'The 8-character code printed under the QR, unique within the event', example: 'K7QX2MHP' }),
    checkedInAt: timestamp.nullable(),
  })
  .openapi('Ticket');
const quantity = z.number().int().min(1).max(MAX_TICKETS_PER_REGISTRATION);
export const RegistrationStatusSchema = z
  .enum(['pending_payment', 'confirmed', 'expired', 'cancelled', 'refunded'] satisfies RegistrationStatus[])
  .openapi('RegistrationStatus');
/** The code as typed: compared case-insensitively; an unknown one is refused as invalid_promo_code. */
const promoCode = z.string().trim().min(1).max(40).optional().openapi({ description: 'A promo code of the event (any case)', example: 'EARLYBIRD' });
export const RegisterBody = z
  .union([
    z.object({ lines: z.array(z.object({ ticketTypeId: id, quantity }).strict()).min(1).max(20), promoCode }).strict(),
    z.object({ quantity, promoCode }).strict(),
  ])
  .openapi('RegistrationRequest');
export const RegistrationSchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    userId: z.string(),
    lines: z.array(z.object({ ticketTypeId: z.string(), quantity: z.number().int(), unitPriceCents: z.number().int() })),
    quantity: z.number().int(),
    amountCents: z.number().int().openapi({ description: 'What the buyer pays: the lines less discountCents' }),
    promoCode: z.string().nullable().openapi({ description: 'The promo code it was placed with (normalized), or null' }),
    discountCents: z.number().int().openapi({ description: "What the promo code took off the lines' prices (0 without one)" }),
    currency: z.string(),
    status: RegistrationStatusSchema,
    holdExpiresAt: timestamp.nullable(),
    tickets: z.array(TicketSchema),
    createdAt: timestamp,
  })
  .openapi('Registration', {
    example: {
      id: 'reg_V7cP0s',
      eventId: 'evt_3kTz9w',
      userId: 'usr_8Jq2vX',
      lines: [{ ticketTypeId: 'tt_general', quantity: 2, unitPriceCents: 1500 }],
      quantity: 2,
      amountCents: 3000,
      promoCode: null,
      discountCents: 0,
      currency: 'EUR',
      status: 'pending_payment',
      holdExpiresAt: '2026-11-22T10:15:00.000Z',
      tickets: [],
      createdAt: '2026-11-22T10:00:00.000Z',
    },
  });
export const DownloadLinkSchema = z.object({ url: z.url(), expiresAt: timestamp }).openapi('DownloadLink');

// Payments
export const PaymentIntentSchema = z
  .object({
    id: z.string(),
    registrationId: z.string(),
    amountCents: z.number().int(),
    currency: z.string(),
    status: z.enum(['requires_payment_method', 'processing', 'succeeded', 'canceled']),
    clientSecret: z.string(),
    lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
    gateway: z.enum(['mock', 'stripe']).openapi({
      description: '`mock`: pay here with a test card (confirm). `stripe`: open a checkout session and send the attendee to its page.',
    }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('PaymentIntent', {
    example: {
      id: 'pi_Lr5d2Q',
      registrationId: 'reg_V7cP0s',
      amountCents: 3000,
      currency: 'EUR',
      status: 'requires_payment_method',
      clientSecret: 'pi_Lr5d2Q_secret_n3Wq',
      lastError: null,
      gateway: 'mock',
      createdAt: '2026-11-22T10:01:00.000Z',
      updatedAt: '2026-11-22T10:01:00.000Z',
    },
  });
export const CheckoutSessionSchema = z
  .object({ url: z.string().url().openapi({ description: "The gateway's hosted payment page: send the attendee there (a top-level navigation)." }) })
  .openapi('CheckoutSession', { example: { url: 'https://checkout.stripe.com/c/pay/cs_test_a1b2' } });
export const ConfirmPaymentBody = z
  .object({
    card: z
      .object({
        number: z.string().regex(/^[0-9 ]{12,23}$/, 'must be a card number'),
        expMonth: z.number().int().min(1).max(12),
        expYear: z.number().int().min(2000).max(2100),
        cvc: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
      })
      .strict(),
  })
  .strict();

// Door
const CHECK_IN_RESULTS = ['admitted', 'already_used', 'invalid', 'wrong_event', 'cancelled', 'not_on_list'] as const;
const CheckInResultSchema = z.enum(CHECK_IN_RESULTS).openapi('CheckInResultCode');
const nonce = z.string().min(1).max(128);
/** A scan names its ticket one way: the signed QR, the printed code, or the ticket id. */
const ticketReference = {
  qr: z.string().min(1).max(1024).optional(),
  code: z.string().min(1).max(32).optional().openapi({ description: 'The short code printed under the QR (case, spaces and dashes ignored)' }),
  ticketId: id.optional(),
};
const oneReference = (v: { qr?: string | undefined; code?: string | undefined; ticketId?: string | undefined }) =>
  [v.qr, v.code, v.ticketId].filter((x) => x !== undefined).length === 1;
const ONE_REFERENCE = { message: 'send exactly one of qr, code or ticketId', path: ['qr'] };
export const CheckInBody = z.object({ ...ticketReference, nonce: nonce.optional() }).strict().refine(oneReference, ONE_REFERENCE);
export const SyncScanSchema = z
  .object({ ...ticketReference, nonce, scannedAt: isoInstant, resultShown: CheckInResultSchema })
  .strict()
  .refine(oneReference, ONE_REFERENCE);
export const CheckInSyncBody = z
  .object({ deviceId: z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'must be letters, digits, dot, dash, colon or underscore'), scans: z.array(SyncScanSchema).min(1).max(500) })
  .strict()
  .openapi('CheckInSync');
const FirstAdmissionSchema = z.object({ firstCheckedInAt: timestamp, firstBy: z.string() });
export const CheckInSyncResponse = z
  .object({ results: z.array(z.object({ nonce: z.string(), result: CheckInResultSchema, conflict: FirstAdmissionSchema.nullable() })) })
  .openapi('CheckInSyncResults');
export const CheckInResponse = z
  .object({
    result: CheckInResultSchema,
    ticket: z
      .object({
        id: z.string(),
        attendeeName: z.string(),
        ticketTypeName: z.string(),
        checkedInAt: timestamp.nullable(),
        checkedInBy: z.string().nullable().openapi({ description: 'The door that admitted it (a scanner link name, or Organizer); null until used' }),
      })
      .optional(),
  })
  .openapi('CheckInResult', {
    example: { result: 'admitted', ticket: { id: 'tkt_Hs81Ze', attendeeName: 'Ada Lovelace', ticketTypeName: 'General', checkedInAt: '2026-12-10T17:48:03.000Z', checkedInBy: 'North door' } },
  });
const PublicKeySchema = z
  .object({ keyId: z.string(), algorithm: z.literal('Ed25519'), publicKey: z.string().openapi({ description: 'base64url of the raw 32-byte Ed25519 public key (WebCrypto importKey "raw")' }) })
  .openapi('TicketPublicKey');
export const CheckInKeysResponse = z.object({ keys: z.array(PublicKeySchema) }).openapi('CheckInKeys');

const ticketTypeIds = z.array(id).max(20);
export const CheckInListBody = z.object({ name: text(80), ticketTypeIds }).strict().openapi('NewCheckInList');
export const CheckInListSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    ticketTypeIds: z.array(z.string()).openapi({ description: 'Empty: every ticket type' }),
    checkedIn: z.number().int(),
    expected: z.number().int().openapi({ description: 'Tickets of its types not cancelled' }),
  })
  .openapi('CheckInList');
export const CheckInListCreated = CheckInListSchema.omit({ checkedIn: true, expected: true }).openapi('CheckInListCreated');
export const ScannerLinkBody = z
  .object({ name: text(80), checkinListId: id.optional(), expiresAt: isoInstant.optional() })
  .strict()
  .openapi('NewScannerLink');
const scannerLinkFields = { id: z.string(), name: z.string(), checkinListId: z.string().nullable(), expiresAt: timestamp.nullable() };
export const ScannerLinkCreated = z
  .object({
    ...scannerLinkFields,
    url: z.string().openapi({ description: 'Opens the web scanner; its fragment is the secret, shown this once', example: 'https://tickets.example.org/scan/evt_Qm9nYXJ0#scn_Qm9n...' }),
  })
  .openapi('ScannerLinkCreated');
export const ScannerLinkSchema = z
  .object({ ...scannerLinkFields, createdAt: timestamp, lastSeenAt: timestamp.nullable(), scanCount: z.number().int() })
  .openapi('ScannerLink');
export const DoorDataQuery = z.object({
  since: isoInstant.optional().openapi({ description: "A previous answer's nextSince: only tickets changed since" }),
});
export const DoorDataResponse = z
  .object({
    keys: z.array(PublicKeySchema),
    event: z.object({
      id: z.string(), name: z.string(), startsAt: timestamp,
      endsAt: timestamp.nullable().openapi({ description: 'The end the organizer gave; null when they gave none' }),
      timezone: z.string(),
    }),
    checkinList: z.object({ id: z.string(), name: z.string(), ticketTypeIds: z.array(z.string()) }).nullable()
      .openapi({ description: "The scanner's list (null: every ticket type)" }),
    door: z.string().openapi({ description: "This scanner's door name (the organizer's own login: Organizer): its admissions' checkedInBy at other doors" }),
    tickets: z.array(z.object({
      id: z.string(),
      code: z.string(),
      attendeeName: z.string(),
      ticketTypeId: z.string(),
      ticketTypeName: z.string(),
      status: z.enum(['valid', 'used', 'cancelled']),
      checkedInAt: timestamp.nullable(),
      checkedInBy: z.string().nullable().openapi({ description: 'The door that admitted it (a scanner link name, or Organizer); null until used' }),
    })),
    nextSince: timestamp.openapi({ description: 'Send as since next time; it reaches back a little, so a ticket may come again' }),
  })
  .openapi('DoorData');
export const CheckInConflictSchema = z
  .object({
    id: z.string(),
    ticketId: z.string(),
    attendeeName: z.string(),
    ticketTypeName: z.string(),
    firstCheckedInAt: timestamp,
    firstBy: z.string(),
    laterScannedAt: timestamp,
    laterBy: z.string(),
    laterDeviceId: z.string().nullable(),
    recordedAt: timestamp,
  })
  .openapi('CheckInConflict');
export const LinkIdParam = z.object({
  id: id.openapi({ param: { name: 'id', in: 'path' } }),
  linkId: id.openapi({ param: { name: 'linkId', in: 'path' } }),
});

// Organizer data
export const RegistrantSchema = z
  .object({
    registrationId: z.string(),
    attendeeName: z.string(),
    attendeeEmail: z.string(),
    quantity: z.number().int(),
    ticketTypes: z.array(z.object({ ticketTypeId: z.string(), name: z.string(), quantity: z.number().int() })),
    amountCents: z.number().int(),
    currency: z.string(),
    status: RegistrationStatusSchema,
    createdAt: timestamp,
    checkedIn: z.number().int(),
  })
  .openapi('Registrant');
export const StatsSchema = z
  .object({
    capacity: z.number().int(),
    sold: z.number().int(),
    held: z.number().int(),
    spotsRemaining: z.number().int(),
    utilization: z.number(),
    registrations: z.number().int(),
    confirmed: z.number().int(),
    revenueCents: z.number().int(),
    currency: z.string(),
    checkedIn: z.number().int(),
    timeline: z.array(z.object({ date: z.iso.date(), registrations: z.number().int(), revenueCents: z.number().int() })),
    byTicketType: z
      .array(z.object({ ticketTypeId: z.string(), name: z.string(), sold: z.number().int(), revenueCents: z.number().int(), checkedIn: z.number().int() }))
      .openapi({ description: "Per ticket type: tickets sold (not refunded), what they paid (each ticket's share of its order) and those admitted" }),
    failedJobs: z
      .array(
        z.object({
          jobId: z.string(),
          kind: z.enum(JOB_KINDS),
          registrationId: z.string().nullable(),
          attendeeEmail: z.string().nullable(),
          attempts: z.number().int(),
          failedAt: timestamp,
        }),
      )
      .openapi({ description: 'Outbox work for this event that was given up on after its last retry (a ticket mail that never went out), newest first' }),
  })
  .openapi('EventStats');

export const MailboxSchema = z
  .object({
    items: z.array(
      z.object({
        to: z.string(),
        subject: z.string(),
        text: z.string(),
        sentAt: timestamp,
        attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() })),
      }),
    ),
  })
  .openapi('Mailbox');
