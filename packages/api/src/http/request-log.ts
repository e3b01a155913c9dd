import type { Logger } from '@ticketbooth/core';

/**
 * The line each answered request leaves: method, path, status, milliseconds. The path only: query
 * strings can carry signed-link signatures. Nothing is built when info lines are not written.
 */
export function logRequest(logger: Logger, method: string, url: string, status: number, startedMs: number): void {
  if (logger.isLevelEnabled?.('info') === false) return;
  const query = url.indexOf('?');
  logger.info({ method, path: query === -1 ? url : url.slice(0, query), status, ms: Math.round(performance.now() - startedMs) }, 'request');
}
