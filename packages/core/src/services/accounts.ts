import type { Registration } from '../domain/registration.js';
import type { Ticket } from '../domain/ticket.js';
import type { User } from '../domain/user.js';
import { DomainError } from '../errors.js';
import type { Principal } from '../ports/identity.js';
import type { Page } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';

export interface AccountExport {
  exportedAt: string;
  account: User;
  registrations: Registration[];
  /** Without the QR payload: it is a bearer secret, and an export file gets passed around. */
  tickets: Omit<Ticket, 'qr'>[];
  checkIns: { ticketId: string; eventId: string; checkedInAt: string }[];
}

const BLOCKED: Record<'has_upcoming_tickets' | 'has_events', string> = {
  has_upcoming_tickets: 'You have tickets or a hold for an event still to come. Cancel them first, then delete your account.',
  has_events: 'You organize an event still to come. Cancel it (or wait until it is over), then delete your account.',
};

/** Every page of a listing, in order. */
async function all<T>(list: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** A person's own account: what is kept about them, and leaving. */
export class AccountService {
  constructor(private readonly deps: ServiceDeps) {}

  async exportData(principal: Principal): Promise<AccountExport> {
    const { store, clock } = this.deps;
    const account = await store.getUser(principal.userId);
    if (!account) throw new DomainError('unauthorized', 'Your account no longer exists.');
    const registrations = await all((cursor) => store.listRegistrationsByUser(account.id, 100, cursor));
    const tickets = (await all((cursor) => store.listTicketsByUser(account.id, 100, cursor))).map(({ qr: _secret, ...ticket }) => ticket);
    const checkIns = tickets.flatMap((t) => (t.checkedInAt ? [{ ticketId: t.id, eventId: t.eventId, checkedInAt: t.checkedInAt }] : []));
    return { exportedAt: clock.now().toISOString(), account, registrations, tickets, checkIns };
  }

  /** After the password is checked again; refused (409) while something is still to come. */
  async deleteAccount(principal: Principal, password: string, clientKey: string): Promise<void> {
    const { store, identity, clock } = this.deps;
    await identity.deleteAccount(principal, password, clientKey, async () => {
      const outcome = await store.deleteUser(principal.userId, clock.now());
      if (!outcome.ok) throw new DomainError(outcome.reason, BLOCKED[outcome.reason]);
    });
  }
}
