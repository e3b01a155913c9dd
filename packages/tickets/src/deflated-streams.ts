import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { boundedCache } from './bounded-cache.js';

/** The pdfkit 0.17 PDFReference internals this module touches. */
interface ReferenceInternals {
  compress: boolean;
  buffer: Uint8Array[];
  finalize(): void;
}

/** Deflated streams by the hash of their bytes. */
const deflated = boundedCache<Buffer>(256);

const deflateOnce = (raw: Buffer): Buffer => deflated(createHash('sha256').update(raw).digest('base64'), () => deflateSync(raw));

/** Deflates a compressed stream of `reference` with `deflate` when it is written, instead of pdfkit's own deflate. */
function deflateWith(reference: ReferenceInternals, deflate: (raw: Buffer) => Buffer): void {
  const finalize = reference.finalize.bind(reference);
  reference.finalize = () => {
    // write() has already set the FlateDecode filter on a compressed stream.
    if (reference.compress && reference.buffer.length > 0) {
      reference.buffer = [deflate(Buffer.concat(reference.buffer))];
      reference.compress = false;
    }
    finalize();
  };
}

/**
 * A page's content (its text and QR drawing, new in every ticket) deflated at level 3 rather than
 * zlib's default 6: under half the CPU for about 350 more bytes a ticket (11.7 KB).
 */
const PAGE_CONTENT_LEVEL = 3;

/** Deflates the content of each page of `doc` quickly (PAGE_CONTENT_LEVEL): the page open now and any added later. */
export function deflatePageContentQuickly(doc: PDFKit.PDFDocument): void {
  const quick = (raw: Buffer) => deflateSync(raw, { level: PAGE_CONTENT_LEVEL });
  const onPage = () => deflateWith((doc.page as unknown as { content: ReferenceInternals }).content, quick);
  onPage();
  doc.on('pageAdded', onPage);
}

/**
 * Runs `write` with every stream it creates in `doc` deflated at most once per process for the
 * same bytes. A font's subset and ToUnicode map are the same in most tickets, and deflating them
 * anew was a tenth of the cost of a ticket; hashing them is a fraction of that.
 */
export function withDeflatedStreamsReused<T>(doc: PDFKit.PDFDocument, write: () => T): T {
  const ref = doc.ref;
  doc.ref = (data) => {
    const reference = ref.call(doc, data) as unknown as ReferenceInternals;
    deflateWith(reference, deflateOnce);
    return reference as unknown as PDFKit.PDFKitReference;
  };
  try {
    return write();
  } finally {
    doc.ref = ref;
  }
}
