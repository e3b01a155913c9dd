import { DEFAULT_WAITLIST_OFFER_MINUTES } from '../domain/waitlist.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/ids.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import type { Identity } from '../ports/identity.js';
import type { Mailer } from '../ports/mail.js';
import type { BlobStore } from '../ports/blobs.js';
import type { ImageProcessor, ImageStore } from '../ports/images.js';
import type { PaymentGateway } from '../ports/payments.js';
import type { TicketRenderer, TicketSigner } from '../ports/tickets.js';

export interface ServiceSettings {
  /** How long a paid registration holds its spots waiting for payment. */
  holdMinutes: number;
  /** How long a waiting-list offer holds its spots for the entry it was made to. */
  waitlistOfferMinutes: number;
  /** How long a signed ticket download link works. */
  downloadLinkSeconds: number;
  /**
   * The longest a request (or one outbox job) may take; anything in progress longer is presumed
   * dead. It is the one trust window behind three leases: an outbox job's lease, an
   * Idempotency-Key's lease (after it a retry may take the key over) and the age after which a
   * payment left "processing" is reconciled. Longer than any request can run (the API's timeout).
   */
  maxRequestSeconds: number;
  /** A failing outbox job is tried this many times, then marked failed and shown to the organizer. */
  maxJobAttempts: number;
  appName: string;
  /** The web app's origin (no trailing slash) mails link to; null when not known (the mails give no link). */
  publicUrl: string | null;
}

/** After this long, work still in progress (a request, a leased job) is presumed dead. */
export const presumedDeadAfterMs = (settings: Pick<ServiceSettings, 'maxRequestSeconds'>): number => settings.maxRequestSeconds * 1000;

export interface ServiceDeps {
  store: Store;
  identity: Identity;
  mailer: Mailer;
  blobs: BlobStore;
  /** Event cover images: their variants, served publicly. */
  images: ImageStore;
  imageProcessor: ImageProcessor;
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
  waitlistOfferMinutes: DEFAULT_WAITLIST_OFFER_MINUTES,
  downloadLinkSeconds: 300,
  maxRequestSeconds: 60,
  // With the backoff (5 s doubling, at most 10 min) that is about 40 minutes of retrying.
  maxJobAttempts: 10,
  appName: 'Ticketbooth',
  publicUrl: null,
};
