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
  checkedInAt: string | null;
  createdAt: string;
}

export type CheckInResult = 'admitted' | 'already_used' | 'invalid' | 'wrong_event' | 'cancelled';

export interface CheckIn {
  id: string;
  eventId: string;
  ticketId: string | null;
  nonce: string | null;
  result: CheckInResult;
  at: string;
  by: string;
}
