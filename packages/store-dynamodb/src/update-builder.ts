import type { Item } from './items.js';

type Comparison = '=' | '<>' | '<' | '<=' | '>' | '>=';

/**
 * Builds UpdateExpression/ConditionExpression with a placeholder for every name and value, so
 * attribute names like `sold:tt_x` and reserved words (status, capacity) need no special care.
 */
export class UpdateBuilder {
  private readonly sets: string[] = [];
  /** Value placeholder of each added attribute's delta: DynamoDB refuses one path twice in an expression, so adds to one attribute sum up. */
  private readonly adds = new Map<string, string>();
  private readonly removes: string[] = [];
  private readonly conditions: string[] = [];
  private readonly names: Record<string, string> = {};
  private readonly values: Item = {};
  private counter = 0;

  private name(attribute: string): string {
    const existing = Object.entries(this.names).find(([, v]) => v === attribute);
    if (existing) return existing[0];
    const placeholder = `#n${this.counter++}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }

  private value(value: unknown): string {
    const placeholder = `:v${this.counter++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  set(attribute: string, value: unknown): this {
    this.sets.push(`${this.name(attribute)} = ${this.value(value)}`);
    return this;
  }

  /** Atomic increment (creates the attribute at `delta` when absent). */
  add(attribute: string, delta: number): this {
    const placeholder = this.adds.get(attribute);
    if (placeholder) this.values[placeholder] = (this.values[placeholder] as number) + delta;
    else this.adds.set(attribute, this.value(delta));
    return this;
  }

  /** What `add` has put on the attribute so far (0 when nothing). */
  added(attribute: string): number {
    const placeholder = this.adds.get(attribute);
    return placeholder ? (this.values[placeholder] as number) : 0;
  }

  /** Nothing to write and nothing to check. */
  isEmpty(): boolean {
    return this.sets.length === 0 && this.adds.size === 0 && this.removes.length === 0 && this.conditions.length === 0;
  }

  remove(attribute: string): this {
    this.removes.push(this.name(attribute));
    return this;
  }

  condition(attribute: string, operator: Comparison, value: unknown): this {
    this.conditions.push(this.comparison(attribute, operator, value));
    return this;
  }

  /** At least one of the comparisons holds. */
  conditionEither(...comparisons: [attribute: string, operator: Comparison, value: unknown][]): this {
    this.conditions.push(`(${comparisons.map(([attribute, operator, value]) => this.comparison(attribute, operator, value)).join(' OR ')})`);
    return this;
  }

  private comparison(attribute: string, operator: Comparison, value: unknown): string {
    return `${this.name(attribute)} ${operator} ${this.value(value)}`;
  }

  conditionExists(attribute: string): this {
    this.conditions.push(`attribute_exists(${this.name(attribute)})`);
    return this;
  }

  conditionNotExists(attribute: string): this {
    this.conditions.push(`attribute_not_exists(${this.name(attribute)})`);
    return this;
  }

  build(): {
    UpdateExpression: string;
    ConditionExpression?: string;
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues?: Item;
  } {
    const adds = [...this.adds].map(([attribute, placeholder]) => `${this.name(attribute)} ${placeholder}`);
    const clauses = [
      this.sets.length ? `SET ${this.sets.join(', ')}` : '',
      adds.length ? `ADD ${adds.join(', ')}` : '',
      this.removes.length ? `REMOVE ${this.removes.join(', ')}` : '',
    ].filter(Boolean);
    return {
      UpdateExpression: clauses.join(' '),
      ...(this.conditions.length ? { ConditionExpression: this.conditions.join(' AND ') } : {}),
      ExpressionAttributeNames: this.names,
      ...(Object.keys(this.values).length ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}
