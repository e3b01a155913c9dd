import type { Event, Ticket } from '@ticketbooth/core';
import { createTicketRenderer, createTicketSigner, generateSigningKey } from '@ticketbooth/tickets';
import { rate } from '../lib/stats.js';

export interface PdfResult {
  tickets: number;
  ticketsPerSecondPerCore: number;
  /** Tickets per second of this process's CPU time: steadier than wall time on a shared machine. */
  ticketsPerCpuSecond: number;
  bytesPerTicket: number;
}

/** Ticket PDFs (with their QR) rendered back to back on one core. */
export async function pdf(count: number): Promise<PdfResult> {
  const key = generateSigningKey();
  const signer = createTicketSigner([key], key.keyId);
  const renderer = createTicketRenderer();
  const event: Event = {
    id: 'evt_bench', organizerId: 'usr_o', name: 'Tech Summit 2026', description: '', category: 'Technology', location: 'Moscone Center, San Francisco, CA',
    startsAt: '2026-12-25T17:00:00.000Z', endsAt: '2026-12-26T02:00:00.000Z', timezone: 'America/Los_Angeles', currency: 'USD', capacity: 500,
    status: 'published', ticketTypes: [], cancelReason: null, revision: 0, image: null, createdAt: '', updatedAt: '',
  };
  const ticketFor = (i: number): Ticket => {
    const id = `tkt_bench_${String(i).padStart(12, '0')}`;
    return { id, registrationId: 'reg', eventId: event.id, userId: 'usr', ticketTypeId: 'tt', ticketTypeName: 'General admission', attendeeName: `Attendee ${i}`, status: 'valid', qr: signer.sign({ ticketId: id, eventId: event.id }), code: 'K7QX2MHP', checkedInAt: null, checkedInBy: null, createdAt: '' };
  };
  for (let i = 0; i < 20; i++) await renderer.pdf({ event, ticket: ticketFor(count + i) }); // warm up
  // Signed beforehand: a ticket's QR is signed when it is issued, not when its PDF is drawn.
  const tickets = Array.from({ length: count }, (_, i) => ticketFor(i));
  let bytes = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const ticket of tickets) bytes += (await renderer.pdf({ event, ticket })).byteLength;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    tickets: count,
    ticketsPerSecondPerCore: rate(count, performance.now() - started),
    ticketsPerCpuSecond: rate(count, (cpu.user + cpu.system) / 1000),
    bytesPerTicket: Math.round(bytes / count),
  };
}
