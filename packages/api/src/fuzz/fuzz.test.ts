/**
 * Fuzz suite: every procedure of the app router (enumerated from the router, so a new procedure is
 * fuzzed without anyone writing a test for it), called with inputs generated from its own zod
 * input schema, valid ones and malformed ones, anonymously and as every demo account. The rules:
 * - no call ends in a server error (5xx), whatever the input;
 * - nothing is logged as an error (console.error) during the run;
 * - a refused call changes nothing in the database (tables watched by triggers, see watch.ts);
 * - no input pollutes Object.prototype.
 *
 * FUZZ_RUNS sets the cases per procedure and allowed caller (default {@link DEFAULT_RUNS}; `large`
 * = {@link LARGE_RUNS}, what `pnpm fuzz` runs). FUZZ_SEED fixes the seed (default fixed, so
 * `pnpm test` is repeatable; `random` picks one): a failure prints the seed and the command that
 * repeats it.
 */
import type { DatabaseHandle } from '@dangjian/db';
import { users } from '@dangjian/db/schema';
import { DEMO_PASSWORD, seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { idNumberCheckChar, regionCodeRange, type Role } from '@dangjian/domain';
import { getTRPCErrorShape, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createSession } from '../auth/session';
import { isAllowed, PERMISSIONS } from '../permissions';
import { appRouter } from '../root';
import { memoryCookieJar, createTestContext } from '../testing';
import { createCallerFactory } from '../trpc';
import {
  assertGeneratable,
  DEFAULT_SIZES,
  generateValid,
  isPlainObject,
  isSchema,
  leavesOf,
  mutate,
  replaceAt,
  UnsupportedSchemaError,
  type Dictionary,
  type MutationSizes,
} from './generate';
import { Random } from './random';
import { changeMark, changesSince, installChangeWatch, rowsOf } from './watch';

const DEFAULT_RUNS = 2;
const LARGE_RUNS = 60;
const RUNS = (() => {
  const env = process.env.FUZZ_RUNS;
  if (!env) return DEFAULT_RUNS;
  if (env === 'large') return LARGE_RUNS;
  const n = Number(env);
  if (!Number.isInteger(n) || n < 1)
    throw new TypeError(`FUZZ_RUNS must be a positive integer or "large", not ${env}`);
  return n;
})();
const SEED = (() => {
  const env = process.env.FUZZ_SEED;
  if (!env) return '20261130';
  if (env === 'random') return String(Math.floor(Math.random() * 2 ** 31));
  return env;
})();
const SIZES: MutationSizes =
  RUNS >= LARGE_RUNS
    ? { longString: 2_000_000, longArray: 100_000, deepNesting: 10_000 }
    : DEFAULT_SIZES;
/** Every this-many-th case (the first included) is a valid input; the others are malformed. */
/** What the sweep puts in every number field: int4 overflow, negative, fraction, NaN, 2^53. */
const SWEEP_NUMBERS: readonly number[] = [2147483648, -1, 1.5, Number.NaN, 2 ** 53];
const VALID_EVERY = RUNS >= LARGE_RUNS ? 5 : 8;

const REPEAT = `FUZZ_SEED=${SEED} FUZZ_RUNS=${process.env.FUZZ_RUNS ?? RUNS} npx vitest run src/fuzz/fuzz.test.ts`;
console.info(`fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} (repeat with: ${REPEAT})`);

/** The demo accounts of packages/db's seed (one per role; two county admins and poverty offices). */
const DEMO_USERNAMES = [
  'city_admin',
  'county_admin',
  'county2_admin',
  'township',
  'secretary',
  'team_member',
  'trainer',
  'poverty',
  'county_poverty',
] as const;
type Caller = 'anonymous' | (typeof DEMO_USERNAMES)[number];
const DEMO_ORDER: readonly string[] = DEMO_USERNAMES;

interface ProcedureDef {
  _def: { type: string; inputs: unknown[] };
}

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, ProcedureDef>,
).map(([path, p]) => ({ path, type: p._def.type, inputs: p._def.inputs }));

const callerFactory = createCallerFactory(appRouter);

interface DemoUser {
  id: number;
  username: string;
  role: Role;
  regionCode: string;
  personId: number | null;
}

/** The input that goes to the procedure: the generated parts of all its `.input()` merged. */
function mergeInputs(parts: unknown[]): unknown {
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return parts.reduce<Record<string, unknown>>(
    (acc, p) => (isPlainObject(p) ? { ...acc, ...p } : acc),
    {},
  );
}

function printableInput(input: unknown): string {
  const seen = new WeakSet<object>();
  let text: string;
  try {
    text = String(
      JSON.stringify(input, (_k, v: unknown) => {
        if (typeof v === 'bigint') return `${v}n`;
        if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
        if (typeof v === 'string' && v.length > 60) return `${v.slice(0, 60)}…(${v.length} chars)`;
        if (Array.isArray(v) && v.length > 5) {
          const list = v as unknown[];
          return [...list.slice(0, 3), `…(${list.length} items)`];
        }
        if (v && typeof v === 'object') {
          if (seen.has(v)) return '[shared]';
          seen.add(v);
        }
        return v;
      }),
    );
  } catch {
    // Too deep for JSON.stringify (and for String(), which recurses into nested arrays too).
    text = `(${Array.isArray(input) ? 'array' : typeof input} too deep to print)`;
  }
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** The innermost cause's message (drizzle wraps the PostgreSQL error in "Failed query: …"). */
function rootCause(error: Error): string {
  let e: unknown = error;
  const seen = new Set<unknown>();
  while (e instanceof Error && e.cause !== undefined && !seen.has(e.cause)) {
    seen.add(e);
    e = e.cause;
  }
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

async function callPath(
  api: ReturnType<typeof callerFactory>,
  path: string,
  input: unknown,
): Promise<unknown> {
  let target: unknown = api;
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  if (typeof target !== 'function') throw new TypeError(`no procedure ${path} on the caller`);
  return (target as (i: unknown) => Promise<unknown>)(input);
}

describe.each(TEST_DRIVERS)('fuzz on %s', (driver) => {
  let handle: DatabaseHandle;
  let demo: DemoUser[] = [];
  const dictionaries = new Map<Caller, Dictionary>();
  let consoleError: MockInstance<typeof console.error>;
  const noValidInput: string[] = [];
  let calls = 0;
  let cpuAtStart = process.cpuUsage();
  let setupMs = 0;
  const timings: { path: string; ms: number; slowest: string }[] = [];

  beforeAll(async () => {
    cpuAtStart = process.cpuUsage();
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    demo = (
      await handle.db
        .select({
          id: users.id,
          username: users.username,
          role: users.role,
          regionCode: users.regionCode,
          personId: users.personId,
        })
        .from(users)
        .where(inArray(users.username, [...DEMO_USERNAMES]))
    ).sort((a, b) => DEMO_ORDER.indexOf(a.username) - DEMO_ORDER.indexOf(b.username));
    expect(demo.map((u) => u.username)).toEqual([...DEMO_USERNAMES]);

    // Each caller's dictionary: real region codes and ids inside its region (so valid inputs reach
    // the handlers), a few outside it, and the formats the schemas ask for.
    const sample = async (from: string, to: string) => {
      const rows = await rowsOf<{ kind: string; value: string }>(
        handle.db,
        sql`
          select 'region' as kind, code as value from (select code from regions where code between ${from} and ${to} order by code limit 6) r
          union all select 'id', id::text from (select id from orgs where region_code between ${from} and ${to} order by id limit 4) o
          union all select 'id', id::text from (select id from people where region_code between ${from} and ${to} order by id limit 4) p
          union all select 'id', id::text from (select id from poverty_teams where region_code between ${from} and ${to} order by id limit 2) t
          union all select 'id', id::text from (select id from training_classes order by id limit 2) c
          union all select 'id', id::text from (select id from users where region_code between ${from} and ${to} order by id limit 2) u`,
      );
      return {
        regions: rows.filter((r) => r.kind === 'region').map((r) => r.value),
        ids: rows.filter((r) => r.kind === 'id').map((r) => Number(r.value)),
      };
    };
    const everywhere = await sample('000000000000', '999999999999');
    const first17 = '43070219800101123';
    const common = {
      strings: [
        '2026-01-05',
        '2026-03-04',
        '2026-06-30',
        '2026-12-31',
        '2025-12-31',
        '2030-01-01',
        '09:00',
        '17:30',
        '10012345678',
        '0736-7654321',
        `${first17}${idNumberCheckChar(first17)}`,
        'iVBORw0KGgo=',
        'city_admin',
        'secretary',
        DEMO_PASSWORD,
        'Fuzz@Pass2026',
        '001',
        '003',
        '模糊测试',
        '矩阵党支部',
      ],
      numbers: [
        2026, 2025, 2030, 2020, 2015, 1, 2, 3, 5, 10, 30, 100, 0, 2_000_000_000, 2147483647,
      ],
    };
    const callers: { caller: Caller; regionCode: string }[] = [
      { caller: 'anonymous', regionCode: '430700000000' },
      ...demo.map((u) => ({ caller: u.username as Caller, regionCode: u.regionCode })),
    ];
    for (const { caller, regionCode } of callers) {
      const range = regionCodeRange(regionCode);
      const inside = await sample(range.from, range.to);
      dictionaries.set(caller, {
        strings: [...inside.regions, ...everywhere.regions.slice(0, 2), ...common.strings],
        numbers: [...inside.ids, ...everywhere.ids.slice(0, 3), ...common.numbers],
      });
    }
    await installChangeWatch(handle.db);
    setupMs = Math.round(
      (process.cpuUsage(cpuAtStart).user + process.cpuUsage(cpuAtStart).system) / 1000,
    );
    consoleError = vi.spyOn(console, 'error');
  }, 600_000);

  afterAll(async () => {
    consoleError.mockRestore();
    if (noValidInput.length > 0) {
      console.info(
        `fuzz on ${driver}: ${calls} calls; no valid input generated for ${noValidInput.length} procedure(s) (only malformed ones reached them): ${noValidInput.join(', ')}`,
      );
    } else {
      console.info(`fuzz on ${driver}: ${calls} calls`);
    }
    if (process.env.FUZZ_TIMINGS) {
      const cpu = process.cpuUsage(cpuAtStart);
      console.info(
        `cpu: setup ${setupMs} ms, total ${Math.round((cpu.user + cpu.system) / 1000)} ms`,
      );
      timings.sort((a, b) => b.ms - a.ms);
      console.info(
        timings
          .slice(0, 25)
          .map((t) => `${t.ms} ms ${t.path} (slowest: ${t.slowest})`)
          .join('\n'),
      );
    }
    await handle.close();
  });

  /** Puts the demo accounts back as seeded (a fuzzed user.update may have changed one). */
  async function restoreDemoAccounts() {
    const rows = sql.join(
      demo.map(
        (u) => sql`(${u.id}::int, ${u.role}::role, ${u.regionCode}::varchar, ${u.personId}::int)`,
      ),
      sql`, `,
    );
    await handle.db.execute(sql`
      update users set role = v.role, region_code = v.region_code, disabled = false,
        person_id = v.person_id
      from (values ${rows}) as v(id, role, region_code, person_id)
      where users.id = v.id and (users.role <> v.role or users.region_code <> v.region_code
        or users.disabled or users.person_id is distinct from v.person_id)`);
  }

  /** Each signed-in caller's session, made once and again only after a call ended it. */
  const sessionTokens = new Map<Caller, string>();
  async function sessionOf(user: DemoUser): Promise<string> {
    const caller = user.username as Caller;
    let token = sessionTokens.get(caller);
    if (!token) {
      token = (
        await createSession(handle.db, user.id, new Date(), { ip: '127.0.0.1', userAgent: 'fuzz' })
      ).token;
      sessionTokens.set(caller, token);
    }
    return token;
  }

  it.each(procedures)(
    '$path: no generated input, from anyone, ends in a server error, and a refused call changes nothing',
    async ({ path, type, inputs }) => {
      // A schema kind the generator cannot make fails here, naming the procedure and the field.
      const schemas = inputs.map((s, i) => {
        if (!isSchema(s))
          throw new UnsupportedSchemaError('non-zod input parser', `${path} input ${i}`);
        assertGeneratable(s, path);
        return s;
      });
      if (type !== 'query' && type !== 'mutation') {
        throw new UnsupportedSchemaError(`${type} procedure`, path);
      }
      await restoreDemoAccounts();
      const failures: string[] = [];
      const errorsBefore = consoleError.mock.calls.length;
      let reachedValid = false;
      const started = Date.now();
      let slowest = { ms: 0, label: '' };
      let mark = await changeMark(handle.db);

      let swept = false;
      const callers: Caller[] = ['anonymous', ...DEMO_USERNAMES];
      for (const caller of callers) {
        const user = demo.find((u) => u.username === caller);
        const cookies = memoryCookieJar(user ? await sessionOf(user) : null);
        const ctx = createTestContext(handle, { cookies });
        let serverErrors = 0;
        const api = callerFactory(ctx, {
          onError: ({ error }) => {
            if (getHTTPStatusCodeFromError(error) >= 500) serverErrors++;
          },
        });
        const dict = dictionaries.get(caller) as Dictionary;
        const allowed = isAllowed(PERMISSIONS[path], user ? user.role : null);
        // A caller the permission table refuses is refused before its input is used: one case.
        const runs = allowed ? RUNS : 1;
        let failed = 0;
        /** Calls the procedure and records every way the call breaks the rules. */
        const runCase = async (label: string, input: unknown): Promise<void> => {
          calls++;
          let error: unknown = null;
          const callStarted = Date.now();
          try {
            await callPath(api, path, input);
          } catch (e) {
            error = e;
          }
          if (Date.now() - callStarted > slowest.ms) {
            slowest = { ms: Date.now() - callStarted, label: label.slice(0, 160) };
          }
          const after = await changesSince(handle.db, mark);
          mark = after.mark;
          if (({} as Record<string, unknown>).polluted !== undefined) {
            Reflect.deleteProperty(Object.prototype, 'polluted');
            failures.push(`${label} → polluted Object.prototype`);
          }
          if (error === null) return;
          if (!(error instanceof TRPCError)) {
            failures.push(
              `${label} → threw a non-tRPC error: ${error instanceof Error ? error.message : typeof error}`,
            );
            return;
          }
          if (error.code === 'UNAUTHORIZED' && user) sessionTokens.delete(caller);
          const status = getHTTPStatusCodeFromError(error);
          if (status >= 500) {
            failed++;
            failures.push(`${label} → ${status} ${error.code}: ${rootCause(error).slice(0, 300)}`);
          }
          // What the HTTP adapter would answer: the error formatter must not fail on it.
          try {
            getTRPCErrorShape({
              config: appRouter._def._config,
              error,
              type,
              path,
              input,
              ctx,
            });
          } catch (e) {
            failures.push(`${label} → the error formatter failed: ${String(e)}`);
          }
          if (after.changed.length > 0) {
            failures.push(
              `${label} → refused (${error.code}) but changed the database: ${after.changed.join(', ')}`,
            );
          }
        };
        let sweepBase: unknown = undefined;
        for (let i = 0; i < runs; i++) {
          const rnd = new Random(SEED, path, caller, i);
          // A valid input (a few tries: cross-field rules such as from ≤ to may refuse one).
          let valid: unknown = undefined;
          let isValid = schemas.length === 0;
          for (let attempt = 0; attempt < 12 && !isValid; attempt++) {
            valid = mergeInputs(schemas.map((s) => generateValid(s, rnd, dict, path)));
            isValid = schemas.every((s) => s.safeParse(valid).success);
          }
          // Case 0 (and every VALID_EVERY-th) is the valid input itself; the others mutate it.
          const { input, mutation } =
            i % VALID_EVERY === 0 && (allowed || rnd.chance(0.5))
              ? {
                  input: valid,
                  mutation: { kind: isValid ? 'valid' : 'best-effort valid', site: '', detail: '' },
                }
              : mutate(valid, rnd, SIZES);
          if (isValid && mutation.kind === 'valid' && allowed) {
            reachedValid = true;
            sweepBase ??= valid;
          }
          const label = `${path} as ${caller}, case ${i} (${mutation.kind}${mutation.site ? ` at ${mutation.site}` : ''}${mutation.detail ? `: ${mutation.detail}` : ''}), input ${printableInput(input)}`;

          await runCase(label, input);
        }
        // The sweep, once per procedure (its first allowed caller): every number of a valid input
        // set to each of SWEEP_NUMBERS, every string given a NUL.
        if (sweepBase !== undefined && !swept) {
          swept = true;
          for (const { site, value } of leavesOf(sweepBase)) {
            const probes: readonly unknown[] =
              typeof value === 'number'
                ? SWEEP_NUMBERS
                : typeof value === 'string'
                  ? [`${value}\u0000`]
                  : [];
            for (const probe of probes) {
              const input = replaceAt(sweepBase, site, probe);
              await runCase(
                `${path} as ${caller}, sweep ${site.join('.')} = ${printableInput(probe)}, input ${printableInput(input)}`,
                input,
              );
            }
          }
        }
        if (serverErrors !== failed) {
          failures.push(
            `${path} as ${caller}: onError saw ${serverErrors} server error(s), the calls ${failed}`,
          );
        }
      }
      if (!reachedValid && schemas.length > 0) {
        // Only malformed inputs reached it: its handler went untested. Teach the dictionary
        // (beforeAll) the format its schema asks for.
        noValidInput.push(path);
        failures.push(`${path}: no input its schema accepts was generated for an allowed caller`);
      }
      timings.push({
        path,
        ms: Date.now() - started,
        slowest: `${slowest.ms} ms ${slowest.label}`,
      });
      const logged = consoleError.mock.calls.slice(errorsBefore);
      for (const args of logged) {
        failures.push(
          `${path}: console.error(${args
            .map((a) => String(a))
            .join(' ')
            .slice(0, 300)})`,
        );
      }
      expect(failures, `seed ${SEED}; repeat with: ${REPEAT} -t '${path}'`).toEqual([]);
    },
    RUNS >= LARGE_RUNS ? 3_600_000 : 300_000,
  );
});
