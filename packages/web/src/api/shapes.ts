import type { components } from './schema.js';

/**
 * The app's names for shapes of the generated schema.d.ts (docs/openapi.json, made from the API's
 * zod schemas): names only, every shape is the API's.
 */
type Schemas = components['schemas'];

export type ErrorBody = Schemas['Error'];
export type User = Schemas['User'];
export type Role = User['role'];
export type Tokens = Schemas['Tokens'];
/** `Event` would hide the DOM's. */
export type TicketEvent = Schemas['Event'];
export type EventStatus = TicketEvent['status'];
export type Ticket = Schemas['Ticket'];
export type Registration = Schemas['Registration'];
export type CheckInResponse = Schemas['CheckInResult'];
export type CheckInResult = CheckInResponse['result'];
export type Registrant = Schemas['Registrant'];
export type EventStats = Schemas['EventStats'];
export type FailedJob = EventStats['failedJobs'][number];
export type TicketTypeSales = EventStats['byTicketType'][number];
export type OrderHistory = Schemas['OrderHistory'];
export type OrderHistoryEntry = OrderHistory['items'][number];
export type DoorData = Schemas['DoorData'];
export type DoorTicketData = DoorData['tickets'][number];
export type TicketPublicKey = Schemas['TicketPublicKey'];
export type CheckInSyncResult = Schemas['CheckInSyncResults']['results'][number];
export type CheckInList = Schemas['CheckInList'];
export type ScannerLink = Schemas['ScannerLink'];
export type CreatedScannerLink = Schemas['ScannerLinkCreated'];
export type CheckInConflict = Schemas['CheckInConflict'];
export type WaitlistEntry = Schemas['WaitlistEntry'];
export type EventWaitlist = Schemas['EventWaitlist'];
export type Quote = Schemas['Quote'];
export type PromoCode = Schemas['PromoCode'];
