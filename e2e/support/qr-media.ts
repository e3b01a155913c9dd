import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import QRCode from 'qrcode';

/** QR fixtures for the browser tests: a fake camera video, and reading a QR back from a PDF. */

/**
 * How long a test holds a code in front of the camera to show it is not read again: longer than a
 * result stays on screen plus the 3 s after which the reader used to read the same code again.
 */
export const HELD_IN_VIEW_MS = 4000;

const WIDTH = 640;
const HEIGHT = 480;

/**
 * Writes a 640x480 YUV4MPEG2 (C420) video of the QR text, black modules on white with a quiet zone,
 * for Chromium's --use-file-for-fake-video-capture.
 */
export function writeQrVideo(text: string, path: string, frames = 10): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const module = Math.floor((HEIGHT - 40) / size);
  const left = Math.floor((WIDTH - module * size) / 2);
  const top = Math.floor((HEIGHT - module * size) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 235);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let y = 0; y < module; y++) luma.fill(16, (top + row * module + y) * WIDTH + left + col * module, (top + row * module + y) * WIDTH + left + (col + 1) * module);
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

/** Renders the PDF's first page with pdftoppm and decodes the QR code on it. */
export function decodeQrFromPdf(pdfPath: string): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'ticketbooth-pdf-'));
  execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', pdfPath, join(dir, 'page')]);
  const ppm = readdirSync(dir).find((f) => f.endsWith('.ppm'));
  if (!ppm) throw new Error('pdftoppm produced no image');
  const { width, height, rgb } = parsePpm(readFileSync(join(dir, ppm)));
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = rgb[i];
    rgba[j + 1] = rgb[i + 1];
    rgba[j + 2] = rgb[i + 2];
    rgba[j + 3] = 255;
  }
  return jsQR(rgba, width, height)?.data ?? null;
}

/** Binary PPM (P6, maxval 255): "P6 <w> <h> 255" then RGB bytes. */
function parsePpm(file: Buffer): { width: number; height: number; rgb: Buffer } {
  const fields: string[] = [];
  let offset = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(file[offset]))) offset++;
    if (file[offset] === 0x23) {
      while (file[offset] !== 0x0a) offset++;
      continue;
    }
    let token = '';
    while (!/\s/.test(String.fromCharCode(file[offset]))) token += String.fromCharCode(file[offset++]);
    fields.push(token);
  }
  offset++; // the single whitespace byte after maxval
  if (fields[0] !== 'P6' || fields[3] !== '255') throw new Error(`unexpected PPM header ${fields.join(' ')}`);
  return { width: Number(fields[1]), height: Number(fields[2]), rgb: file.subarray(offset) };
}
