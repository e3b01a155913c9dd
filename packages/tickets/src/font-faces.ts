import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { FACE_FILES } from './font-files.js';

export const FACE_COUNT = FACE_FILES.length;

const fromHere = createRequire(import.meta.url);

/** Where a face's file is: the packages export only their index, which sits in dist/ beside fonts/. */
export function faceFilePath(index: number): string {
  const { pkg, file } = FACE_FILES[index]!;
  return join(dirname(fromHere.resolve(pkg)), '..', 'fonts', file);
}

const parsed: (fontkit.Font | undefined)[] = [];

/**
 * A face parsed once per process, on first use: the CJK faces are 4.5 MB each and most tickets
 * never need them. fontkit fonts are read-only after parsing, so every document shares them.
 */
export function face(index: number): fontkit.Font {
  let font = parsed[index];
  if (!font) {
    const opened = fontkit.create(readFileSync(faceFilePath(index)));
    if (!('hasGlyphForCodePoint' in opened)) throw new Error(`${FACE_FILES[index]!.file} is a font collection`);
    font = opened;
    parsed[index] = font;
  }
  return font;
}

const chosen = new Map<number, number>();

/** The first face with a glyph for the code point; the first face (its .notdef box) if none has one. */
export function faceFor(codePoint: number): number {
  let index = chosen.get(codePoint);
  if (index === undefined) {
    index = 0;
    for (let i = 0; i < FACE_COUNT; i++) {
      if (face(i).hasGlyphForCodePoint(codePoint)) {
        index = i;
        break;
      }
    }
    chosen.set(codePoint, index);
  }
  return index;
}
