import { describe, expect, it } from 'vitest';
import { filterRead, GONE_AFTER_MS, type Frame, type InView } from './repeat-filter.js';

const FRAME_MS = 150;
/** Frames one after another, FRAME_MS apart: the texts handed on as scans. */
function scansOf(frames: Frame[]): string[] {
  let inView: InView | null = null;
  const scans: string[] = [];
  frames.forEach((frame, i) => {
    const step = filterRead(inView, frame, i * FRAME_MS);
    inView = step.inView;
    if (step.submit !== null) scans.push(step.submit);
  });
  return scans;
}
const times = (n: number, frame: Frame): Frame[] => Array.from({ length: n }, () => frame);
const during = (ms: number, frame: Frame): Frame[] => times(Math.ceil(ms / FRAME_MS), frame);
const qr = (text: string): Frame => ({ text });
const NONE: Frame = { text: null };

describe('the camera repeat filter', () => {
  it('hands on a ticket held in view for 10 s once, through its result on screen and frames that missed it', () => {
    const held = [qr('A'), ...during(2500, 'blocked'), ...Array.from({ length: 50 }, (_, i) => (i % 4 === 3 ? NONE : qr('A')))];
    expect(held.length * FRAME_MS).toBeGreaterThanOrEqual(10_000);
    expect(scansOf(held)).toEqual(['A']);
  });

  it('reads the same ticket again once it was out of view for 2 s (a deliberate re-scan)', () => {
    expect(scansOf([qr('A'), ...during(GONE_AFTER_MS, NONE), qr('A')])).toEqual(['A', 'A']);
  });

  it('does not read it again when it left the view for less than 2 s', () => {
    expect(scansOf([qr('A'), ...during(GONE_AFTER_MS - 2 * FRAME_MS, NONE), qr('A')])).toEqual(['A']);
  });

  it('reads the same ticket again after another code was read in between', () => {
    expect(scansOf([qr('A'), qr('B'), qr('A'), qr('A')])).toEqual(['A', 'B', 'A']);
  });

  it("reads the next person's ticket as soon as the result goes, even when it was held up during the result", () => {
    expect(scansOf([qr('A'), ...during(2500, 'blocked'), qr('B'), qr('B')])).toEqual(['A', 'B']);
  });

  it('counts time with frames not read (paused, typing) as the code still in view', () => {
    expect(scansOf([qr('A'), ...during(10_000, 'blocked'), qr('A')])).toEqual(['A']);
  });
});
