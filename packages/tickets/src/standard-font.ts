import PDFDocument from 'pdfkit';

/** The pdfkit 0.17 internals this module touches; everything else goes through the public API. */
interface FontInternals {
  _font: object | null;
  _fontFamilies: Record<string, object>;
  _fontCount: number;
}

let helvetica: object | null = null;

/** A Helvetica font object parsed once per process, used only as a template to copy from. */
function helveticaTemplate(): object {
  helvetica ??= (new PDFDocument() as unknown as FontInternals)._font!;
  return helvetica;
}

/**
 * Opens a document with Helvetica whose metrics are parsed once per process.
 *
 * pdfkit re-reads and re-parses a standard font's AFM metrics file in every document: about two
 * thirds of the cost of a ticket. The parsed metrics are never changed after parsing, so each
 * document gets its own font object (its own document, id and PDF object) sharing them.
 */
export function documentWithHelvetica(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  // font: null makes pdfkit skip loading its default font; the copy below takes its place.
  const doc = new PDFDocument({ ...options, font: null as unknown as string });
  const internals = doc as unknown as FontInternals;
  const template = helveticaTemplate();
  const font: object = Object.assign(Object.create(Object.getPrototypeOf(template) as object) as object, template, {
    document: doc,
    id: `F${++internals._fontCount}`,
    dictionary: null,
    embedded: false,
  });
  internals._fontFamilies.Helvetica = font;
  internals._font = font;
  return doc.font('Helvetica');
}
