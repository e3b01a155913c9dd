import QRCode from 'qrcode';
import { announcedEnd, formatEventWhen, type Event, type Ticket } from '@ticketbooth/core';
import { unicodeDocument, writeText } from './unicode-document.js';
import { boundedCache } from './bounded-cache.js';
import type { PaperSize } from './paper-size.js';

// One weight only (Noto Sans Regular and its fallbacks for other scripts): hierarchy comes from size and colour.
const INK = '#1b1b1f';
const MUTED = '#5b5b66';
const ACCENT = '#4338ca';
const MARGIN = 56;

/**
 * Every ticket's QR uses mask 2 (every third column flipped) instead of the lowest-scoring of the 8:
 * scoring them was an eighth of a ticket. Any mask gives a valid symbol that decodes the same; over
 * 300 random signed payloads mask 2 scored lowest most often (134 times), its penalty points 4%
 * over the best one's on average and 26% at worst, so the symbol stays about as easy to scan.
 */
const QR_MASK = 2;

/** The QR as vector squares: crisp at any zoom or print size, and no PNG to encode. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  // One byte-mode segment: the payload is base64url, and qrcode's optimal segmentation search
  // (a shortest-path over modes) costs more than it saves for it.
  const qr = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: QR_MASK });
  const quiet = 4;
  const count = qr.modules.size;
  const dark = qr.modules.data;
  const cell = size / (count + quiet * 2);
  doc.rect(x, y, size, size).fill('#ffffff');
  // One rectangle per horizontal run of dark modules, written in module units (integers) under one
  // transform: pdfkit's path calls and number formatting per rectangle, and deflating their long
  // decimals, were a fifth of a ticket.
  const runs: string[] = [];
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!dark[row * count + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && dark[row * count + col]) col++;
      runs.push(`${start} ${row} ${col - start} 1 re`);
    }
  }
  doc.save().transform(cell, 0, 0, cell, x + quiet * cell, y + quiet * cell).fillColor('#000000');
  doc.addContent(runs.join('\n'));
  doc.fill().restore();
}

/** An event's date line, formatted once for all its tickets (time zone formatting is costly). */
const eventWhen = boundedCache<string>(1000);
// Keyed by the end people are shown: an open-ended event's assumed end may equal another's given one.
const whenOf = (event: Event): string =>
  eventWhen(`${event.startsAt}|${announcedEnd(event) ?? 'open'}|${event.timezone}`, () => formatEventWhen(event));

/** An image pdfkit has read (doc.image takes one in place of bytes); its types declare neither. */
type OpenedImage = { width: number; height: number };
interface ImageOpener {
  openImage(src: Buffer): OpenedImage;
}

/** The cover image's band across the top of the page, when the event has one. */
const BANNER_HEIGHT = 150;

export interface TicketsPdfInput {
  event: Event;
  tickets: Ticket[];
  brand: string;
  paper: PaperSize;
  /** The event's cover image (its PDF variant, JPEG), printed on every page; null or absent: none. */
  image?: Uint8Array | null;
}

/** Several tickets (one order's) in one PDF, a page each, in the order given. */
export function renderTicketsPdf(input: TicketsPdfInput): Promise<Uint8Array> {
  const { event, tickets, brand, paper } = input;
  const first = tickets[0];
  if (!first) throw new Error('A tickets PDF needs at least one ticket.');
  // The first ticket's creation time as the PDF's: the same tickets render to the same bytes.
  const issuedAt = new Date(first.createdAt);
  const doc = unicodeDocument({
    size: paper,
    margin: MARGIN,
    info: {
      Title: `${tickets.length === 1 ? 'Ticket' : 'Tickets'} – ${event.name}`,
      Author: brand,
      Subject: tickets.length === 1 ? first.ticketTypeName : `${tickets.length} tickets`,
      ...(Number.isNaN(issuedAt.getTime()) ? {} : { CreationDate: issuedAt }),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  // Opened once: pdfkit embeds an opened image a single time however many pages draw it.
  const image = input.image ? (doc as unknown as ImageOpener).openImage(Buffer.from(input.image)) : null;
  tickets.forEach((ticket, i) => {
    if (i > 0) doc.addPage({ size: paper, margin: MARGIN });
    drawTicketPage(doc, event, ticket, brand, image);
  });
  doc.end();
  return done;
}

function drawTicketPage(doc: PDFKit.PDFDocument, event: Event, ticket: Ticket, brand: string, image: OpenedImage | null): void {
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  doc.rect(0, 0, doc.page.width, 8).fill(ACCENT);
  writeText(doc.fillColor(ACCENT).fontSize(12), brand.toUpperCase(), left, 40, { width, characterSpacing: 2 });
  let nameY = 64;
  if (image) {
    // Cropped to the band, as the event page crops it; the QR below gets a little smaller to keep one page.
    doc.save().rect(left, 60, width, BANNER_HEIGHT).clip();
    doc.image(image as unknown as Buffer, left, 60, { cover: [width, BANNER_HEIGHT], align: 'center', valign: 'center' });
    doc.restore();
    nameY = 60 + BANNER_HEIGHT + 14;
  }
  writeText(doc.fillColor(INK).fontSize(26), event.name, left, nameY, { width });
  let y = doc.y + 16;
  const row = (label: string, value: string) => {
    writeText(doc.fillColor(MUTED).fontSize(10), label.toUpperCase(), left, y, { width, characterSpacing: 1 });
    writeText(doc.fillColor(INK).fontSize(14), value, left, doc.y + 2, { width });
    y = doc.y + 12;
  };
  row('Attendee', ticket.attendeeName);
  row('Ticket', ticket.ticketTypeName);
  row('When', whenOf(event));
  row('Where', event.location);

  const qrSize = image ? 220 : 260;
  const qrX = (doc.page.width - qrSize) / 2;
  const qrY = Math.max(y + 16, image ? 470 : 380);
  drawQr(doc, ticket.qr, qrX, qrY, qrSize);
  // The short code a volunteer types when the QR will not scan.
  writeText(doc.fillColor(INK).fontSize(22), ticket.code, left, qrY + qrSize + 10, { width, align: 'center', characterSpacing: 4 });
  writeText(doc.fillColor(MUTED).fontSize(10), `Ticket ${ticket.id}`, left, doc.y + 6, { width, align: 'center' });
  writeText(doc, 'Admits one. Do not share this code: it works once, for whoever shows it first.', left, doc.y + 4, { width, align: 'center' });
}
