import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/** The pdfkit 0.17 PDFReference internals this module touches. */
interface ReferenceInternals {
  compress: boolean;
  buffer: Uint8Array[];
  finalize(): void;
}

/** Deflated streams by the hash of their bytes; emptied when it holds STREAMS_KEPT. */
const STREAMS_KEPT = 256;
const deflated = new Map<string, Buffer>();

function deflateOnce(raw: Buffer): Buffer {
  const key = createHash('sha256').update(raw).digest('base64');
  let bytes = deflated.get(key);
  if (!bytes) {
    if (deflated.size >= STREAMS_KEPT) deflated.clear();
    bytes = deflateSync(raw);
    deflated.set(key, bytes);
  }
  return bytes;
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
    const finalize = reference.finalize.bind(reference);
    reference.finalize = () => {
      // write() has already set the FlateDecode filter on a compressed stream.
      if (reference.compress && reference.buffer.length > 0) {
        reference.buffer = [deflateOnce(Buffer.concat(reference.buffer))];
        reference.compress = false;
      }
      finalize();
    };
    return reference as unknown as PDFKit.PDFKitReference;
  };
  try {
    return write();
  } finally {
    doc.ref = ref;
  }
}
