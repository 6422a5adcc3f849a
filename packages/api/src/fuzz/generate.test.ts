import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  assertGeneratable,
  generateValid,
  mutate,
  UnsupportedSchemaError,
  type Dictionary,
} from './generate';
import { Random } from './random';

const dict: Dictionary = {
  strings: ['430702000000', '2026-01-05', '09:00'],
  numbers: [1, 2026],
};

const schema = z
  .object({
    regionCode: z.string().regex(/^\d{12}$/),
    year: z.number().int().min(2000).max(2100),
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    name: z.string().trim().min(1).max(50),
    kind: z.enum(['a', 'b']),
    ids: z.array(z.number().int().positive()).min(1).max(10),
    note: z.string().max(200).optional(),
    extra: z.record(z.string(), z.unknown()).default({}),
    mode: z.union([
      z.object({ m: z.literal('x') }),
      z.object({ m: z.literal('y'), n: z.boolean() }),
    ]),
    when: z.date().nullable(),
    code: z.string().transform((s) => s.toUpperCase()),
  })
  .and(z.object({ page: z.number().int().min(1).default(1) }));

describe('fuzz input generator', () => {
  it('generates values that the schema accepts, from its definition alone', () => {
    const rnd = new Random('unit', 1);
    for (let i = 0; i < 50; i++) {
      const value = generateValid(schema, rnd, dict);
      expect(schema.safeParse(value).success, JSON.stringify(value)).toBe(true);
    }
  });

  it('repeats exactly with the same seed, and differs with another', () => {
    const run = (seed: string) => {
      const rnd = new Random(seed);
      return JSON.stringify(
        Array.from({ length: 5 }, () => mutate(generateValid(schema, rnd, dict), rnd).mutation),
      );
    };
    expect(run('a')).toBe(run('a'));
    expect(run('a')).not.toBe(run('b'));
  });

  it('fails naming the kind and the field for a schema kind it cannot generate', () => {
    const unknownKind = z.object({ tags: z.map(z.string(), z.number()) });
    expect(() => assertGeneratable(unknownKind, 'x.y')).toThrow(UnsupportedSchemaError);
    expect(() => assertGeneratable(unknownKind, 'x.y')).toThrow(/"map" schema at x\.y\.tags/);
    expect(() => generateValid(z.custom<string>(), new Random(1), dict, 'p')).toThrow(
      /"custom" schema at p/,
    );
  });

  it('adds __proto__ as an own key, never as the prototype', () => {
    let found = false;
    for (let i = 0; i < 300 && !found; i++) {
      const rnd = new Random('proto', i);
      const { input, mutation } = mutate({ a: { b: 1 } }, rnd);
      if (mutation.kind === 'proto-key' && mutation.detail.startsWith('"__proto__"')) {
        found = true;
        const owner = mutation.site === 'input' ? input : (input as { a: object }).a;
        expect(Object.prototype.hasOwnProperty.call(owner, '__proto__')).toBe(true);
        expect(Object.getPrototypeOf(owner)).toBe(Object.prototype);
      }
    }
    expect(found).toBe(true);
  });
});
