import type { Font, Glyph } from 'fontkit';

/** A run as pdfkit's embedded fonts use it: glyphs, positions in thousandths of an em, and its width. */
export interface LaidOutRun {
  glyphs: Glyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}

export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Kerning between two characters, in font units; null when shaping them does more than kern (a ligature). */
type PairKerning = (pair: string) => number | null;

/** Pair kerning measured by fontkit's full shaping of the two characters, once per pair per face. */
export function pairKerning(font: Font): PairKerning {
  const measured = new Map<string, number | null>();
  return (pair) => {
    let kerning = measured.get(pair);
    if (kerning === undefined) {
      const run = font.layout(pair);
      const [first, second] = run.positions;
      const plain = run.glyphs.length === 2 && first!.xOffset === 0 && first!.yOffset === 0 && second!.xOffset === 0 && second!.yOffset === 0 && first!.yAdvance === 0;
      kerning = plain ? first!.xAdvance - run.glyphs[0]!.advanceWidth : null;
      measured.set(pair, kerning);
    }
    return kerning;
  };
}

/**
 * Lays out printable ASCII from each glyph's advance and the kerning of each pair, or returns null
 * (for other text, or a pair that forms a ligature) so the caller shapes it fully.
 *
 * fontkit's shaping of a word never seen before costs about a millisecond (every GSUB and GPOS
 * lookup of the face is tried on each glyph), and each ticket has such words: its id, the
 * attendee's name. For ASCII in a Latin face that shaping comes down to kerning, which is per pair.
 */
export function layoutAscii(font: Font, kerning: PairKerning, text: string, scale: number): LaidOutRun | null {
  if (!PRINTABLE_ASCII.test(text)) return null;
  const glyphs = font.glyphsForString(text);
  const positions: LaidOutRun['positions'] = [];
  let advanceWidth = 0;
  for (let i = 0; i < glyphs.length; i++) {
    const kern = i + 1 < text.length ? kerning(text.slice(i, i + 2)) : 0;
    if (kern === null) return null;
    const width = glyphs[i]!.advanceWidth * scale;
    const xAdvance = width + kern * scale;
    positions.push({ xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: width });
    advanceWidth += xAdvance;
  }
  return { glyphs, positions, advanceWidth };
}
