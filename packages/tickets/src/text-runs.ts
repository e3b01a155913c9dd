/** A stretch of text drawn with one face; `rtl` when it holds Hebrew or Arabic letters. */
export interface TextRun {
  face: number;
  text: string;
  rtl: boolean;
}

/** Spaces and punctuation: drawn by whichever face the text around them uses, when it can. */
const NEUTRAL = /[\p{Zs}\p{P}]/u;
const RIGHT_TO_LEFT = /[\p{Script=Hebrew}\p{Script=Arabic}]/u;
/** Spaces and punctuation at the end of a right-to-left run: they take the line's direction. */
const TRAILING_NEUTRALS = /[\p{Zs}\p{P}]+$/u;

/** Spaces, punctuation and digits: what may stand between two right-to-left runs of one group. */
const WEAK_ONLY = /^[\p{Zs}\p{P}\p{Nd}]+$/u;
const DIGIT = /\p{Nd}/u;
/** A number (with its inner separators, as in 12:30 or 1,000) or any other single character. */
const NUMBER_OR_CHARACTER = /\p{Nd}+(?:[.,:]\p{Nd}+)*|./gsu;

/**
 * Splits text into runs by the face that draws them (`faceFor` picks one per code point), in the
 * order they are drawn from left to right.
 *
 * The line is left to right (the ticket's labels are English). Each right-to-left run is shaped and
 * reversed whole by fontkit; what is left is the order of the runs: right-to-left runs that follow
 * each other (with only spaces, punctuation or numbers between) are drawn last first, and the
 * spaces and punctuation after such a group stay after it.
 */
export function splitRuns(text: string, faceFor: (codePoint: number) => number, hasGlyph: (face: number, codePoint: number) => boolean): TextRun[] {
  const byFace: { face: number; text: string }[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const current = byFace[byFace.length - 1];
    if (current && (NEUTRAL.test(char) ? hasGlyph(current.face, codePoint) : faceFor(codePoint) === current.face)) {
      current.text += char;
    } else {
      byFace.push({ face: faceFor(codePoint), text: char });
    }
  }
  const runs: TextRun[] = [];
  for (const run of byFace) {
    const rtl = RIGHT_TO_LEFT.test(run.text);
    const trailing = rtl ? TRAILING_NEUTRALS.exec(run.text)?.[0] : undefined;
    if (!trailing) {
      runs.push({ ...run, rtl });
      continue;
    }
    runs.push({ face: run.face, text: run.text.slice(0, -trailing.length), rtl });
    runs.push({ face: run.face, text: trailing, rtl: false });
  }
  return visualOrder(runs);
}

/**
 * Reverses each group of right-to-left runs, with the spaces, punctuation and numbers inside it
 * (and numbers right after it), as the Unicode bidirectional algorithm orders them in a
 * left-to-right line: a number keeps its own digit order.
 */
function visualOrder(runs: TextRun[]): TextRun[] {
  const ordered: TextRun[] = [];
  let i = 0;
  while (i < runs.length) {
    if (!runs[i]!.rtl) {
      ordered.push(runs[i++]!);
      continue;
    }
    let end = i;
    for (let j = i + 1; j < runs.length && (runs[j]!.rtl || WEAK_ONLY.test(runs[j]!.text)); j++) {
      if (runs[j]!.rtl || DIGIT.test(runs[j]!.text)) end = j;
    }
    for (const run of runs.slice(i, end + 1).reverse()) {
      ordered.push(run.rtl ? run : { ...run, text: (run.text.match(NUMBER_OR_CHARACTER) ?? []).reverse().join('') });
    }
    i = end + 1;
  }
  return ordered;
}
