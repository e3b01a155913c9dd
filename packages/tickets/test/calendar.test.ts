import { describe, expect, it } from 'vitest';
import { createTicketRenderer } from '../src/index.js';
import { event, registration } from './fixtures.js';

const renderer = createTicketRenderer({ clock: { now: () => new Date('2026-11-25T12:00:00Z') } });

describe('calendar file', () => {
  const ics = renderer.calendar({ event, registration });

  it('has one confirmed event in UTC, stamped by the clock, with a per-registration UID', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain('\r\nDTSTART:20261210T010000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20261210T050000Z\r\n');
    expect(ics).toContain('\r\nDTSTAMP:20261125T120000Z\r\n');
    expect(ics).toContain('\r\nUID:reg_1@ticketbooth\r\n');
    expect(ics).toContain('\r\nSTATUS:CONFIRMED\r\n');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('carries the instant of an event at 19:30 in Los Angeles: 03:30 UTC the next day', () => {
    const evening = renderer.calendar({ event: { ...event, startsAt: '2026-12-10T03:30:00.000Z', endsAt: '2026-12-10T06:00:00.000Z' }, registration });
    expect(evening).toContain('\r\nDTSTART:20261210T033000Z\r\n');
    expect(evening).toContain('\r\nDTEND:20261210T060000Z\r\n');
  });

  it('carries the event revision as SEQUENCE, so a calendar replaces the entry after a move', () => {
    expect(ics).toContain('\r\nSEQUENCE:0\r\n');
    expect(renderer.calendar({ event: { ...event, revision: 2 }, registration })).toContain('\r\nSEQUENCE:2\r\n');
  });

  it('escapes commas, semicolons and line breaks', () => {
    expect(ics).toContain('LOCATION:Ferry Building\\, San Francisco\\, CA');
    expect(ics.replace(/\r\n /g, '')).toContain('DESCRIPTION:Wines\\; cheeses\\, and more\\nSecond line');
    const loneCr = renderer.calendar({ event: { ...event, name: 'A\rB\\C' }, registration });
    expect(loneCr).toContain('SUMMARY:A\\nB\\\\C\r\n');
  });

  it('uses CRLF only and folds every line to at most 75 octets, multi-byte text included', () => {
    const long = renderer.calendar({ event: { ...event, description: 'Zoë Ångström présente '.repeat(20) }, registration });
    for (const file of [ics, long]) {
      expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      expect(file.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
      expect(file).not.toContain('\uFFFD');
    }
    expect(long.replace(/\r\n /g, '')).toContain('Zoë Ångström présente '.repeat(20).trim());
  });

  it('names the organizer only when given a plain address', () => {
    expect(ics).not.toContain('ORGANIZER');
    expect(renderer.calendar({ event, registration, organizerEmail: 'host@example.test' })).toContain('\r\nORGANIZER:mailto:host@example.test\r\n');
    expect(renderer.calendar({ event, registration, organizerEmail: 'x@y\r\nATTENDEE:evil' })).not.toContain('evil');
  });
});
