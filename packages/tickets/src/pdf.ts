import QRCode from 'qrcode';
import type { Event, Ticket } from '@ticketbooth/core';
import { documentWithHelvetica } from './standard-font.js';

// One font only (its metrics are parsed once per process): hierarchy comes from size and colour.
const FONT = 'Helvetica';
const INK = '#1b1b1f';
const MUTED = '#5b5b66';
const ACCENT = '#4338ca';

/** Intl formatters are costly to build (a measurable share of a PDF); one pair per time zone. */
const formatters = new Map<string, [Intl.DateTimeFormat, Intl.DateTimeFormat]>();

function formatEventTime(event: Pick<Event, 'startsAt' | 'endsAt' | 'timezone'>): string {
  let pair = formatters.get(event.timezone);
  if (!pair) {
    pair = [
      new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'short', timeZone: event.timezone }),
      new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: event.timezone, timeZoneName: 'short' }),
    ];
    formatters.set(event.timezone, pair);
  }
  return `${pair[0].format(new Date(event.startsAt))} – ${pair[1].format(new Date(event.endsAt))}`;
}

/** The QR as vector squares: crisp at any zoom or print size, and no PNG to encode. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  // One byte-mode segment: the payload is base64url, and qrcode's optimal segmentation search
  // (a shortest-path over modes) costs more than it saves for it.
  const qr = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const count = qr.modules.size;
  const cell = size / (count + quiet * 2);
  doc.rect(x, y, size, size).fill('#ffffff');
  // One rectangle per horizontal run of dark modules: a third of the drawing operations.
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && qr.modules.get(row, col)) col++;
      doc.rect(x + (start + quiet) * cell, y + (row + quiet) * cell, (col - start) * cell, cell);
    }
  }
  doc.fill('#000000');
}

/** One page per ticket: event, attendee, ticket type, date, place and the QR that admits one. */
export function renderTicketPdf(input: { event: Event; ticket: Ticket; brand: string }): Promise<Uint8Array> {
  const { event, ticket, brand } = input;
  // The ticket's own creation time as the PDF's: the same ticket renders to the same bytes.
  const issuedAt = new Date(ticket.createdAt);
  const doc = documentWithHelvetica({
    size: 'A4',
    margin: 56,
    info: {
      Title: `Ticket – ${event.name}`,
      Author: brand,
      Subject: ticket.ticketTypeName,
      ...(Number.isNaN(issuedAt.getTime()) ? {} : { CreationDate: issuedAt }),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  const left = 56;
  const width = doc.page.width - 112;
  doc.rect(0, 0, doc.page.width, 8).fill(ACCENT);
  doc.fillColor(ACCENT).font(FONT).fontSize(12).text(brand.toUpperCase(), left, 40, { characterSpacing: 2 });
  doc.fillColor(INK).font(FONT).fontSize(26).text(event.name, left, 64, { width });
  let y = doc.y + 16;
  const row = (label: string, value: string) => {
    doc.fillColor(MUTED).font(FONT).fontSize(10).text(label.toUpperCase(), left, y, { width, characterSpacing: 1 });
    doc.fillColor(INK).font(FONT).fontSize(14).text(value, left, doc.y + 2, { width });
    y = doc.y + 12;
  };
  row('Attendee', ticket.attendeeName);
  row('Ticket', ticket.ticketTypeName);
  // The IANA name on its own line: short names like "GMT+1" are ambiguous to someone travelling in.
  row('When', `${formatEventTime(event)}\n${event.timezone}`);
  row('Where', event.location);

  const qrSize = 260;
  const qrX = (doc.page.width - qrSize) / 2;
  const qrY = Math.max(y + 16, 380);
  drawQr(doc, ticket.qr, qrX, qrY, qrSize);
  doc.fillColor(MUTED).font(FONT).fontSize(10)
    .text(`Ticket ${ticket.id}`, left, qrY + qrSize + 12, { width, align: 'center' })
    .text('Admits one. Do not share this code: it works once, for whoever shows it first.', left, doc.y + 4, { width, align: 'center' });
  doc.end();
  return done;
}
