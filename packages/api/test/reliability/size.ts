/** Fast sizes in `npm test`; full sizes under `npm run test:stress` (STRESS=1). */
export const stress = process.env.STRESS === '1';

export function sized(fast: number, full: number): number {
  return stress ? full : fast;
}
