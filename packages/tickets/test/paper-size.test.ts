import { describe, expect, it } from 'vitest';
import { paperSizeFor } from '../src/paper-size.js';

describe('ticket paper size', () => {
  it('is US Letter for events in the US, Canada, Mexico and the other Letter countries', () => {
    for (const zone of ['America/New_York', 'America/Los_Angeles', 'America/Indiana/Indianapolis', 'US/Eastern', 'America/Toronto', 'America/Mexico_City', 'Asia/Manila', 'America/Bogota']) {
      expect(paperSizeFor(zone), zone).toBe('LETTER');
    }
  });

  it('is A4 everywhere else, South America included', () => {
    for (const zone of ['Europe/Berlin', 'UTC', 'Asia/Tokyo', 'America/Sao_Paulo', 'America/Argentina/Buenos_Aires', 'Australia/Sydney']) {
      expect(paperSizeFor(zone), zone).toBe('A4');
    }
  });

  it('follows the setting over the time zone', () => {
    expect(paperSizeFor('America/New_York', 'a4')).toBe('A4');
    expect(paperSizeFor('Europe/Berlin', 'letter')).toBe('LETTER');
  });
});
