import fc from 'fast-check';

/**
 * fast-check arbitraries from JSON Schema, for the subset /api/openapi.json uses: $ref,
 * object (properties, required, additionalProperties), string (minLength, maxLength, pattern,
 * enum, format email / date-time / date / uuid / uri), integer and number (minimum, maximum,
 * exclusive bounds), boolean, null, array (items, minItems, maxItems), type lists such as
 * ["integer", "null"], nullable, anyOf / oneOf / allOf, const.
 *
 * Three families: `validArbitrary` (values the schema accepts), `boundaryArbitrary` (values at and
 * just past every limit: may or may not be accepted) and `invalidArbitrary` (values the schema
 * refuses: wrong types, missing required or unknown fields, out-of-range, pattern misses).
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  [key: string]: unknown;
}

export interface SchemaContext {
  /** components.schemas of the OpenAPI document, for $ref. */
  components?: Record<string, JsonSchema>;
  /** Known real values by property name (ids, emails...), mixed into valid values of that name. */
  hints?: Record<string, readonly unknown[]>;
  /** "Now" for dates, in ms (the server's clock, which tests may move). */
  now?: () => number;
}

type Arb = fc.Arbitrary<unknown>;

const MAX_DEPTH = 6;
const DAY = 86_400_000;

export function resolveSchema(schema: JsonSchema, ctx: SchemaContext): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${schema.$ref}`);
    const name = /^#\/components\/schemas\/(.+)$/.exec(current.$ref)?.[1];
    const target = name ? ctx.components?.[decodeURIComponent(name)] : undefined;
    if (!target) throw new Error(`Cannot resolve ${current.$ref}`);
    const { $ref: _ignored, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

/** The JSON types a schema admits ('null' included when nullable); [] when unconstrained. */
export function typesOf(schema: JsonSchema, ctx: SchemaContext): string[] {
  const s = resolveSchema(schema, ctx);
  let types: string[];
  if (Array.isArray(s.type)) types = [...s.type];
  else if (typeof s.type === 'string') types = [s.type];
  else if (s.anyOf || s.oneOf) types = [...new Set((s.anyOf ?? s.oneOf)!.flatMap((b) => typesOf(b, ctx)))];
  else if (s.allOf) types = typesOf(mergeAllOf(s.allOf, ctx), ctx);
  else if (s.properties) types = ['object'];
  else if (s.items) types = ['array'];
  else if (s.enum) types = [...new Set(s.enum.map(jsonType))];
  else if ('const' in s) types = [jsonType(s.const)];
  else types = [];
  if (s.nullable && !types.includes('null')) types.push('null');
  return types;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function mergeAllOf(parts: JsonSchema[], ctx: SchemaContext): JsonSchema {
  const merged: JsonSchema = {};
  for (const raw of parts) {
    const part = resolveSchema(raw, ctx);
    Object.assign(merged, part, {
      properties: { ...merged.properties, ...part.properties },
      required: [...(merged.required ?? []), ...(part.required ?? [])],
    });
  }
  delete merged.allOf;
  return merged;
}

/** One schema per admitted type, so ["integer", "null"] and nullable split into branches. */
function branches(s: JsonSchema): JsonSchema[] | null {
  const types = Array.isArray(s.type) ? s.type : null;
  if (types && types.length > 1) return types.map((type) => ({ ...s, type, nullable: false }));
  if (types && types.length === 1) return [{ ...s, type: types[0], nullable: false }];
  if (s.nullable) return [{ type: 'null' }, { ...s, nullable: false }];
  return null;
}

function withHint(name: string | undefined, arb: Arb, ctx: SchemaContext): Arb {
  const hinted = name !== undefined ? ctx.hints?.[name] : undefined;
  if (!hinted || hinted.length === 0) return arb;
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...hinted) }, { weight: 2, arbitrary: arb });
}

function intBounds(s: JsonSchema): { min: number; max: number } {
  let min = s.minimum ?? -1_000_000_000;
  let max = s.maximum ?? 1_000_000_000;
  if (typeof s.exclusiveMinimum === 'number') min = Math.floor(s.exclusiveMinimum) + 1;
  else if (s.exclusiveMinimum === true) min += 1;
  if (typeof s.exclusiveMaximum === 'number') max = Math.ceil(s.exclusiveMaximum) - 1;
  else if (s.exclusiveMaximum === true) max -= 1;
  return { min: Math.ceil(min), max: Math.floor(max) };
}

const nowOf = (ctx: SchemaContext) => (ctx.now ? ctx.now() : Date.now());

function withOffset(ms: number, offsetMinutes: number, keepMillis: boolean): string {
  const shifted = new Date(ms + offsetMinutes * 60_000).toISOString();
  const base = keepMillis ? shifted.slice(0, 23) : shifted.slice(0, 19);
  if (offsetMinutes === 0) return `${base}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${base}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function dateTimeArb(ctx: SchemaContext): fc.Arbitrary<string> {
  const instant = fc.oneof(
    // Mostly the near future and recent past (events are scheduled there), sometimes any time.
    { weight: 4, arbitrary: fc.integer({ min: -30, max: 730 }).chain((days) => fc.integer({ min: 0, max: DAY - 1 }).map((ms) => nowOf(ctx) + days * DAY + ms)) },
    { weight: 1, arbitrary: fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }) },
  );
  return fc
    .tuple(instant, fc.constantFrom(0, 0, 0, 60, -300, 330, 840, -720), fc.boolean())
    .map(([ms, offset, millis]) => withOffset(ms, offset, millis));
}

function emailArb(maxLength: number | undefined): fc.Arbitrary<string> {
  return fc
    .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]$/), fc.stringMatching(/^[a-z0-9]{1,15}$/), fc.constantFrom('test', 'example', 'org', 'de', 'museum'))
    .map(([local, domain, tld]) => `${local.replace(/\.{2,}/g, '.')}@${domain}.${tld}`)
    .filter((e) => e.length <= (maxLength ?? 254));
}

function patternArb(s: JsonSchema): fc.Arbitrary<string> {
  const re = new RegExp(s.pattern!);
  const min = s.minLength ?? 0;
  return fc
    .stringMatching(re, s.maxLength !== undefined ? { maxLength: s.maxLength } : {})
    .filter((v) => v.length >= min && (s.maxLength === undefined || v.length <= s.maxLength));
}

function validString(s: JsonSchema, ctx: SchemaContext): fc.Arbitrary<string> {
  switch (s.format) {
    case 'email':
      return emailArb(s.maxLength);
    case 'date-time':
      return dateTimeArb(ctx);
    case 'date':
      return dateTimeArb(ctx).map((v) => v.slice(0, 10));
    case 'uuid':
      return fc.uuid();
    case 'uri':
    case 'url':
      return fc.webUrl();
  }
  if (s.pattern) return patternArb(s);
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? min + 40, min + 40);
  const fits = (v: string) => v.length >= min && (s.maxLength === undefined || v.length <= s.maxLength);
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: max, unit: 'grapheme-ascii' }) },
      { weight: 2, arbitrary: fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }) },
      { weight: 1, arbitrary: fc.lorem({ maxCount: 5 }) },
    )
    .filter(fits);
}

/** Values the schema accepts. `name` is the property name, for hints. */
export function validArbitrary(schema: JsonSchema, ctx: SchemaContext = {}, name?: string, depth = 0): Arb {
  const s = resolveSchema(schema, ctx);
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return withHint(name, fc.constantFrom(...s.enum), ctx);
  if (s.anyOf || s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf)!.map((b) => validArbitrary(b, ctx, name, depth + 1)));
  if (s.allOf) return validArbitrary(mergeAllOf(s.allOf, ctx), ctx, name, depth);
  const split = branches(s);
  if (split && split.length > 1) return fc.oneof(...split.map((b) => validArbitrary(b, ctx, name, depth + 1)));
  const one = split ? split[0]! : s;
  const type = typeof one.type === 'string' ? one.type : one.properties ? 'object' : one.items ? 'array' : undefined;
  switch (type) {
    case 'string':
      return withHint(name, validString(one, ctx), ctx);
    case 'integer': {
      const { min, max } = intBounds(one);
      return withHint(name, fc.integer({ min, max }), ctx);
    }
    case 'number': {
      const { min, max } = intBounds(one);
      return withHint(name, fc.oneof(fc.integer({ min, max }), fc.double({ min, max, noNaN: true, noDefaultInfinity: true })), ctx);
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = one.minItems ?? 0;
      const max = Math.min(one.maxItems ?? min + 4, min + 4);
      return fc.array(validArbitrary(one.items ?? {}, ctx, name, depth + 1), { minLength: min, maxLength: max });
    }
    case 'object':
      return validObject(one, ctx, depth);
    default:
      return withHint(name, fc.jsonValue({ maxDepth: 2 }), ctx);
  }
}

function validObject(s: JsonSchema, ctx: SchemaContext, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  if (depth > MAX_DEPTH) return fc.constant({});
  const model: Record<string, Arb> = {};
  for (const [key, sub] of Object.entries(props)) model[key] = validArbitrary(sub, ctx, key, depth + 1);
  const requiredKeys = (s.required ?? []).filter((k) => k in props);
  const record = fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
  if (typeof s.additionalProperties === 'object' && Object.keys(props).length === 0) {
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), validArbitrary(s.additionalProperties, ctx, undefined, depth + 1), { maxKeys: 3 });
  }
  return record;
}

const WHITESPACE = [' ', '   ', '\t', '\n', '\u00a0', '\u2028', '\u3000'];
const TRICKY_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  'e\u0301',
  '\u202egnp.exe',
  '\ufeff',
  '👩‍👩‍👧‍👦',
  'Ｔｅｓｔ',
  "' OR '1'='1' --",
  '"; DROP TABLE events; --',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x","y")',
  '+cmd|"/C calc"!A0',
  '@SUM(1+1)',
  '../../../../etc/passwd',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '%00%0d%0a',
  '\r\nX-Injected: 1',
  'null',
  'undefined',
  'NaN',
  '[object Object]',
  '__proto__',
];

const DATE_BOUNDARIES = (now: number) => [
  new Date(now).toISOString(),
  new Date(now - 1000).toISOString(),
  new Date(now + 1000).toISOString(),
  new Date(now + 100 * 365 * DAY).toISOString(),
  '1970-01-01T00:00:00Z',
  '1969-12-31T23:59:59.999Z',
  '0001-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '2038-01-19T03:14:08Z',
  '2028-02-29T12:00:00Z',
  '2027-02-29T12:00:00Z',
  '2026-12-31T23:59:60Z',
  '2026-06-01T24:00:00Z',
  '2026-06-01T00:00:00+14:00',
  '2026-06-01T00:00:00-12:00',
  '2026-06-01T00:00:00+23:59',
  '2026-06-01T00:00:00.123456789Z',
  '2026-06-01T00:00:00z',
  '2026-06-01 00:00:00Z',
];

const EMAIL_BOUNDARIES = [
  'a@b.co',
  'UPPER@EXAMPLE.TEST',
  ' padded@example.test ',
  `${'a'.repeat(64)}@example.test`,
  `${'a'.repeat(65)}@example.test`,
  `a@${'b'.repeat(63)}.test`,
  `a@${'b'.repeat(64)}.test`,
  `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.de`,
  `${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.test`,
  'üñï@example.test',
  'a+tag@example.test',
  'a@localhost',
  '"quoted"@example.test',
  'a@[127.0.0.1]',
  'a..b@example.test',
  '.a@example.test',
];

/** A character the pattern accepts when repeated, to build strings of exact lengths. */
function fillFor(s: JsonSchema): string {
  if (!s.pattern) return 'a';
  const re = new RegExp(s.pattern);
  for (const c of ['a', 'A', '1', '0', 'z', '_', '-', ' ', '4']) {
    for (let n = 1; n <= 64; n++) if (re.test(c.repeat(n))) return c;
  }
  return 'a';
}

function stringBoundaries(s: JsonSchema, ctx: SchemaContext): string[] {
  const min = s.minLength ?? 0;
  const max = s.maxLength;
  const fill = fillFor(s);
  const lengths = new Set<number>([0, 1, min - 1, min, min + 1]);
  if (max !== undefined) for (const n of [max - 1, max, max + 1]) lengths.add(n);
  else for (const n of [256, 5000]) lengths.add(n);
  if (s.pattern) {
    // The pattern's own length limits, e.g. {12,23} or {6}.
    const re = new RegExp(s.pattern);
    const ok = [...Array(70).keys()].filter((n) => n > 0 && re.test(fill.repeat(n)));
    if (ok.length) for (const n of [ok[0]! - 1, ok[0]!, ok.at(-1)!, ok.at(-1)! + 1]) lengths.add(n);
  }
  const values = [...lengths].filter((n) => n >= 0).map((n) => fill.repeat(n));
  values.push(...WHITESPACE, ...TRICKY_TEXT, '😀'.repeat(Math.max(1, Math.ceil((max ?? 10) / 2))), `${fill.repeat(Math.max(0, (max ?? 10) - 1))}é`);
  if (s.format === 'email') values.push(...EMAIL_BOUNDARIES);
  if (s.format === 'date-time' || s.format === 'date') values.push(...DATE_BOUNDARIES(nowOf(ctx)));
  if (s.enum) for (const e of s.enum) if (typeof e === 'string') values.push(e.toUpperCase(), ` ${e}`, `${e} `, e.slice(0, -1));
  return [...new Set(values)];
}

function numberBoundaries(s: JsonSchema): number[] {
  const values = [0, -0, 1, -1, 0.5, 1.5, -1.5, 1e-7, 5e-324, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53 + 2, -(2 ** 53) - 2, 1e21, -1e21, 1e308, -1e308];
  for (const bound of [s.minimum, s.maximum, typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : undefined, typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined]) {
    if (bound !== undefined) values.push(bound - 1, bound - 0.5, bound, bound + 0.5, bound + 1);
  }
  const seen: number[] = [];
  for (const v of values) if (!seen.some((x) => Object.is(x, v))) seen.push(v);
  return seen;
}

/** Values at and just past each limit (and tricky texts): accepted or refused, never a crash. */
export function boundaryArbitrary(schema: JsonSchema, ctx: SchemaContext = {}, depth = 0): Arb {
  const s = resolveSchema(schema, ctx);
  if (s.anyOf || s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf)!.map((b) => boundaryArbitrary(b, ctx, depth + 1)));
  if (s.allOf) return boundaryArbitrary(mergeAllOf(s.allOf, ctx), ctx, depth);
  const split = branches(s);
  if (split && split.length > 1) return fc.oneof(...split.map((b) => boundaryArbitrary(b, ctx, depth + 1)));
  const one = split ? split[0]! : s;
  const type = typeof one.type === 'string' ? one.type : one.properties ? 'object' : one.items ? 'array' : one.enum ? 'string' : undefined;
  switch (type) {
    case 'string':
      return fc.constantFrom(...stringBoundaries(one, ctx));
    case 'integer':
    case 'number':
      return fc.constantFrom(...numberBoundaries(one));
    case 'boolean':
      return fc.constantFrom(true, false);
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = one.items ?? {};
      const sizes = [...new Set([0, (one.minItems ?? 0) - 1, one.minItems ?? 0, one.maxItems ?? 50, (one.maxItems ?? 50) + 1])].filter((n) => n >= 0);
      return fc.oneof(
        fc.constantFrom(...sizes).chain((n) => fc.array(validArbitrary(item, ctx, undefined, depth + 1), { minLength: n, maxLength: n })),
        fc.array(boundaryArbitrary(item, ctx, depth + 1), { minLength: 1, maxLength: 3 }),
      );
    }
    case 'object': {
      if (depth > MAX_DEPTH) return fc.constant({});
      const base = validObject(one, ctx, depth);
      const keys = Object.keys(one.properties ?? {});
      const options: Arb[] = [fc.constant({}), base];
      if (keys.length) {
        options.push(
          fc.oneof(
            ...keys.map((key) =>
              fc.tuple(base, boundaryArbitrary(one.properties![key]!, ctx, depth + 1)).map(([obj, value]) => ({ ...obj, [key]: value })),
            ),
          ),
        );
      }
      return fc.oneof(...options);
    }
    default:
      return fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<unknown>('', 0, -1, null, [], {}));
  }
}

/** Values of a JSON type the schema does not admit. */
function wrongType(types: string[]): Arb {
  const allowed = new Set(types);
  const options: Arb[] = [];
  if (!allowed.has('string')) options.push(fc.string({ maxLength: 20 }), fc.constantFrom('12', 'true', '', '1e3', 'null'));
  if (!allowed.has('number')) {
    if (!allowed.has('integer')) options.push(fc.integer(), fc.constantFrom(0, -1, 1e308));
    options.push(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Number.isInteger(v)));
  }
  if (!allowed.has('boolean')) options.push(fc.boolean());
  if (!allowed.has('null')) options.push(fc.constant(null));
  if (!allowed.has('array')) options.push(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }));
  if (!allowed.has('object')) options.push(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }));
  return fc.oneof(...options);
}

const BAD_DATES = ['yesterday', 'next tuesday', '2026-13-01T00:00:00Z', '2026-02-30T10:00:00Z', '2026-01-01', '2026-01-01T00:00:00', '1700000000', '2026-01-01T25:00:00Z', 'T', '2026-01-01T00:00:00+25:00'];
const BAD_EMAILS = ['not-an-email', 'a@', '@b.co', 'a b@c.de', 'a@@b.co', '', 'a@b', '<a@b.co>', 'a@b.co\n'];

/** Values the schema refuses (best effort for unions: a bad branch may match another one). */
export function invalidArbitrary(schema: JsonSchema, ctx: SchemaContext = {}, depth = 0): Arb {
  const s = resolveSchema(schema, ctx);
  if (s.anyOf || s.oneOf) {
    const all = s.anyOf ?? s.oneOf!;
    return fc.oneof(wrongType(typesOf(s, ctx)), ...all.map((b) => invalidArbitrary(b, ctx, depth + 1)));
  }
  if (s.allOf) return invalidArbitrary(mergeAllOf(s.allOf, ctx), ctx, depth);
  const types = typesOf(s, ctx);
  if (types.length === 0) return fc.constant(undefined);
  const options: Arb[] = [wrongType(types)];
  const one = { ...s, type: types.find((t) => t !== 'null') ?? 'null', nullable: false };
  switch (one.type) {
    case 'string': {
      if (one.enum) options.push(fc.string({ maxLength: 12 }).filter((v) => !one.enum!.includes(v)));
      if (one.pattern) {
        const re = new RegExp(one.pattern);
        options.push(fc.string({ maxLength: 30, unit: 'binary' }).filter((v) => !re.test(v)));
      }
      if (one.format === 'email') options.push(fc.constantFrom(...BAD_EMAILS));
      if (one.format === 'date-time') options.push(fc.constantFrom(...BAD_DATES));
      if ((one.minLength ?? 0) > 0) options.push(fc.constant(''));
      if (one.maxLength !== undefined) options.push(fc.integer({ min: 1, max: 50 }).map((n) => 'x'.repeat(one.maxLength! + n)));
      break;
    }
    case 'integer':
    case 'number': {
      const { min, max } = intBounds(one);
      if (one.minimum !== undefined || one.exclusiveMinimum !== undefined) options.push(fc.integer({ min: 1, max: 1_000_000 }).map((n) => min - n));
      if (one.maximum !== undefined || one.exclusiveMaximum !== undefined) options.push(fc.integer({ min: 1, max: 1_000_000 }).map((n) => max + n));
      break;
    }
    case 'array': {
      const item = one.items ?? {};
      if ((one.minItems ?? 0) > 0) options.push(fc.constant([]));
      if (one.maxItems !== undefined) options.push(fc.array(validArbitrary(item, ctx, undefined, depth + 1), { minLength: one.maxItems + 1, maxLength: one.maxItems + 3 }));
      if (depth <= MAX_DEPTH && typesOf(item, ctx).length) options.push(fc.array(invalidArbitrary(item, ctx, depth + 1), { minLength: 1, maxLength: 3 }));
      break;
    }
    case 'object': {
      if (depth > MAX_DEPTH) break;
      const base = validObject(one, ctx, depth);
      const props = one.properties ?? {};
      const required = (one.required ?? []).filter((k) => k in props);
      if (required.length) {
        options.push(
          fc.tuple(base, fc.constantFrom(...required)).map(([obj, key]) => {
            const copy = { ...obj };
            delete copy[key];
            return copy;
          }),
        );
      }
      if (one.additionalProperties === false) {
        options.push(
          fc
            .tuple(base, fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('isAdmin', 'role', 'organizerId', 'userId', 'status', 'sold', 'amountCents')), fc.jsonValue({ maxDepth: 1 }))
            .filter(([, key]) => !(key in props))
            .map(([obj, key, value]) => ({ ...obj, [key]: value })),
        );
      }
      // Prototype pollution attempts: own "__proto__" / "constructor" keys survive JSON.
      options.push(
        fc.tuple(base, fc.constantFrom('__proto__', 'constructor', 'prototype')).map(([obj, key]) =>
          JSON.parse(JSON.stringify({ ...obj }).replace(/^\{/, `{"${key}":{"polluted":true,"prototype":{"polluted":true}}${Object.keys(obj).length ? ',' : ''}`)),
        ),
      );
      const keys = Object.keys(props).filter((k) => typesOf(props[k]!, ctx).length);
      if (keys.length) {
        options.push(
          fc.oneof(...keys.map((key) => fc.tuple(base, invalidArbitrary(props[key]!, ctx, depth + 1)).map(([obj, value]) => ({ ...obj, [key]: value })))),
        );
      }
      break;
    }
  }
  return fc.oneof(...options);
}
