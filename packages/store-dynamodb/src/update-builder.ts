import type { Item } from './items.js';

/**
 * Builds UpdateExpression/ConditionExpression with a placeholder for every name and value, so
 * attribute names like `sold:tt_x` and reserved words (status, capacity) need no special care.
 */
export class UpdateBuilder {
  private readonly sets: string[] = [];
  private readonly adds: string[] = [];
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
    this.adds.push(`${this.name(attribute)} ${this.value(delta)}`);
    return this;
  }

  remove(attribute: string): this {
    this.removes.push(this.name(attribute));
    return this;
  }

  condition(attribute: string, operator: '=' | '<>' | '<' | '<=' | '>' | '>=', value: unknown): this {
    this.conditions.push(`${this.name(attribute)} ${operator} ${this.value(value)}`);
    return this;
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
    const clauses = [
      this.sets.length ? `SET ${this.sets.join(', ')}` : '',
      this.adds.length ? `ADD ${this.adds.join(', ')}` : '',
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
