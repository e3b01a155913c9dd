import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import QRCode from 'qrcode';
import maskPattern from 'qrcode/lib/core/mask-pattern.js';
import { useFastMasking } from '../src/qr-mask.js';

const qrcodeOwn = { getBestMask: maskPattern.getBestMask, applyMask: maskPattern.applyMask };

/** The symbol as drawTicket asks for it: its mask and its modules. */
function symbol(text: string): { mask: number; modules: string } {
  const qr = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  return { mask: qr.maskPattern ?? -1, modules: Buffer.from(qr.modules.data).toString('base64') };
}

describe('QR masking on flat arrays', () => {
  afterAll(() => Object.assign(maskPattern, qrcodeOwn));

  it("chooses and applies the mask qrcode's own scoring does, for payloads of 1 to 400 bytes (every mask chosen somewhere)", () => {
    const chosen = new Set<number>();
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 400 }), (text) => {
        Object.assign(maskPattern, qrcodeOwn);
        const expected = symbol(text);
        useFastMasking();
        expect(symbol(text)).toEqual(expected);
        chosen.add(expected.mask);
      }),
      { numRuns: 300 },
    );
    expect(chosen.size).toBe(8);
  });
});
