import type { ServiceDeps } from './deps.js';
import { EventService } from './events.js';
import { RegistrationService } from './registrations.js';
import { PaymentService } from './payments.js';
import { TicketService } from './tickets.js';
import { DoorService } from './door.js';
import { ScannerService } from './scanners.js';
import { OrganizerService } from './organizer.js';
import { JobRunner } from './jobs.js';
import { AccountService } from './accounts.js';
import { OrderService } from './orders.js';
import { TimedCache } from './timed-cache.js';
import type { PreparedAnswer } from './prepared-answer.js';
import { WaitlistService } from './waitlist.js';
import { PromoCodeService } from './promo-codes.js';
import { EventImageService } from './event-images.js';

export interface Services {
  deps: ServiceDeps;
  events: EventService;
  eventImages: EventImageService;
  registrations: RegistrationService;
  payments: PaymentService;
  tickets: TicketService;
  door: DoorService;
  scanners: ScannerService;
  organizer: OrganizerService;
  accounts: AccountService;
  orders: OrderService;
  promoCodes: PromoCodeService;
  jobs: JobRunner;
  waitlist: WaitlistService;
  /** Prepared public answers (the listing, event pages), dropped whenever an event or its spots change. */
  listing: TimedCache<PreparedAnswer>;
}

export function createServices(deps: ServiceDeps): Services {
  const listing = new TimedCache<PreparedAnswer>(deps.clock);
  const changed = () => listing.invalidate();
  const registrations = new RegistrationService(deps, changed);
  const payments = new PaymentService(deps, changed);
  const waitlist = new WaitlistService(deps, registrations, changed);
  return {
    deps,
    events: new EventService(deps, (eventId) => {
      changed();
      registrations.forgetEvent(eventId);
    }),
    eventImages: new EventImageService(deps, changed),
    registrations,
    payments,
    tickets: new TicketService(deps),
    door: new DoorService(deps),
    scanners: new ScannerService(deps),
    organizer: new OrganizerService(deps),
    accounts: new AccountService(deps),
    orders: new OrderService(deps, changed),
    promoCodes: new PromoCodeService(deps),
    jobs: new JobRunner(deps, payments, changed, waitlist),
    waitlist,
    listing,
  };
}

export type { ServiceDeps, ServiceSettings } from './deps.js';
export { defaultSettings, presumedDeadAfterMs } from './deps.js';
export type { ImageUpload } from './event-images.js';
export type { CreateEventInput, UpdateEventInput, TicketTypeInput } from './events.js';
export type { RegistrationRequest, RegistrationView, Quote } from './registrations.js';
export type { PromoCodeInput } from './promo-codes.js';
export type { ScanOutcome, TicketReference, OfflineScan, SyncResult, DoorData } from './door.js';
export { DOOR_DATA_OVERLAP_MS } from './door.js';
export type { CheckInListView } from './scanners.js';
export { looksLikeScannerSecret } from './scanner-secret.js';
export type { Registrant, EventStatsView, FailedJobView, TicketExportRow } from './organizer.js';
export type { AccountExport } from './accounts.js';
export type { OrderHistory, OrderHistoryEntry } from './orders.js';
export { publicIntent } from './payments.js';
export { TimedCache } from './timed-cache.js';
export type { PreparedAnswer, PreparedBytes } from './prepared-answer.js';
export { TICKET_PDF_PREFIX } from './ticket-issuer.js';
export type { WaitlistEntryView, EventWaitlistView } from './waitlist.js';
export { ticketMail, cancellationMail, ticketsRefundedMail, eventChangeMail, waitlistOfferMail, waitlistOfferUrl, verificationCodeMail, passwordResetMail, myTicketsUrl, type MailText, type MailSender } from './mail-templates.js';
export { newJobs, jobIds } from './new-jobs.js';
