import { must } from '../checking.js';
import type { Snapshot } from '../snapshot.js';

/**
 * DESIGN.md invariant 4, idempotent writes: retried and racing payments create nothing twice (one
 * succeeded intent per registration, no charge outside the run's intents) and none is left in progress.
 */
export function checkIdempotentWrites(s: Snapshot): void {
  const { at } = s;
  for (const { intents } of s.registrations) {
    for (const intent of intents) must(intent.status !== 'processing', `an intent is left processing with no request in flight ${at}`, intent);
    must(intents.filter((x) => x.status === 'succeeded').length <= 1, `two succeeded intents for one registration ${at}`, intents);
  }
  const intentIds = new Set(s.registrations.flatMap((r) => r.intents.map((i) => i.id)));
  for (const k of s.runCharges) must(intentIds.has(k.slice(0, k.indexOf(':'))), `a charge for an unknown intent ${at}`, k);
}
