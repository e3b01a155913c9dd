/**
 * Where text wraps into lines no wider than `width`: [start, end) of each line, in logical order,
 * the spaces at each break left out. Lines break at spaces only; a word wider than the line stays
 * whole on a line of its own.
 */
export function breakLines(text: string, width: number, measure: (start: number, end: number) => number): [number, number][] {
  const lines: [number, number][] = [];
  let line: [number, number] | null = null;
  for (const word of text.matchAll(/\S+/g)) {
    const start = word.index;
    const end = start + word[0].length;
    if (line && measure(line[0], end) <= width) line[1] = end;
    else lines.push((line = [start, end]));
  }
  return lines;
}
