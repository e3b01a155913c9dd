import bidiFactory, { type EmbeddingLevels } from 'bidi-js';

/** A stretch of text drawn with one face; `rtl` when fontkit is to shape and reverse it (it holds Hebrew or Arabic letters). */
export interface TextRun {
  face: number;
  text: string;
  rtl: boolean;
}

/** Text with what the bidirectional algorithm resolved for it, and the face of each UTF-16 unit. */
export interface BidiText {
  text: string;
  embedding: EmbeddingLevels;
  faces: number[];
}

// The factory builds its character tables on first use: one instance for the process.
const bidi = bidiFactory();

/** Spaces and punctuation: drawn by whichever face the text around them uses, when it can. */
const NEUTRAL = /[\p{Zs}\p{P}]/u;
const RIGHT_TO_LEFT = /[\p{Script=Hebrew}\p{Script=Arabic}]/u;

/** Whether the text holds a right-to-left letter, and so needs reordering at all. */
export const hasRightToLeft = (text: string): boolean => RIGHT_TO_LEFT.test(text);

/**
 * Resolves the embedding levels of text and gives each character the face that draws it (`faceFor`
 * picks one per code point; spaces and punctuation keep the face of the text before them when it
 * has their glyph). `auto` takes each paragraph's direction from its first strong character (UBA
 * P2 and P3): an all-Hebrew value is a right-to-left paragraph, its trailing neutrals at its left end.
 */
export function bidiText(
  text: string,
  faceFor: (codePoint: number) => number,
  hasGlyph: (face: number, codePoint: number) => boolean,
  direction: 'ltr' | 'auto' = 'auto',
): BidiText {
  const faces: number[] = [];
  let current: number | undefined;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (current === undefined || !(NEUTRAL.test(char) && hasGlyph(current, codePoint))) current = faceFor(codePoint);
    for (let unit = 0; unit < char.length; unit++) faces.push(current);
  }
  return { text, embedding: bidi.getEmbeddingLevels(text, direction), faces };
}

/**
 * The runs of the line text[start, end) in the order they are drawn from left to right.
 *
 * bidi-js reorders the line's characters and mirrors brackets in right-to-left levels; characters
 * next to each other in that order with one face and one level form a run. fontkit shapes and
 * reverses a run with Hebrew or Arabic letters itself, so such a run is handed over in logical
 * order, its edge spaces and punctuation split off as runs drawn as they stand.
 */
export function visualRuns({ text, embedding, faces }: BidiText, start: number, end: number): TextRun[] {
  if (end <= start) return [];
  const levels = embedding.levels;
  const order = Array.from({ length: end - start }, (_, i) => start + i);
  for (const [from, to] of bidi.getReorderSegments(text, embedding, start, end - 1)) {
    const reversed = order.slice(from! - start, to! - start + 1).reverse();
    order.splice(from! - start, reversed.length, ...reversed);
  }
  const mirrored = bidi.getMirroredCharactersMap(text, levels, start, end - 1);
  const groups: { face: number; level: number; indices: number[] }[] = [];
  for (const index of order) {
    const last = groups[groups.length - 1];
    if (last && last.face === faces[index] && last.level === levels[index]) last.indices.push(index);
    else groups.push({ face: faces[index]!, level: levels[index]!, indices: [index] });
  }
  const runs: TextRun[] = [];
  const push = (face: number, chars: string, rtl: boolean) => {
    if (!chars) return;
    const last = runs[runs.length - 1];
    // Runs drawn as they stand, side by side in one face, are one run.
    if (last && !rtl && !last.rtl && last.face === face) last.text += chars;
    else runs.push({ face, text: chars, rtl });
  };
  for (const { face, level, indices } of groups) {
    const visual = keepSurrogatePairs(indices.map((i) => mirrored.get(i) ?? text[i]!).join(''));
    const letters = level % 2 === 1 ? /^(\P{L}*)(.*?\p{L})(\P{L}*)$/su.exec(visual) : null;
    if (!letters || !RIGHT_TO_LEFT.test(letters[2]!)) {
      push(face, visual, false);
      continue;
    }
    push(face, letters[1]!, false);
    push(face, [...letters[2]!].reverse().join(''), true);
    push(face, letters[3]!, false);
  }
  return runs;
}

/** Reversing UTF-16 units swaps the halves of a character outside the BMP: puts them back. */
const keepSurrogatePairs = (text: string): string => text.replace(/([\uDC00-\uDFFF])([\uD800-\uDBFF])/g, '$2$1');

/** Whether the paragraph holding text[index] reads right to left (its base level is odd). */
export function rightToLeftParagraphAt({ embedding }: BidiText, index: number): boolean {
  const paragraph = embedding.paragraphs.find((p) => index >= p.start && index <= p.end);
  return (paragraph?.level ?? 0) % 2 === 1;
}

/** The runs of a one-line text in a left-to-right paragraph, in the order they are drawn from left to right. */
export function splitRuns(text: string, faceFor: (codePoint: number) => number, hasGlyph: (face: number, codePoint: number) => boolean): TextRun[] {
  return visualRuns(bidiText(text, faceFor, hasGlyph, 'ltr'), 0, text.length);
}
