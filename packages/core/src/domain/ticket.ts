export type TicketStatus = 'valid' | 'used' | 'cancelled';

export interface Ticket {
  id: string;
  registrationId: string;
  eventId: string;
  userId: string;
  ticketTypeId: string;
  ticketTypeName: string;
  attendeeName: string;
  status: TicketStatus;
  /** Signed QR payload; a bearer secret. */
  qr: string;
  /** The short code printed under the QR, unique within the event (see rules/ticket-code.ts). */
  code: string;
  checkedInAt: string | null;
  /** The door that admitted it (a scanner link's name, or the organizer); null until used. */
  checkedInBy: string | null;
  createdAt: string;
  /** Raised by each change of the attendee name, so the PDF printed before is never served again (absent: 0). */
  pdfVersion?: number;
}

export type CheckInResult = 'admitted' | 'already_used' | 'invalid' | 'wrong_event' | 'cancelled' | 'not_on_list';

export interface CheckIn {
  id: string;
  eventId: string;
  ticketId: string | null;
  nonce: string | null;
  result: CheckInResult;
  at: string;
  by: string;
}
