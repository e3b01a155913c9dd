/** The slice of pino the packages use, so adapters need not depend on pino itself. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** pino's: lets a hot path skip building a line that would not be written. Absent: every level is. */
  isLevelEnabled?(level: 'info'): boolean;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
