import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '@ticketbooth/core';
import type { Db } from './db.js';
import * as door from './door.js';
import * as eventChanges from './event-changes.js';
import * as events from './events.js';
import { setEventImage } from './event-images.js';
import * as idempotency from './idempotency.js';
import * as jobs from './jobs.js';
import * as orders from './orders.js';
import * as payments from './payments.js';
import * as promoCodes from './promo-codes.js';
import { countRateLimitedHit } from './rate-limits.js';
import * as registrations from './registrations.js';
import { eventStats } from './stats.js';
import * as tickets from './tickets.js';
import * as users from './users.js';
import { answeringBusy } from './unavailable.js';
import * as waitlist from './waitlist.js';

export interface DynamoStoreOptions {
  /** Owned by the caller: `close()` leaves it open. Give it `retryStrategy: storeRetryStrategy()`. */
  client: DynamoDBClient;
  tableName: string;
  /** Draws a ticket code in place of one already taken (default random; tests force collisions). */
  newTicketCode?: () => string;
  /** Counter shards of every new event, 1 to 64 (default: chosen from its capacity); see counter-shards.ts. */
  counterShards?: number;
}

/**
 * The Store port on one DynamoDB table (see schema.ts for keys and indexes). DynamoDB still
 * unavailable after the client's retries is answered as `busy` (unavailable.ts).
 */
export function createDynamoStore(options: DynamoStoreOptions): Store {
  const db: Db = {
    doc: DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
    table: options.tableName,
    newTicketCode: options.newTicketCode,
    counterShards: options.counterShards,
  };
  return answeringBusy<Store>({
    insertUser: (user) => users.insertUser(db, user),
    getUser: (id) => users.getUser(db, id),
    getUserByEmail: (email) => users.getUserByEmail(db, email),
    markEmailVerified: (userId) => users.markEmailVerified(db, userId),
    deleteUser: (userId, now) => users.deleteUser(db, userId, now),

    insertEvent: (event) => events.insertEvent(db, event),
    getEvent: (id) => events.getEvent(db, id),
    updateEvent: (id, patch, now, jobList) => events.updateEvent(db, id, patch, now, jobList),
    getEventChangeNotice: (eventId) => eventChanges.getEventChangeNotice(db, eventId),
    settleEventChangeNotice: (eventId, announced) => eventChanges.settleEventChangeNotice(db, eventId, announced),
    getChangeMailedRevision: (registrationId) => eventChanges.getChangeMailedRevision(db, registrationId),
    recordChangeMailed: (registrationId, revision) => eventChanges.recordChangeMailed(db, registrationId, revision),
    publishEvent: (id, now) => events.publishEvent(db, id, now),
    cancelEvent: (id, reason, now, jobList) => events.cancelEvent(db, id, reason, now, jobList),
    searchPublishedEvents: (search) => events.searchPublishedEvents(db, search),
    listEventsByOrganizer: (organizerId, limit, cursor) => events.listEventsByOrganizer(db, organizerId, limit, cursor),
    setEventImage: (id, image, now) => setEventImage(db, id, image, now),

    placeRegistration: (registration, ticketList, jobList, now, requestKey) =>
      registrations.placeRegistration(db, registration, ticketList, jobList, now, requestKey),
    getRegistration: (id) => registrations.getRegistration(db, id),
    findRegistrationByRequestKey: (requestKey) => registrations.findRegistrationByRequestKey(db, requestKey),
    listRegistrationsByUser: (userId, limit, cursor) => registrations.listRegistrationsByUser(db, userId, limit, cursor),
    listRegistrantsByEvent: (eventId, limit, cursor) => registrations.listRegistrantsByEvent(db, eventId, limit, cursor),
    confirmPayment: (registrationId, intent, ticketList, jobList, now) =>
      registrations.confirmPayment(db, registrationId, intent, ticketList, jobList, now),
    transitionRegistration: (id, from, to, now, jobList, guard) => registrations.transitionRegistration(db, id, from, to, now, jobList, guard),
    expireHolds: (now, limit) => registrations.expireHolds(db, now, limit),

    openPaymentIntent: (intent) => payments.openPaymentIntent(db, intent),
    getPaymentIntent: (id) => payments.getPaymentIntent(db, id),
    updatePaymentIntent: (intent, expected) => payments.updatePaymentIntent(db, intent, expected),
    listPaymentIntentsByRegistration: (registrationId) => payments.listPaymentIntentsByRegistration(db, registrationId),
    listProcessingPaymentIntents: (limit) => payments.listProcessingPaymentIntents(db, limit),

    getTicket: (id) => tickets.getTicket(db, id),
    listTicketsByRegistration: (registrationId) => registrations.listTicketsByRegistration(db, registrationId),
    listTicketsByUser: (userId, limit, cursor) => tickets.listTicketsByUser(db, userId, limit, cursor),
    checkIn: (input) => door.checkIn(db, input),
    listCheckIns: (eventId, limit) => door.listCheckIns(db, eventId, limit),
    getTicketByCode: (eventId, code) => door.getTicketByCode(db, eventId, code),
    listDoorTickets: (eventId, since) => door.listDoorTickets(db, eventId, since),
    doorCounts: (eventId) => door.doorCounts(db, eventId),
    listCheckInConflicts: (eventId, limit) => door.listCheckInConflicts(db, eventId, limit),
    insertCheckInList: (list) => door.insertCheckInList(db, list),
    getCheckInList: (id) => door.getCheckInList(db, id),
    listCheckInLists: (eventId) => door.listCheckInLists(db, eventId),
    insertScannerLink: (link) => door.insertScannerLink(db, link),
    getScannerLinkBySecretHash: (secretHash) => door.getScannerLinkBySecretHash(db, secretHash),
    listScannerLinks: (eventId) => door.listScannerLinks(db, eventId),
    revokeScannerLink: (eventId, linkId, now) => door.revokeScannerLink(db, eventId, linkId, now),
    touchScannerLink: (linkId, at, scans) => door.touchScannerLink(db, linkId, at, scans),

    insertPromoCode: (code) => promoCodes.insertPromoCode(db, code),
    getPromoCodeByCode: (eventId, code) => promoCodes.getPromoCodeByCode(db, eventId, code),
    listPromoCodes: (eventId) => promoCodes.listPromoCodes(db, eventId),
    disablePromoCode: (eventId, id, now) => promoCodes.disablePromoCode(db, eventId, id, now),

    eventStats: (eventId) => eventStats(db, eventId),

    beginIdempotent: (scope, hash, now, times) => idempotency.beginIdempotent(db, scope, hash, now, times),
    completeIdempotent: (scope, status, body) => idempotency.completeIdempotent(db, scope, status, body),
    abandonIdempotent: (scope) => idempotency.abandonIdempotent(db, scope),

    enqueueJobs: (jobList, now) => jobs.enqueueJobs(db, jobList, now),
    claimJobs: (now, limit, leaseMs) => jobs.claimJobs(db, now, limit, leaseMs),
    claimJobsById: (ids, now, leaseMs) => jobs.claimJobsById(db, ids, now, leaseMs),
    completeJob: (id) => jobs.completeJob(db, id),
    retryJob: (id, runAfter, error) => jobs.retryJob(db, id, runAfter, error),
    failJob: (id, error, failedAt, eventId) => jobs.failJob(db, id, error, failedAt, eventId),
    listFailedJobs: (eventId, limit) => jobs.listFailedJobs(db, eventId, limit),

    refundTickets: (refund, jobList, guard) => orders.refundTickets(db, refund, jobList, guard),
    listOrderRefunds: (registrationId) => orders.listOrderRefunds(db, registrationId),
    refundedCents: (registrationId) => orders.refundedCents(db, registrationId),
    renameTicket: (ticketId, attendeeName, now) => orders.renameTicket(db, ticketId, attendeeName, now),
    listEventOrders: (eventId) => orders.listEventOrders(db, eventId),
    recordResend: (registrationId, now, jobList) => orders.recordResend(db, registrationId, now, jobList),
    countRateLimitedHit: (kind, key, now) => countRateLimitedHit(db, kind, key, now),
    joinWaitlist: (entry, now) => waitlist.joinWaitlist(db, entry, now),
    leaveWaitlist: (eventId, userId, now) => waitlist.leaveWaitlist(db, eventId, userId, now),
    listWaitlist: (eventId) => waitlist.listWaitlist(db, eventId),
    listWaitlistByUser: (userId) => waitlist.listWaitlistByUser(db, userId),
    getWaitlistEntryByOffer: (offerId) => waitlist.getWaitlistEntryByOffer(db, offerId),
    claimWaitlistOffer: (offerId, registration, ticketList, jobList, now) => waitlist.claimWaitlistOffer(db, offerId, registration, ticketList, jobList, now),
    expireWaitlistOffers: (now, limit) => waitlist.expireWaitlistOffers(db, now, limit),

    close: async () => {},
  });
}
