import type { Event } from '../domain/event.js';
import type { Registration } from '../domain/registration.js';

/**
 * Whether an order was priced from another version of the event than the one it is placed in: a
 * line's ticket type is gone or lists another price now, or the event's currency changed. The
 * service prices an order from the event as it read it (perhaps a few seconds old); the store
 * refuses by this rule, in its transaction, an order the attendee would pay the wrong price for.
 */
export function repriced(event: Pick<Event, 'ticketTypes' | 'currency'>, order: Pick<Registration, 'lines' | 'currency'>): boolean {
  if (order.currency !== event.currency) return true;
  return order.lines.some((line) => event.ticketTypes.find((t) => t.id === line.ticketTypeId)?.priceCents !== line.unitPriceCents);
}
