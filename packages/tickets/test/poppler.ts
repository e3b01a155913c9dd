import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes a PDF to a temporary file for poppler's tools (installed by .ci/run; without them tests fail, not skip). */
export function pdfFile(pdf: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ticket-pdf-')), 'ticket.pdf');
  writeFileSync(file, pdf);
  return file;
}

export const pdftotext = (file: string): string => execFileSync('pdftotext', [file, '-']).toString();

/** The fonts poppler finds in the file, by the columns of its table (the dashes under the header give their widths). */
export function pdffonts(file: string): { name: string; type: string; emb: string }[] {
  const [, dashes, ...rows] = execFileSync('pdffonts', [file]).toString().trimEnd().split('\n');
  const columns = [...dashes!.matchAll(/-+/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const cell = (row: string, i: number) => row.slice(columns[i]![0], columns[i]![1]).trim();
  return rows.map((row) => ({ name: cell(row, 0), type: cell(row, 1), emb: cell(row, 3) }));
}

/** The words poppler finds on the page, as drawn: left to right, each word's characters as drawn. */
export function drawnWords(file: string): { text: string; xMin: number; yMin: number; xMax: number }[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-']).toString();
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text: m[4]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'),
  }));
}
