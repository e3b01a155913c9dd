import { DomainError } from '@ticketbooth/core';

/** A broken invariant or a wrong answer: fails the property, which then shrinks the scenario. */
export class InvariantViolation extends Error {
  override name = 'InvariantViolation';
}

let assertions = 0;
/** How many `must` checks ran so far in this process (a figure of the report). */
export const assertionCount = (): number => assertions;

export function must(condition: boolean, message: string, details?: unknown): asserts condition {
  assertions++;
  if (!condition) throw new InvariantViolation(details === undefined ? message : `${message} ${JSON.stringify(details)}`);
}

/** A use case's answer: its value, or the domain error it refused with (any other error fails the run). */
export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; code: string; message: string; details?: unknown };

export async function attempt<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, code: error.code, message: error.message, details: error.details };
    throw error;
  }
}

export const codeOf = (o: Outcome): string => (o.ok ? 'ok' : o.code);
