import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Font } from 'fontkit';
import { face, faceFilePath, faceFor } from './font-faces.js';
import { bidiText, hasRightToLeft, rightToLeftParagraphAt, splitRuns, visualRuns, type BidiText, type TextRun } from './text-runs.js';
import { breakLines } from './line-breaks.js';
import { deflatePageContentQuickly, withDeflatedStreamsReused } from './deflated-streams.js';
import { boundedCache } from './bounded-cache.js';
import { PRINTABLE_ASCII, layoutAscii, pairKerning, type LaidOutRun } from './ascii-layout.js';

/** The pdfkit 0.17 internals this module touches; everything else goes through the public API. */
interface FontInternals {
  _font: object | null;
  _fontFamilies: Record<string, object>;
  _fontCount: number;
  _fontSize: number;
}

/** What of pdfkit's EmbeddedFont this module touches: its subset, and what it writes for each glyph. */
interface EmbeddedFontInternals {
  layoutCache?: object;
  embed(): void;
  layoutRun(text: string, features?: unknown): LaidOutRun;
  scale: number;
  widths: number[];
  unicode: number[][];
  subset: { glyphs: number[]; includeGlyph(glyphId: number): number; encode(): Uint8Array };
}

type EmbeddedFontClass = new (document: PDFKit.PDFDocument, font: Font, id: string) => object;

let embeddedFont: EmbeddedFontClass | null = null;

/** pdfkit does not export its EmbeddedFont class: a throwaway document opened with a small face yields it. */
function embeddedFontClass(): EmbeddedFontClass {
  if (!embeddedFont) {
    const probe = new PDFDocument({ font: null as unknown as string }).font(readFileSync(faceFilePath(1)));
    embeddedFont = (probe as unknown as FontInternals)._font!.constructor as EmbeddedFontClass;
  }
  return embeddedFont;
}

/**
 * Makes a face usable in one document, once, and returns its family name there.
 *
 * pdfkit's own `doc.font(buffer)` parses the font file again in every document (4.5 MB for a CJK
 * face). Here each document gets its own embedded font (its own subset, id and PDF objects) over
 * the fontkit font parsed once per process. Only faces that draw something are embedded.
 */
function useFace(doc: PDFKit.PDFDocument, index: number): string {
  const name = `face-${index}`;
  const internals = doc as unknown as FontInternals;
  if (!internals._fontFamilies[name]) {
    const EmbeddedFont = embeddedFontClass();
    const font = new EmbeddedFont(doc, face(index), `F${++internals._fontCount}`) as EmbeddedFontInternals;
    font.layoutCache = sharedLayouts(index);
    if (index === 0) {
      includePrintableAscii(font);
      layOutAsciiByPairs(font);
    }
    memoiseSubset(font.subset, index);
    const embed = font.embed.bind(font);
    font.embed = () => withDeflatedStreamsReused(doc, embed);
    internals._fontFamilies[name] = font;
  }
  return name;
}

/**
 * Puts the printable ASCII glyphs first in the base face's subset, whether used or not: tickets in
 * Latin letters then all have the same subset, encoded once (memoiseSubset), for about 4 KB more
 * per PDF.
 */
function includePrintableAscii(font: EmbeddedFontInternals): void {
  for (const { codePoint, glyphId, advanceWidth } of (printableAsciiGlyphs ??= asciiGlyphs())) {
    const subsetId = font.subset.includeGlyph(glyphId);
    font.widths[subsetId] ??= advanceWidth * font.scale;
    font.unicode[subsetId] ??= [codePoint];
  }
}

let printableAsciiGlyphs: { codePoint: number; glyphId: number; advanceWidth: number }[] | null = null;

/** The base face's glyphs for printable ASCII, looked up once per process rather than in every document. */
function asciiGlyphs(): NonNullable<typeof printableAsciiGlyphs> {
  return Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => {
    const glyph = face(0).glyphForCodePoint(0x20 + i);
    return { codePoint: 0x20 + i, glyphId: glyph.id, advanceWidth: glyph.advanceWidth };
  });
}

let baseKerning: ReturnType<typeof pairKerning> | null = null;

/** The base face lays out ASCII words it has not seen from glyph advances and pair kerning (ascii-layout.ts). */
function layOutAsciiByPairs(font: EmbeddedFontInternals): void {
  const kerning = (baseKerning ??= pairKerning(face(0)));
  const shape = font.layoutRun.bind(font);
  font.layoutRun = (text, features) => (features ? null : layoutAscii(face(0), kerning, text, font.scale)) ?? shape(text, features);
}

/** Encoded subsets by their glyphs, per face. */
const encodedSubsets: ReturnType<typeof boundedCache<Uint8Array>>[] = [];

/** fontkit encodes a subset (decoding each glyph) in every document; the same glyphs give the same bytes. */
function memoiseSubset(subset: EmbeddedFontInternals['subset'], index: number): void {
  const encode = subset.encode.bind(subset);
  subset.encode = () => (encodedSubsets[index] ??= boundedCache(64))(subset.glyphs.join(','), encode);
}

/** Documents that share one layout cache before it is replaced by an empty one. */
const LAYOUT_CACHE_DOCUMENTS = 1000;
const layouts: { cache: object; documents: number }[] = [];

/**
 * A layout cache (word -> shaped glyphs and positions) shared by the documents that use a face.
 *
 * Shaping a word is costly (GSUB and GPOS lookups), and pdfkit keeps its cache per document; the
 * cached runs are only read once made, so documents can share them. Replacing the cache every
 * LAYOUT_CACHE_DOCUMENTS documents bounds it: attendee names and ticket ids are words too.
 */
function sharedLayouts(index: number): object {
  let shared = layouts[index];
  if (!shared || shared.documents >= LAYOUT_CACHE_DOCUMENTS) {
    shared = { cache: Object.create(null) as object, documents: 0 };
    layouts[index] = shared;
  }
  shared.documents++;
  return shared.cache;
}

/** A document whose text is drawn with embedded subsets of the Noto faces; no standard 14 font. */
export function unicodeDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  // font: null makes pdfkit skip loading Helvetica, its default font.
  const doc = new PDFDocument({ ...options, font: null as unknown as string });
  deflatePageContentQuickly(doc);
  return doc.font(useFace(doc, 0));
}

const hasGlyph = (index: number, codePoint: number): boolean => face(index).hasGlyphForCodePoint(codePoint);

/** One baseline for every face: pdfkit would place each run by its own face's ascender. */
const sharedBaseline = (doc: PDFKit.PDFDocument): number => -((face(0).ascent / face(0).unitsPerEm) * (doc as unknown as FontInternals)._fontSize);

/** The runs of left-to-right texts (an event's date line, with its dash, is the same on all its tickets). */
const leftToRightRuns = boundedCache<TextRun[]>(1000);

/** `doc.text` for text in any script: one call per run, each in the face with its glyphs. */
export function writeText(doc: PDFKit.PDFDocument, text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions): PDFKit.PDFDocument {
  // Most ticket text is ASCII, all of it in the base face: one run, without a look at each character.
  if (PRINTABLE_ASCII.test(text)) return writeAscii(doc.font(useFace(doc, 0)), text, x, y, { ...options, baseline: sharedBaseline(doc) });
  if (hasRightToLeft(text)) return writeLines(doc, bidiText(text, faceFor, hasGlyph), x, y, options);
  // Left to right only: the runs are in reading order, and pdfkit wraps them.
  const runs = leftToRightRuns(text, () => splitRuns(text, faceFor, hasGlyph));
  if (runs.length === 0) return doc.text('', x, y, options);
  const baseline = sharedBaseline(doc);
  runs.forEach((run, i) => {
    doc.font(useFace(doc, run.face));
    const runOptions = { ...options, baseline, continued: i < runs.length - 1 };
    if (i === 0) doc.text(run.text, x, y, runOptions);
    else doc.text(run.text, runOptions);
  });
  return doc;
}

/**
 * Printable ASCII in the base face. Text that fits its width on one line (most of a ticket) is
 * drawn where pdfkit's line wrapper would put it, left or centred on the width the wrapper measures,
 * without the wrapper: its word-by-word line breaking was a tenth of a ticket. Anything else (text
 * that wraps, other alignments, no text) goes through pdfkit.
 */
function writeAscii(doc: PDFKit.PDFDocument, text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions): PDFKit.PDFDocument {
  const { width, align, ...drawOptions } = options;
  if (width === undefined || text === '' || (align !== undefined && align !== 'left' && align !== 'center')) return doc.text(text, x, y, options);
  // The wrapper's measure of a line: every character's advance and spacing, the last one's too.
  const lineWidth = doc.widthOfString(text, drawOptions) + (options.characterSpacing ?? 0);
  if (lineWidth > width) return doc.text(text, x, y, options);
  doc.text(text, align === 'center' ? x + width / 2 - lineWidth / 2 : x, y, { ...drawOptions, lineBreak: false });
  doc.x = x;
  doc.y = y + doc.currentLineHeight(true) + (options.lineGap ?? 0);
  return doc;
}

/**
 * Text with right-to-left letters: broken into lines in logical order first (measured with the
 * faces that draw it), then each line reordered for display. pdfkit would wrap the runs after they
 * were reordered, putting a right-to-left text's end on its first line. Without an `align`, a line
 * starts on its paragraph's side: a right-to-left paragraph's lines end at the box's right edge.
 */
function writeLines(doc: PDFKit.PDFDocument, text: BidiText, x: number, y: number, options: PDFKit.Mixins.TextOptions): PDFKit.PDFDocument {
  const { width, align, ...drawOptions } = options;
  const baseline = sharedBaseline(doc);
  const measure = (start: number, end: number) => widthInLogicalOrder(doc, text, start, end, drawOptions);
  const lines = width ? breakLines(text.text, width, measure) : [{ start: 0, end: text.text.length, width: 0 }];
  doc.y = y;
  for (const line of lines) {
    // pdfkit aligns the lines it wraps itself; these are placed here.
    const free = width ? width - line.width : 0;
    const side = align ?? (rightToLeftParagraphAt(text, line.start) ? 'right' : 'left');
    doc.x = x + (side === 'right' ? free : side === 'center' ? free / 2 : 0);
    // A right-to-left run is laid out whole (`features` makes pdfkit skip its word-by-word layout,
    // which would keep the words in reading order while fontkit reverses the letters of each).
    for (const run of visualRuns(text, line.start, line.end)) {
      doc.font(useFace(doc, run.face)).text(run.text, { ...drawOptions, baseline, lineBreak: false, ...(run.rtl ? { features: [] } : {}) });
    }
    doc.y += doc.currentLineHeight(true) + (options.lineGap ?? 0);
  }
  doc.x = x;
  return doc;
}

/**
 * The width of text[start, end), each stretch in the face that draws it. Without `features` pdfkit
 * measures word by word through the layout cache shared by documents (a word's glyphs and advances
 * do not depend on the order the words are drawn in).
 */
function widthInLogicalOrder(doc: PDFKit.PDFDocument, { text, faces }: BidiText, start: number, end: number, options: PDFKit.Mixins.TextOptions): number {
  let width = 0;
  for (let from = start; from < end; ) {
    let to = from + 1;
    while (to < end && faces[to] === faces[from]) to++;
    width += doc.font(useFace(doc, faces[from]!)).widthOfString(text.slice(from, to), options);
    from = to;
  }
  return width;
}
