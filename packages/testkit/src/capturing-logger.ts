import type { Logger } from '@ticketbooth/core';

/** One captured log line, as `capturingLogger` writes it (JSON text). */
export interface CapturedLine {
  level: 'info' | 'warn' | 'error';
  msg?: string;
  [field: string]: unknown;
}

/** Appends every log line to `lines` as JSON, so tests can read what was logged (and prove no secret was). */
export function capturingLogger(lines: string[]): Logger {
  const write = (level: CapturedLine['level']) => (obj: object, msg?: string) => {
    lines.push(JSON.stringify({ level, msg, ...obj }));
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export const parseCapturedLine = (line: string): CapturedLine => JSON.parse(line) as CapturedLine;
