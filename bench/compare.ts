import { readFileSync } from 'node:fs';

/**
 * `npm run bench -- compare <a.json> <b.json>`: every number the two results files share (and those
 * only one has), as a path, a, b and b/a. Works across harness versions: it knows no field names.
 */
type Numbers = Map<string, number>;

function numbers(value: unknown, path: string, into: Numbers): Numbers {
  if (typeof value === 'number') into.set(path, value);
  else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) numbers(inner, path ? `${path}.${key}` : key, into);
  return into;
}

export function compareResults(a: unknown, b: unknown): string[] {
  const left = numbers(a, '', new Map());
  const right = numbers(b, '', new Map());
  const paths = [...new Set([...left.keys(), ...right.keys()])];
  const width = Math.max(4, ...paths.map((p) => p.length));
  const cell = (n: number | undefined) => (n === undefined ? '—' : String(n)).padStart(12);
  const lines = [`${'path'.padEnd(width)} ${'a'.padStart(12)} ${'b'.padStart(12)} ${'b/a'.padStart(8)}`];
  for (const path of paths) {
    const x = left.get(path);
    const y = right.get(path);
    const ratio = x !== undefined && y !== undefined && x !== 0 ? (y / x).toFixed(2) : '';
    lines.push(`${path.padEnd(width)} ${cell(x)} ${cell(y)} ${ratio.padStart(8)}`);
  }
  return lines;
}

export function compareFiles(a: string, b: string): void {
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
  console.log(`a: ${a}\nb: ${b}`);
  for (const line of compareResults(read(a), read(b))) console.log(line);
}
