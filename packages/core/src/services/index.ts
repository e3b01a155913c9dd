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
import { ListingCache } from './listing-cache.js';
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
  jobs: JobRunner;
  /** Serialized public listings, dropped whenever an event or its spots change. */
  listing: ListingCache<string>;
}

export function createServices(deps: ServiceDeps): Services {
  const listing = new ListingCache<string>(deps.clock);
  const changed = () => listing.invalidate();
  const registrations = new RegistrationService(deps, changed);
  const payments = new PaymentService(deps, changed);
  return {
    deps,
    events: new EventService(deps, changed),
    eventImages: new EventImageService(deps, changed),
    registrations,
    payments,
    tickets: new TicketService(deps),
    door: new DoorService(deps),
    scanners: new ScannerService(deps),
    organizer: new OrganizerService(deps),
    accounts: new AccountService(deps),
    jobs: new JobRunner(deps, payments, changed),
    listing,
  };
}

export type { ServiceDeps, ServiceSettings } from './deps.js';
export { defaultSettings, presumedDeadAfterMs } from './deps.js';
export type { ImageUpload } from './event-images.js';
export type { CreateEventInput, UpdateEventInput, TicketTypeInput } from './events.js';
export type { RegistrationRequest, RegistrationView } from './registrations.js';
export type { ScanOutcome, TicketReference, OfflineScan, SyncResult, DoorData } from './door.js';
export { DOOR_DATA_OVERLAP_MS } from './door.js';
export type { CheckInListView } from './scanners.js';
export { looksLikeScannerSecret } from './scanner-secret.js';
export type { Registrant, EventStatsView, FailedJobView } from './organizer.js';
export type { AccountExport } from './accounts.js';
export { publicIntent } from './payments.js';
export { ListingCache } from './listing-cache.js';
export { TICKET_PDF_PREFIX } from './ticket-issuer.js';
export { ticketMail, cancellationMail, eventChangeMail, verificationCodeMail, passwordResetMail, myTicketsUrl, type MailText, type MailSender } from './mail-templates.js';
export { newJobs, jobIds } from './new-jobs.js';
