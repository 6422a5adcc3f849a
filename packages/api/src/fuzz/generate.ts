/**
 * Inputs generated from a procedure's zod 4 input schema, read through its definition
 * (`schema._zod.def`): valid ones (best effort: a dictionary of real region codes, ids, dates and
 * the like, checked with the schema itself), and malformed ones made from a valid one by a
 * mutation (wrong types, out-of-range numbers, control characters, huge strings and arrays,
 * prototype keys, unknown keys, missing fields…).
 *
 * A schema kind the generator does not know throws {@link UnsupportedSchemaError} naming it and
 * where it sits: a new kind of input must be taught to the fuzzer, never silently skipped.
 */
import type { Random } from './random';

/** What a zod 4 schema carries; only the fields the generator reads. */
interface Def {
  type: string;
  [key: string]: unknown;
}

interface Schema {
  _zod: { def: { type: string } };
  safeParse(value: unknown): { success: boolean };
}

export class UnsupportedSchemaError extends Error {
  constructor(
    readonly kind: string,
    readonly path: string,
  ) {
    super(`the fuzzer cannot generate a value for a zod "${kind}" schema at ${path}`);
  }
}

export function isSchema(value: unknown): value is Schema {
  return (
    typeof value === 'object' &&
    value !== null &&
    '_zod' in value &&
    typeof value._zod === 'object' &&
    typeof (value as { safeParse?: unknown }).safeParse === 'function'
  );
}

function defOf(schema: Schema): Def {
  return schema._zod.def;
}

function child(def: Def, key: string, path: string): Schema {
  const value = def[key];
  if (!isSchema(value)) throw new UnsupportedSchemaError(`${def.type} without ${key}`, path);
  return value;
}

/** The values tried first for every string and number (each kept only where the schema takes it). */
export interface Dictionary {
  strings: readonly string[];
  numbers: readonly number[];
}

interface CheckDef {
  check: string;
  value?: unknown;
  inclusive?: boolean;
  format?: string;
  minimum?: number;
  maximum?: number;
  length?: number;
}

function checksOf(def: Def): CheckDef[] {
  const checks = Array.isArray(def.checks) ? (def.checks as unknown[]) : [];
  const out: CheckDef[] = [];
  for (const c of checks) {
    const cdef = (c as { _zod?: { def?: CheckDef } })._zod?.def;
    if (cdef) out.push(cdef);
  }
  // z.int32(), z.iso.date() and the like are checks themselves.
  if (typeof def.check === 'string') out.push(def as unknown as CheckDef);
  return out;
}

/** Length bounds of a string or an array. */
function lengthBounds(def: Def): { min: number; max: number } {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const c of checksOf(def)) {
    if (c.check === 'min_length' && typeof c.minimum === 'number') min = Math.max(min, c.minimum);
    if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
    if (c.check === 'length_equals' && typeof c.length === 'number') {
      min = c.length;
      max = c.length;
    }
  }
  return { min, max };
}

function numberBounds(def: Def): { min: number; max: number; integer: boolean } {
  let min = -1e9;
  let max = 1e9;
  let integer = false;
  for (const c of checksOf(def)) {
    if (c.check === 'greater_than' && typeof c.value === 'number') {
      min = Math.max(min, c.inclusive ? c.value : c.value + (integer ? 1 : 1e-6));
    }
    if (c.check === 'less_than' && typeof c.value === 'number') {
      max = Math.min(max, c.inclusive ? c.value : c.value - (integer ? 1 : 1e-6));
    }
    if (c.check === 'number_format' && c.format !== 'float32' && c.format !== 'float64') {
      integer = true;
    }
  }
  return { min, max, integer };
}

const CJK = '党建组织支部村社区书记乡镇街道培训扶贫工作队会议整改年度考核人员名单';
const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';

function randomText(rnd: Random, length: number): string {
  const alphabet = rnd.pick([CJK, ASCII, `${CJK}${ASCII} `, '0123456789']);
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[rnd.int(0, alphabet.length - 1)];
  return s;
}

/** Dictionary entries each leaf schema accepts, computed once per (dictionary, schema). */
const fitting = new WeakMap<Dictionary, WeakMap<Schema, unknown[]>>();

function fits<T>(dict: Dictionary, schema: Schema, candidates: readonly T[]): T[] {
  let bySchema = fitting.get(dict);
  if (!bySchema) {
    bySchema = new WeakMap();
    fitting.set(dict, bySchema);
  }
  const cached = bySchema.get(schema);
  if (cached) return cached as T[];
  const ok = candidates.filter((c) => schema.safeParse(c).success);
  bySchema.set(schema, ok);
  return ok;
}

const MAX_DEPTH = 24;

/** Generates a value for a child schema at `path` (one level deeper). */
type Next = (schema: Schema, path: string) => unknown;

/** A string: mostly a dictionary entry the schema takes, else random text within its length. */
function validString(schema: Schema, def: Def, rnd: Random, dict: Dictionary): string {
  const ok = fits(dict, schema, dict.strings);
  if (ok.length > 0 && rnd.chance(0.85)) return rnd.pick(ok);
  const { min, max } = lengthBounds(def);
  for (let i = 0; i < 8; i++) {
    const s = randomText(rnd, rnd.int(Math.max(min, 1), Math.min(max, Math.max(min, 1) + 12)));
    if (schema.safeParse(s).success) return s;
  }
  return ok.length > 0 ? rnd.pick(ok) : randomText(rnd, Math.max(min, 1));
}

/** A number: mostly a dictionary entry the schema takes, else one within its bounds. */
function validNumber(schema: Schema, def: Def, rnd: Random, dict: Dictionary): number {
  const ok = fits(dict, schema, dict.numbers);
  if (ok.length > 0 && rnd.chance(0.8)) return rnd.pick(ok);
  const { min, max, integer } = numberBounds(def);
  const lo = Math.max(min, -1000);
  const hi = Math.min(max, Math.max(lo, 0) + 1000);
  if (integer || rnd.chance(0.7))
    return rnd.int(Math.ceil(lo), Math.max(Math.ceil(lo), Math.floor(hi)));
  return lo + rnd.next() * (hi - lo);
}

function validObject(def: Def, path: string, next: Next): Record<string, unknown> {
  const shape = def.shape as Record<string, Schema>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const value = next(field, `${path}.${key}`);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function validArray(def: Def, rnd: Random, path: string, next: Next): unknown[] {
  const { min, max } = lengthBounds(def);
  const n = rnd.int(min, Math.min(max, min + 3));
  const element = child(def, 'element', path);
  return Array.from({ length: n }, (_, i) => next(element, `${path}[${i}]`));
}

/** A record of up to two entries (a generated key that is not a string or number is left out). */
function validRecord(def: Def, rnd: Random, path: string, next: Next): Record<string, unknown> {
  const keyType = child(def, 'keyType', path);
  const valueType = child(def, 'valueType', path);
  const out: Record<string, unknown> = {};
  const n = rnd.int(0, 2);
  for (let i = 0; i < n; i++) {
    const key = next(keyType, `${path}{key}`);
    if (typeof key === 'string' || typeof key === 'number') {
      out[String(key)] = next(valueType, `${path}.${String(key)}`);
    }
  }
  return out;
}

/** Both sides' values, merged when both are objects (else the right one). */
function validIntersection(def: Def, path: string, next: Next): unknown {
  const left = next(child(def, 'left', path), path);
  const right = next(child(def, 'right', path), path);
  if (isPlainObject(left) && isPlainObject(right)) return { ...left, ...right };
  return right;
}

/** A value the schema should accept (best effort; the caller checks it with safeParse). */
export function generateValid(
  schema: Schema,
  rnd: Random,
  dict: Dictionary,
  path = 'input',
  depth = 0,
): unknown {
  const def = defOf(schema);
  if (depth > MAX_DEPTH) throw new UnsupportedSchemaError(`${def.type} nested too deep`, path);
  const next: Next = (s, p) => generateValid(s, rnd, dict, p, depth + 1);
  switch (def.type) {
    case 'string':
      return validString(schema, def, rnd, dict);
    case 'number':
      return validNumber(schema, def, rnd, dict);
    case 'bigint':
      return BigInt(rnd.int(0, 1000));
    case 'boolean':
      return rnd.chance(0.5);
    case 'date':
      return new Date(Date.UTC(2026, rnd.int(0, 11), rnd.int(1, 28)));
    case 'enum': {
      const entries = def.entries as Record<string, string | number>;
      return rnd.pick(Object.values(entries));
    }
    case 'literal':
      return rnd.pick(def.values as unknown[]);
    case 'null':
      return null;
    case 'undefined':
    case 'void':
      return undefined;
    case 'unknown':
    case 'any':
      return rnd.pick<unknown>([1, '文本', true, null, { a: 1 }, [1, 2]]);
    case 'optional':
      return rnd.chance(0.25) ? undefined : next(child(def, 'innerType', path), path);
    case 'default':
    case 'prefault':
      return rnd.chance(0.3) ? undefined : next(child(def, 'innerType', path), path);
    case 'nullable':
      return rnd.chance(0.2) ? null : next(child(def, 'innerType', path), path);
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return next(child(def, 'innerType', path), path);
    case 'lazy':
      return next((def.getter as () => Schema)(), path);
    case 'pipe': {
      const input = child(def, 'in', path);
      // z.preprocess(fn, schema) is pipe(transform, schema): generate what the schema takes.
      return defOf(input).type === 'transform'
        ? next(child(def, 'out', path), path)
        : next(input, path);
    }
    case 'object':
      return validObject(def, path, next);
    case 'array':
      return validArray(def, rnd, path, next);
    case 'tuple':
      return (def.items as Schema[]).map((s, i) => next(s, `${path}[${i}]`));
    case 'record':
      return validRecord(def, rnd, path, next);
    case 'union': {
      const options = def.options as Schema[];
      const i = rnd.int(0, options.length - 1);
      return next(options[i] as Schema, `${path}|${i}`);
    }
    case 'intersection':
      return validIntersection(def, path, next);
    default:
      // transform (outside a pipe), custom, map, set, file, promise, function, symbol, nan,
      // never, template_literal, success…: taught to the fuzzer when a procedure first uses it.
      throw new UnsupportedSchemaError(def.type, path);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Every schema kind reachable from `schema`, with where it sits (for the coverage check). */
export function assertGeneratable(schema: Schema, path = 'input'): void {
  const seen = new Set<Schema>();
  const walk = (s: Schema, p: string): void => {
    if (seen.has(s)) return;
    seen.add(s);
    const def = defOf(s);
    switch (def.type) {
      case 'string':
      case 'number':
      case 'bigint':
      case 'boolean':
      case 'date':
      case 'enum':
      case 'literal':
      case 'null':
      case 'undefined':
      case 'void':
      case 'unknown':
      case 'any':
        return;
      case 'optional':
      case 'default':
      case 'prefault':
      case 'nullable':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        return walk(child(def, 'innerType', p), p);
      case 'lazy':
        return walk((def.getter as () => Schema)(), p);
      case 'pipe': {
        const input = child(def, 'in', p);
        return defOf(input).type === 'transform' ? walk(child(def, 'out', p), p) : walk(input, p);
      }
      case 'object':
        for (const [k, v] of Object.entries(def.shape as Record<string, Schema>))
          walk(v, `${p}.${k}`);
        return;
      case 'array':
        return walk(child(def, 'element', p), `${p}[]`);
      case 'tuple':
        (def.items as Schema[]).forEach((v, i) => walk(v, `${p}[${i}]`));
        return;
      case 'record':
        walk(child(def, 'keyType', p), `${p}{key}`);
        return walk(child(def, 'valueType', p), `${p}{value}`);
      case 'union':
        (def.options as Schema[]).forEach((v, i) => walk(v, `${p}|${i}`));
        return;
      case 'intersection':
        walk(child(def, 'left', p), p);
        return walk(child(def, 'right', p), p);
      default:
        throw new UnsupportedSchemaError(def.type, p);
    }
  };
  walk(schema, path);
}

// ---------------------------------------------------------------------------------------------
// Malformed inputs

/** Numbers that break naive handling: int4 overflow, negatives, fractions, non-finite, 2^53. */
export const BAD_NUMBERS: readonly number[] = [
  2147483648,
  2147483647,
  -2147483649,
  -1,
  0,
  -0,
  1.5,
  -0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  5e-324,
  2 ** 63,
];

/** Strings with control characters, lone surrogates, injection attempts and edge formats. */
export const BAD_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u001b[31m',
  '\u001f',
  '\u007f',
  '\ud800',
  'x\udfff',
  '\ufeff',
  '\u2028\u2029',
  '\ufffe\uffff',
  '\r\n\t',
  '',
  ' ',
  '\u3000',
  "' or 1=1 --",
  '%_\\',
  '$1 $$ :1 ?',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '2147483648',
  '-1',
  '1e400',
  'NaN',
  '999999999999',
  '430799999999',
  '000000000000',
  '430700000000',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '2026-13-01',
  '24:00',
  '😀👨‍👩‍👧',
];

/** Values of the wrong type, as superjson can deliver them over HTTP. */
function wrongTypeValues(): unknown[] {
  return [
    undefined,
    null,
    0,
    '1',
    'x',
    true,
    [],
    {},
    [null],
    { a: { b: 1 } },
    10n,
    new Date(Number.NaN),
    new Date(8.64e15),
    new Date(-8.64e15),
    new Map([['a', 1]]),
    new Set([1]),
  ];
}

export type Site = (string | number)[];

/** Paths of every node of a (plain) value tree, the root included. */
function sitesOf(value: unknown, limit = 400): Site[] {
  const out: Site[] = [[]];
  const stack: { v: unknown; p: Site }[] = [{ v: value, p: [] }];
  while (stack.length > 0 && out.length < limit) {
    const { v, p } = stack.pop() as { v: unknown; p: Site };
    if (Array.isArray(v)) {
      v.forEach((c, i) => {
        out.push([...p, i]);
        stack.push({ v: c, p: [...p, i] });
      });
    } else if (isPlainObject(v)) {
      for (const [k, c] of Object.entries(v)) {
        out.push([...p, k]);
        stack.push({ v: c, p: [...p, k] });
      }
    }
  }
  return out;
}

function getAt(value: unknown, site: Site): unknown {
  let v = value;
  for (const k of site) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) define(out, k, clone(v));
    return out;
  }
  return value;
}

/** Sets an own property, even one named __proto__ (as JSON.parse does), never a prototype. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Replaces the node at `site` (the root when empty) in a cloned tree; returns the new root. */
function setAt(root: unknown, site: Site, value: unknown): unknown {
  if (site.length === 0) return value;
  const parent = getAt(root, site.slice(0, -1));
  const key = site[site.length - 1] as string | number;
  if (Array.isArray(parent) && typeof key === 'number') parent[key] = value;
  else if (isPlainObject(parent)) define(parent, String(key), value);
  return root;
}

/** Every leaf (not an array or object) of a value tree, with its path. */
export function leavesOf(value: unknown): { site: Site; value: unknown }[] {
  return sitesOf(value, 10_000)
    .map((site) => ({ site, value: getAt(value, site) }))
    .filter((leaf) => !Array.isArray(leaf.value) && !isPlainObject(leaf.value));
}

/** A copy of `value` with the node at `site` replaced. */
export function replaceAt(value: unknown, site: Site, replacement: unknown): unknown {
  return setAt(clone(value), site, replacement);
}

export interface Mutation {
  kind: string;
  site: string;
  detail: string;
}

export interface MutationSizes {
  longString: number;
  longArray: number;
  deepNesting: number;
}

export const DEFAULT_SIZES: MutationSizes = {
  longString: 100_000,
  longArray: 70_000,
  deepNesting: 200,
};

function printable(value: unknown): string {
  if (typeof value === 'string') {
    const escaped = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    return value.length > 40 ? `${escaped}(${value.length} chars)` : escaped;
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value instanceof Date) return `Date(${value.getTime()})`;
  if (value instanceof Map) return 'Map';
  if (value instanceof Set) return 'Set';
  if (Array.isArray(value)) return `array(${value.length})`;
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  return typeof value === 'boolean' ? String(value) : typeof value;
}

const MUTATIONS = [
  'wrong-type',
  'bad-number',
  'bad-string',
  'control-char',
  'long-string',
  'long-array',
  'proto-key',
  'unknown-key',
  'missing-field',
  'top-level',
  'deep-nesting',
] as const;

type MutationKind = (typeof MUTATIONS)[number];

type Mutated = { input: unknown; mutation: Mutation };

function siteName(s: Site): string {
  return s.length === 0 ? 'input' : s.join('.');
}

/** A clone of the valid input being mutated, the sites of its nodes, and the mutation's kind. */
class Draft {
  root: unknown;
  readonly sites: Site[];

  constructor(
    valid: unknown,
    readonly kind: MutationKind,
    readonly rnd: Random,
  ) {
    this.root = clone(valid);
    this.sites = sitesOf(this.root);
  }

  /** Mostly a site whose value `want` accepts (when there is one), else any site. */
  pickSite(want: (v: unknown) => boolean): Site {
    const matching = this.sites.filter((s) => want(getAt(this.root, s)));
    return matching.length > 0 && this.rnd.chance(0.85)
      ? this.rnd.pick(matching)
      : this.rnd.pick(this.sites);
  }

  /** The input as it now is, and what was done to it at `s`. */
  done(s: Site, detail: string): Mutated {
    return { input: this.root, mutation: { kind: this.kind, site: siteName(s), detail } };
  }

  /** Replaces the node at `s` (the root when empty). */
  replace(s: Site, value: unknown, detail = printable(value)): Mutated {
    this.root = setAt(this.root, s, value);
    return this.done(s, detail);
  }
}

/** A control character (or lone surrogate) inserted into a string. */
function insertControlChar(d: Draft): Mutated {
  const s = d.pickSite((v) => typeof v === 'string');
  const old = getAt(d.root, s);
  const base = typeof old === 'string' ? old : '';
  const char = d.rnd.pick(['\u0000', '\u0001', '\u001f', '\ud800', '\udc00', '\u000c']);
  const at = d.rnd.int(0, base.length);
  return d.replace(s, `${base.slice(0, at)}${char}${base.slice(at)}`);
}

/** An array replaced by a long one of copies of its first element. */
function lengthenArray(d: Draft, sizes: MutationSizes): Mutated {
  const s = d.pickSite((v) => Array.isArray(v));
  const old = getAt(d.root, s);
  const element: unknown =
    Array.isArray(old) && old.length > 0 ? (old as unknown[])[0] : d.rnd.int(1, 50);
  // Mostly a long list; sometimes past PostgreSQL's 65,535 parameters of one statement.
  const n = d.rnd.chance(0.3) ? sizes.longArray : d.rnd.int(100, 2_000);
  return d.replace(
    s,
    Array.from({ length: n }, () => clone(element)),
    `array(${n})`,
  );
}

/** A prototype key (__proto__, constructor, prototype) or an unexpected key added to an object. */
function addKey(d: Draft): Mutated {
  const s = d.pickSite(isPlainObject);
  let target = getAt(d.root, s);
  if (!isPlainObject(target)) {
    target = {};
    d.root = setAt(d.root, s, target);
  }
  const proto = d.kind === 'proto-key';
  const key = proto
    ? d.rnd.pick(['__proto__', 'constructor', 'prototype'])
    : d.rnd.pick(['unexpected', 'a\u0000b', '\u0000', '\ud800', 'k'.repeat(10_000), '']);
  const value = proto
    ? d.rnd.pick<unknown>([
        { polluted: 'yes' },
        { prototype: { polluted: 'yes' } },
        'x',
        null,
        { toString: 1 },
      ])
    : d.rnd.pick<unknown>(['x', 1, null, { nested: '\u0000' }]);
  define(target as Record<string, unknown>, key, value);
  return d.done(s, `${printable(key)}: ${printable(value)}`);
}

/** A field removed from an object (or the node itself, when no object has one). */
function dropField(d: Draft): Mutated {
  const s = d.pickSite(isPlainObject);
  const target = getAt(d.root, s);
  if (isPlainObject(target) && Object.keys(target).length > 0) {
    const key = d.rnd.pick(Object.keys(target));
    Reflect.deleteProperty(target, key);
    return d.done(s, `without ${key}`);
  }
  return d.replace(s, undefined);
}

/** A node replaced by arrays or objects nested `sizes.deepNesting` deep. */
function nestDeep(d: Draft, sizes: MutationSizes): Mutated {
  let nested: unknown = d.rnd.pick<unknown>([1, 'x', null]);
  const array = d.rnd.chance(0.5);
  for (let i = 0; i < sizes.deepNesting; i++) nested = array ? [nested] : { a: nested };
  return d.replace(
    d.rnd.pick(d.sites),
    nested,
    `${array ? 'array' : 'object'} nested ${sizes.deepNesting} deep`,
  );
}

/** One malformed variant of `valid`: the mutated input and what was done to it. */
export function mutate(valid: unknown, rnd: Random, sizes: MutationSizes = DEFAULT_SIZES): Mutated {
  const d = new Draft(valid, rnd.pick(MUTATIONS), rnd);
  switch (d.kind) {
    case 'wrong-type': {
      const s = rnd.pick(d.sites);
      return d.replace(s, rnd.pick(wrongTypeValues()));
    }
    case 'bad-number':
      return d.replace(
        d.pickSite((v) => typeof v === 'number'),
        rnd.pick(BAD_NUMBERS),
      );
    case 'bad-string':
      return d.replace(
        d.pickSite((v) => typeof v === 'string'),
        rnd.pick(BAD_STRINGS),
      );
    case 'control-char':
      return insertControlChar(d);
    case 'long-string':
      return d.replace(
        d.pickSite((v) => typeof v === 'string'),
        (rnd.chance(0.5) ? 'x' : '党').repeat(rnd.int(sizes.longString / 10, sizes.longString)),
      );
    case 'long-array':
      return lengthenArray(d, sizes);
    case 'proto-key':
    case 'unknown-key':
      return addKey(d);
    case 'missing-field':
      return dropField(d);
    case 'top-level':
      return d.replace(
        [],
        rnd.pick<unknown>([undefined, null, 0, '', [], {}, 'x', true, [valid], 10n]),
      );
    case 'deep-nesting':
      return nestDeep(d, sizes);
  }
}
