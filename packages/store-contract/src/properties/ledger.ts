import { existsSync, readFileSync } from 'node:fs';

/** The mock gateway's ledger file, read back: what money really moved. */
export class Ledger {
  private offset = 0;
  readonly charges = new Map<string, { succeeded: boolean; amountCents: number; currency: string }>();
  readonly refunds = new Map<string, number>();
  /** Charge keys in the order they reached the gateway. */
  readonly chargeOrder: string[] = [];
  refundTotal = 0;
  constructor(private readonly path: string) {}
  /** Reads the lines appended since the last read. */
  read(): void {
    if (!existsSync(this.path)) return;
    const text = readFileSync(this.path, 'utf8');
    const fresh = text.slice(this.offset);
    const end = fresh.lastIndexOf('\n') + 1;
    this.offset += end;
    for (const line of fresh.slice(0, end).split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as
        | { type: 'charge'; key: string; result: { status: string }; amountCents: number; currency: string }
        | { type: 'refund'; key: string; chargeKey: string };
      if (entry.type === 'charge') {
        if (this.charges.has(entry.key)) throw new Error(`The gateway recorded charge ${entry.key} twice.`);
        this.charges.set(entry.key, { succeeded: entry.result.status === 'succeeded', amountCents: entry.amountCents, currency: entry.currency });
        this.chargeOrder.push(entry.key);
      } else {
        this.refunds.set(entry.chargeKey, (this.refunds.get(entry.chargeKey) ?? 0) + 1);
        this.refundTotal++;
      }
    }
  }
}
