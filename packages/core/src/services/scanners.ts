import { DomainError, notFound } from '../errors.js';
import type { CheckInList, DoorTypeCount, ScannerLink } from '../domain/door.js';
import type { Principal, ScannerPrincipal } from '../ports/identity.js';
import { isScannerLinkLive } from '../rules/scanner-link.js';
import type { ServiceDeps } from './deps.js';
import { ownedEvent } from './access.js';
import { newScannerSecret, scannerSecretHash } from './scanner-secret.js';

export interface CheckInListView extends CheckInList {
  checkedIn: number;
  expected: number;
}

const invalidInput = (field: string, message: string) => new DomainError('validation_failed', message, { fields: { [field]: message } });

/** Check-in lists (gates) and scanner links (door phones without an account): organizer only. */
export class ScannerService {
  constructor(private readonly deps: ServiceDeps) {}

  async createList(principal: Principal, eventId: string, input: { name: string; ticketTypeIds: string[] }): Promise<CheckInList> {
    const event = await ownedEvent(this.deps.store, principal, eventId);
    const known = new Set(event.ticketTypes.map((t) => t.id));
    const unknown = input.ticketTypeIds.find((id) => !known.has(id));
    if (unknown !== undefined) throw invalidInput('ticketTypeIds', `${unknown} is not a ticket type of this event.`);
    const list: CheckInList = {
      id: this.deps.ids.newId('cil'),
      eventId,
      name: input.name,
      ticketTypeIds: [...new Set(input.ticketTypeIds)],
      createdAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.store.insertCheckInList(list);
    return list;
  }

  async lists(principal: Principal, eventId: string): Promise<CheckInListView[]> {
    await ownedEvent(this.deps.store, principal, eventId);
    const [lists, counts] = await Promise.all([this.deps.store.listCheckInLists(eventId), this.deps.store.doorCounts(eventId)]);
    return lists.map((list) => ({ ...list, ...countsOn(list, counts) }));
  }

  /** A new link and its secret: the secret is in the answer once and only its hash is kept. */
  async createLink(
    principal: Principal,
    eventId: string,
    input: { name: string; checkinListId?: string | undefined; expiresAt?: string | undefined },
  ): Promise<{ link: ScannerLink; secret: string }> {
    await ownedEvent(this.deps.store, principal, eventId);
    const now = this.deps.clock.now();
    if (input.checkinListId !== undefined) {
      const list = await this.deps.store.getCheckInList(input.checkinListId);
      if (!list || list.eventId !== eventId) throw invalidInput('checkinListId', 'No such check-in list at this event.');
    }
    if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= now.getTime()) {
      throw invalidInput('expiresAt', 'The expiry must be in the future.');
    }
    const secret = newScannerSecret();
    const link: ScannerLink = {
      id: this.deps.ids.newId('scl'),
      eventId,
      name: input.name,
      checkinListId: input.checkinListId ?? null,
      secretHash: await scannerSecretHash(secret),
      expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
      createdAt: now.toISOString(),
      revokedAt: null,
      lastSeenAt: null,
      scanCount: 0,
    };
    await this.deps.store.insertScannerLink(link);
    return { link, secret };
  }

  async links(principal: Principal, eventId: string): Promise<ScannerLink[]> {
    await ownedEvent(this.deps.store, principal, eventId);
    return this.deps.store.listScannerLinks(eventId);
  }

  async revokeLink(principal: Principal, eventId: string, linkId: string): Promise<void> {
    await ownedEvent(this.deps.store, principal, eventId);
    if (!(await this.deps.store.revokeScannerLink(eventId, linkId, this.deps.clock.now().toISOString()))) throw notFound('Scanner link');
  }

  /** The scanner a secret proves; 401 once its link is revoked or expired, or for any other string. */
  async authenticate(secret: string): Promise<ScannerPrincipal> {
    const link = await this.deps.store.getScannerLinkBySecretHash(await scannerSecretHash(secret));
    if (!link || !isScannerLinkLive(link, this.deps.clock.now())) {
      throw new DomainError('unauthorized', 'This scanner link was revoked or has expired: ask the organizer for a new one.');
    }
    return { kind: 'scanner', linkId: link.id, eventId: link.eventId, checkinListId: link.checkinListId, name: link.name };
  }
}

function countsOn(list: CheckInList, counts: DoorTypeCount[]): { checkedIn: number; expected: number } {
  const on = counts.filter((c) => list.ticketTypeIds.length === 0 || list.ticketTypeIds.includes(c.ticketTypeId));
  return { checkedIn: on.reduce((n, c) => n + c.checkedIn, 0), expected: on.reduce((n, c) => n + c.expected, 0) };
}
