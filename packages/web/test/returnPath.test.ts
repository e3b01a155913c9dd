import { describe, expect, it } from 'vitest';
import { nextQuery, safeReturnPath } from '../src/returnPath.js';

describe('the return path after logging in', () => {
  it('follows a path of this site, with its query', () => {
    expect(safeReturnPath('/events/evt_1')).toBe('/events/evt_1');
    expect(safeReturnPath('/?q=jazz')).toBe('/?q=jazz');
  });

  it('refuses anything that would leave the site', () => {
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/\tevil', 'events', '', null]) {
      expect(safeReturnPath(next), String(next)).toBeNull();
    }
  });

  it('is carried as an encoded query parameter, or not at all', () => {
    expect(nextQuery('/events/evt_1')).toBe('?next=%2Fevents%2Fevt_1');
    expect(nextQuery('/events/evt_1', '&')).toBe('&next=%2Fevents%2Fevt_1');
    expect(nextQuery('//evil.example')).toBe('');
  });
});
