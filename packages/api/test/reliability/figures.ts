import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../../bench/lib/processes.js';
import { stress } from './size.js';

/**
 * Prints a test's figures on one line and appends them to test-results/reliability.jsonl, where
 * docs/reliability.md's tables come from.
 */
export function reportFigures(test: string, figures: Record<string, number | string | Record<string, number>>): void {
  const shown = Object.entries(figures)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
    .join(' ');
  console.log(`[reliability] ${test}${stress ? ' (stress)' : ''}: ${shown}`);
  const dir = join(ROOT, 'test-results');
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, 'reliability.jsonl'), `${JSON.stringify({ test, stress, at: new Date().toISOString(), figures })}\n`);
}
