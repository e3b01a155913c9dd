import type { Event } from '../domain/event.js';
import type { Ticket } from '../domain/ticket.js';
import type { Registration } from '../domain/registration.js';

export interface PublicKeyInfo {
  keyId: string;
  algorithm: 'Ed25519';
  /** base64url of the raw 32-byte public key. */
  publicKey: string;
}

/** Signs and verifies QR payloads (Ed25519 with a key id, so keys can rotate). */
export interface TicketSigner {
  sign(ticket: { ticketId: string; eventId: string }): string;
  /** null for anything not signed by one of our keys: changed, truncated, invented. */
  verify(qr: string): { ticketId: string; eventId: string } | null;
  publicKeys(): PublicKeyInfo[];
}

/** Renders what an attendee takes away: the PDF ticket and the calendar file. */
export interface TicketRenderer {
  pdf(input: { event: Event; ticket: Ticket }): Promise<Uint8Array>;
  /** One order's tickets in one PDF, a page each. */
  orderPdf(input: { event: Event; tickets: Ticket[] }): Promise<Uint8Array>;
  calendar(input: { event: Event; registration: Registration; organizerEmail?: string }): string;
}
