import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutAscii, pairKerning } from '../src/ascii-layout.js';
import { face } from '../src/font-faces.js';

const base = face(0);
const kerning = pairKerning(base);

/** fontkit's full shaping, in the same units (scale 1: font units). */
function shaped(text: string) {
  const run = base.layout(text);
  return { glyphs: run.glyphs.map((g) => g.id), xAdvance: run.positions.map((p) => p.xAdvance) };
}

describe('ASCII layout by pairs', () => {
  it('gives the glyphs and advances of full shaping for ticket text, kerned pairs included', () => {
    for (const text of ['Ticket tkt_AbCdEfGhIjKlMnOpQrStUv', 'AVATAR: "Wolf" Tasting', 'Wed 9 Dec 2026, 17:00 - 21:00 (America/Los_Angeles)', 'Admits one.']) {
      const fast = layoutAscii(base, kerning, text, 1)!;
      expect({ glyphs: fast.glyphs.map((g) => g.id), xAdvance: fast.positions.map((p) => p.xAdvance) }).toEqual(shaped(text));
    }
    // The pairs do kern: "AV" is narrower than "A" and "V" apart.
    expect(kerning('AV')).toBeLessThan(0);
  });

  it('matches full shaping on any printable ASCII, or declines', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\x20-\x7e]{1,12}$/), (text) => {
        const fast = layoutAscii(base, kerning, text, 1);
        if (fast) expect({ glyphs: fast.glyphs.map((g) => g.id), xAdvance: fast.positions.map((p) => p.xAdvance) }).toEqual(shaped(text));
      }),
      { numRuns: 300 },
    );
  });

  it('declines text beyond ASCII, which full shaping handles', () => {
    expect(layoutAscii(base, kerning, 'Zoë', 1)).toBeNull();
  });
});
