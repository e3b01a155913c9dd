import type { Ticket } from '../api/shapes.js';
import { formatInstantIn } from '@ticketbooth/core/when';

const TICKET_STATUS: Record<Ticket['status'], string> = { valid: 'Valid', used: 'Used', cancelled: 'Cancelled' };

/** "Status: Valid", and when it was checked in, on the event's clock. */
export function TicketStatusLine({ ticket, timeZone }: { ticket: Ticket; timeZone: string }) {
  return (
    <p>
      Status: <span className={`pill ticket-${ticket.status}`}>{TICKET_STATUS[ticket.status]}</span>
      {ticket.checkedInAt && ` (checked in ${formatInstantIn(ticket.checkedInAt, timeZone)})`}
    </p>
  );
}
