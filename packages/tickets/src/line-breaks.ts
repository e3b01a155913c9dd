/** A line of wrapped text: text[start, end) in logical order, and its width. */
export interface Line {
  start: number;
  end: number;
  width: number;
}

/**
 * Where text wraps into lines no wider than `width`, the spaces at each break left out. Lines break
 * at spaces only; a word wider than the line stays whole on a line of its own. `measure` is asked
 * for each word once, with the spaces before it when it goes on a line after another (as pdfkit's
 * own wrapping measures word by word, so measured words are cached).
 */
export function breakLines(text: string, width: number, measure: (start: number, end: number) => number): Line[] {
  const lines: Line[] = [];
  let line: Line | null = null;
  for (const word of text.matchAll(/\S+/g)) {
    const start = word.index;
    const end = start + word[0].length;
    const spaced = line ? measure(line.end, end) : 0;
    if (line && line.width + spaced <= width) {
      line.end = end;
      line.width += spaced;
    } else {
      lines.push((line = { start, end, width: measure(start, end) }));
    }
  }
  return lines;
}
