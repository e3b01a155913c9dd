import { describe, expect, it } from 'vitest';
import { createTicketRenderer } from '../src/index.js';
import { event, ticketFor } from './fixtures.js';
import { drawnWords, pdffonts, pdfFile, pdftotext } from './poppler.js';

const renderer = createTicketRenderer();

async function render(changes: { name?: string; location?: string; startsAt?: string; endsAt?: string; attendee?: string }): Promise<string> {
  const { attendee = 'Ada Lovelace', ...eventChanges } = changes;
  return pdfFile(await renderer.pdf({ event: { ...event, ...eventChanges }, ticket: ticketFor('tkt_AbCdEfGhIjKlMnOpQrStUv', attendee) }));
}

/** A word as drawn from left to right: a right-to-left word's letters come last first. */
const drawn = (word: string): string => [...word].reverse().join('');

/** poppler puts right-to-left text it reads back in logical order between RLE (U+202B) and PDF (U+202C). */
const rightToLeft = (text: string): string => `\u202b${text}\u202c`;

/** The words poppler finds on the line that holds `word`, left to right. */
function lineOf(file: string, word: string): string[] {
  const words = drawnWords(file);
  const y = words.find((w) => w.text === word)?.yMin;
  return words.filter((w) => y !== undefined && Math.abs(w.yMin - y) < 4).sort((a, b) => a.xMin - b.xMin).map((w) => w.text);
}

describe('PDF ticket in any alphabet', () => {
  it('prints Cyrillic, CJK and Greek names, event and place as they were typed', async () => {
    const file = await render({ name: 'Фестиваль 音楽祭', attendee: 'Владимир 山田', location: 'Ελληνικό Θέατρο, Αθήνα · 서울' });
    const text = pdftotext(file);
    for (const expected of ['Фестиваль 音楽祭', 'Владимир 山田', 'Ελληνικό Θέατρο, Αθήνα · 서울']) expect(text).toContain(expected);
  });

  it('prints Arabic and Hebrew right to left, shaped, and poppler reads them back in reading order', async () => {
    const file = await render({ name: 'مهرجان الموسيقى', attendee: 'שרה לוי', location: 'مسرح المدينة' });
    const text = pdftotext(file);
    for (const expected of ['مهرجان الموسيقى', 'שרה לוי', 'مسرح المدينة']) expect(text).toContain(rightToLeft(expected));
    // Drawn right to left: the first word is the rightmost.
    expect(lineOf(file, drawn('לוי'))).toEqual([drawn('לוי'), drawn('שרה')]);
  });

  it('orders a line that mixes directions and numbers as the bidirectional algorithm does', async () => {
    const file = await render({ attendee: 'Ada مريم Lovelace', location: 'רחוב הרצל 12, תל אביב' });
    expect(lineOf(file, 'Lovelace')).toEqual(['Ada', drawn('مريم'), 'Lovelace']);
    // Read from the right: "רחוב הרצל 12, תל אביב"; the number keeps its digit order.
    expect(lineOf(file, drawn('אביב'))).toEqual([drawn('אביב'), drawn('תל'), ',12', drawn('הרצל'), drawn('רחוב')]);
  });

  it('wraps a long right-to-left place in reading order: its first words on the first line, its last on the second', async () => {
    const file = await render({ location: 'אולם התרבות העירוני על שם מרדכי אנילביץ׳ בקריית גת, רחוב הרצל שבעים ושתיים, קומה שלישית, ישראל' });
    const first = lineOf(file, drawn('אולם'));
    const second = lineOf(file, drawn('ישראל'));
    const top = (word: string) => drawnWords(file).find((w) => w.text === word)!.yMin;
    expect(top(drawn('אולם'))).toBeLessThan(top(drawn('ישראל')));
    // Each line read from the right: "אולם התרבות … רחוב הרצל שבעים", then "ושתיים, קומה שלישית, ישראל".
    expect(first.at(-1)).toBe(drawn('אולם'));
    expect(first[0]).toBe(drawn('שבעים'));
    expect(second).toEqual([drawn('ישראל'), drawn('שלישית,'), drawn('קומה'), drawn('ושתיים,')]);
  });

  it('mirrors the brackets of right-to-left text, so they enclose what they enclosed as typed', async () => {
    const file = await render({ name: 'مهرجان الموسيقى (الدورة 3)' });
    // Read from the right: "مهرجان الموسيقى (الدورة 3)"; drawn from the left, the closing bracket
    // comes first and faces the number, the opening one after the word it opens.
    expect(lineOf(file, '(3')).toEqual(['(3', `${drawn('الدورة')})`, drawn('الموسيقى'), drawn('مهرجان')]);
  });

  it('sets a right-to-left paragraph by its first strong letter: right-aligned in its box, a trailing neutral at its left end', async () => {
    const file = await render({ name: '(الدورة 3)', location: 'תל אביב', attendee: 'שרה לוי!' });
    // The box of every field: the A4 page (595.28 pt) less the 56 pt margins.
    const rightEdge = 595.28 - 56;
    const rightEnd = (word: string) => drawnWords(file).find((w) => w.text === word)!.xMax;
    expect(lineOf(file, drawn('אביב'))).toEqual([drawn('אביב'), drawn('תל')]);
    expect(rightEnd(drawn('תל'))).toBeCloseTo(rightEdge, 0);
    // Read from the right: "שרה לוי!", the exclamation mark last, so leftmost.
    expect(lineOf(file, drawn('שרה'))).toEqual([`!${drawn('לוי')}`, drawn('שרה')]);
    expect(rightEnd(drawn('שרה'))).toBeCloseTo(rightEdge, 0);
    // The brackets still enclose "الدورة 3", the number still left to right.
    expect(lineOf(file, '(3')).toEqual(['(3', `${drawn('الدورة')})`]);
    expect(rightEnd(`${drawn('الدورة')})`)).toBeCloseTo(rightEdge, 0);
  });

  it('keeps a paragraph that starts with a Latin letter left to right and left-aligned', async () => {
    const file = await render({ attendee: 'Ada مريم' });
    expect(lineOf(file, 'Ada')).toEqual(['Ada', drawn('مريم')]);
    expect(drawnWords(file).find((w) => w.text === 'Ada')!.xMin).toBeCloseTo(56, 0);
  });

  it('embeds a subset of each Noto face it draws with, and no standard 14 font', async () => {
    const fonts = pdffonts(await render({ name: 'Фестиваль 音楽祭', attendee: 'שרה לוי', location: 'مسرح المدينة · 서울' }));
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoNaskhArabic', 'NotoSans-Regular', 'NotoSansHebrew', 'NotoSansJP-Regular', 'NotoSansKR-Regular']);
    for (const font of fonts) {
      expect(font.emb).toBe('yes');
      expect(font.name).toMatch(/^[A-Z]{6}\+/); // the subset tag
    }
    // A ticket in Latin letters embeds the base face alone: fallbacks cost nothing when unused.
    expect(pdffonts(await render({})).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))).toEqual(['NotoSans-Regular']);
  });

  it('gives the time on the event zone wall clock with the zone named: 19:30 in Los Angeles is 03:30 UTC', async () => {
    const text = pdftotext(await render({ startsAt: '2026-12-10T03:30:00.000Z', endsAt: '2026-12-10T06:00:00.000Z' }));
    expect(text).toContain('Wed 9 Dec 2026, 19:30 – 22:00 (America/Los_Angeles)');
    expect(text).not.toContain('UTC');
  });
});
