import maskPattern from 'qrcode/lib/core/mask-pattern.js';

/**
 * QR mask choice on flat arrays. qrcode scores each of the 8 masks with a module lookup per cell
 * per penalty rule, about 1.2 ms a ticket here: more than half of a ticket's rendering. The same
 * rules and weights in one pass over a Uint8Array pick the same mask (qr-mask.test.ts holds them
 * equal) in a tenth of that.
 */
type Matrix = Parameters<typeof maskPattern.applyMask>[1];

const MASKS = 8;

/** ISO/IEC 18004's mask conditions, row i and column j: the module is flipped where true. */
const FLIPS: ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

/** Per symbol size (the function patterns depend on the version alone): each mask as 0/1 over the data modules. */
const flipsBySize = new Map<number, Uint8Array[]>();

function flipsFor(matrix: Matrix): Uint8Array[] {
  let flips = flipsBySize.get(matrix.size);
  if (!flips) {
    const { size, reservedBit } = matrix;
    flips = FLIPS.map((flip) => {
      const cells = new Uint8Array(size * size);
      for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) cells[i * size + j] = !reservedBit[i * size + j] && flip(i, j) ? 1 : 0;
      return cells;
    });
    flipsBySize.set(matrix.size, flips);
  }
  return flips;
}

/** A run of 5 or more same-coloured modules in a line scores 3, plus 1 per module past 5. */
const runPoints = (run: number): number => (run >= 5 ? run - 2 : 0);
/** Dark, light, dark x3, light, dark beside 4 light modules, either way: 40 each (11 modules). */
const FINDER_LIKE_A = 0b10111010000;
const FINDER_LIKE_B = 0b00001011101;
const WINDOW = 0x7ff;

/**
 * The four penalty rules of ISO/IEC 18004 (as qrcode weighs them) over a masked symbol with `dark`
 * dark modules, or `bound` as soon as the points reach it (every rule only adds).
 */
function penalty(cells: Uint8Array, size: number, dark: number, bound: number): number {
  // 10 per 5% step that the dark share is away from half.
  let points = Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10) * 10;
  for (let a = 0; a < size && points < bound; a++) {
    let rowRun = 0;
    let colRun = 0;
    let rowLast = -1;
    let colLast = -1;
    let rowBits = 0;
    let colBits = 0;
    for (let b = 0; b < size; b++) {
      const inRow = cells[a * size + b]!;
      const inCol = cells[b * size + a]!;
      if (inRow === rowLast) rowRun++;
      else {
        points += runPoints(rowRun);
        rowLast = inRow;
        rowRun = 1;
      }
      if (inCol === colLast) colRun++;
      else {
        points += runPoints(colRun);
        colLast = inCol;
        colRun = 1;
      }
      rowBits = ((rowBits << 1) & WINDOW) | inRow;
      colBits = ((colBits << 1) & WINDOW) | inCol;
      if (b >= 10) {
        if (rowBits === FINDER_LIKE_A || rowBits === FINDER_LIKE_B) points += 40;
        if (colBits === FINDER_LIKE_A || colBits === FINDER_LIKE_B) points += 40;
      }
      if (a + 1 < size && b + 1 < size) {
        const block = inRow + cells[a * size + b + 1]! + cells[(a + 1) * size + b]! + cells[(a + 1) * size + b + 1]!;
        if (block === 0 || block === 4) points += 3;
      }
    }
    points += runPoints(rowRun) + runPoints(colRun);
  }
  return Math.min(points, bound);
}

/** The first mask with the fewest points, as qrcode picks it; a mask stops being scored once it cannot win. */
function bestMask(matrix: Matrix, setupFormatInfo: (mask: number) => void): number {
  const flips = flipsFor(matrix);
  const masked = new Uint8Array(matrix.data.length);
  let best = 0;
  let lowest = Infinity;
  for (let mask = 0; mask < MASKS; mask++) {
    setupFormatInfo(mask);
    const flip = flips[mask]!;
    let dark = 0;
    for (let i = 0; i < masked.length; i++) dark += masked[i] = matrix.data[i]! ^ flip[i]!;
    const points = penalty(masked, matrix.size, dark, lowest);
    if (points < lowest) {
      lowest = points;
      best = mask;
    }
  }
  return best;
}

function applyMask(mask: number, matrix: Matrix): void {
  const flip = flipsFor(matrix)[mask]!;
  for (let i = 0; i < matrix.data.length; i++) matrix.data[i]! ^= flip[i]!;
}

/** Makes every QRCode.create in this process choose and apply masks on flat arrays. */
export function useFastMasking(): void {
  maskPattern.getBestMask = bestMask;
  maskPattern.applyMask = applyMask;
}
