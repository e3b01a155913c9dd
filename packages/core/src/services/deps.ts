import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/ids.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import type { Identity } from '../ports/identity.js';
import type { Mailer } from '../ports/mail.js';
import type { BlobStore } from '../ports/blobs.js';
import type { PaymentGateway } from '../ports/payments.js';
import type { TicketRenderer, TicketSigner } from '../ports/tickets.js';

export interface ServiceSettings {
  /** How long a paid registration holds its spots waiting for payment. */
  holdMinutes: number;
  /** How long a signed ticket download link works. */
  downloadLinkSeconds: number;
  /**
   * How long an Idempotency-Key's request may stay in progress before a retry may take it over.
   * Longer than any request can run, so the first request is surely gone by then.
   */
  idempotencyLeaseSeconds: number;
  appName: string;
}

export interface ServiceDeps {
  store: Store;
  identity: Identity;
  mailer: Mailer;
  blobs: BlobStore;
  payments: PaymentGateway;
  signer: TicketSigner;
  renderer: TicketRenderer;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  settings: ServiceSettings;
}

export const defaultSettings: ServiceSettings = {
  holdMinutes: 15,
  downloadLinkSeconds: 300,
  idempotencyLeaseSeconds: 60,
  appName: 'Ticketbooth',
};
