import type { EventWithCounts, TicketType } from '../domain/event.js';
import { isFinal } from '../domain/transitions.js';

/** What is taken of the event or of one ticket type, beside the number that would go below it. */
interface Taken {
  sold: number;
  held: number;
  /** sold + held */
  taken: number;
}

/** The `details` of a capacity_below_sold refusal: the same shape from every store. */
export type CapacityBelowTaken =
  | ({ capacity: number } & Taken)
  | ({ ticketTypeId: string; quantity: number } & Taken)
  | ({ ticketTypeId: string; removed: true } & Taken);

export type EventEditVerdict =
  | { ok: true }
  | { ok: false; reason: 'invalid_state' }
  | { ok: false; reason: 'capacity_below_sold'; details: CapacityBelowTaken };

function takenOf(event: EventWithCounts, ticketTypeIds: string[]): Taken {
  let sold = 0;
  let held = 0;
  for (const id of ticketTypeIds) {
    sold += event.counts[id]?.sold ?? 0;
    held += event.counts[id]?.held ?? 0;
  }
  return { sold, held, taken: sold + held };
}

/**
 * A cancelled event is not edited. A capacity, or a ticket type's quantity, never goes below what
 * is sold and held; a ticket type with spots taken is not removed.
 */
export function checkEventEdit(
  current: EventWithCounts,
  patch: { capacity?: number; ticketTypes?: TicketType[] },
): EventEditVerdict {
  if (isFinal('event', current.status)) return { ok: false, reason: 'invalid_state' };
  const refuse = (details: CapacityBelowTaken): EventEditVerdict => ({ ok: false, reason: 'capacity_below_sold', details });
  if (patch.capacity !== undefined) {
    const all = takenOf(current, current.ticketTypes.map((t) => t.id));
    if (patch.capacity < all.taken) return refuse({ capacity: patch.capacity, ...all });
  }
  if (patch.ticketTypes) {
    const next = new Map(patch.ticketTypes.map((t) => [t.id, t]));
    for (const tt of current.ticketTypes) {
      const taken = takenOf(current, [tt.id]);
      const replacement = next.get(tt.id);
      if (!replacement && taken.taken > 0) return refuse({ ticketTypeId: tt.id, removed: true, ...taken });
      if (replacement && replacement.quantity !== null && replacement.quantity < taken.taken) {
        return refuse({ ticketTypeId: tt.id, quantity: replacement.quantity, ...taken });
      }
    }
  }
  return { ok: true };
}
