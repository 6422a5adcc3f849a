/**
 * CI smoke of every benchmark (not timed): a small data set (常德市, 200 trainees) on PGlite and,
 * when a PostgreSQL server is there (TEST_DATABASE_URL), on the server too (in CI it must be:
 * requirePostgres fails the run without one); each benchmark runs briefly and must give
 * structurally right answers and write its result file.
 */
import { existsSync, rmSync } from 'node:fs';
import { requirePostgres } from '@dangjian/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgDatabaseName, pgliteDir, type Driver } from './lib/config';
import { freshTarget, generate } from './lib/generate';
import { resultPath, type BenchResult } from './lib/report';
import { APPS } from './benchmarks/frontends';
import { smokeConfig, runSuite } from './suite';
import { defined } from '@dangjian/db';

const SERVER = requirePostgres('the benchmarks on the PostgreSQL server and the signup storm');
if (SERVER) {
  const url = new URL(SERVER);
  url.pathname = '/postgres';
  process.env.BENCH_DATABASE_URL ??= url.toString();
}
const NAME = `smoke_${process.pid}`;
const drivers: Driver[] = SERVER ? ['postgres', 'pglite'] : ['pglite'];

describe('benchmarks (small-scale smoke, not timed)', () => {
  let results: BenchResult[] = [];
  const byName = (name: string) => results.find((r) => r.name === name);

  beforeAll(async () => {
    for (const driver of drivers) {
      const handle = await freshTarget(driver, NAME);
      try {
        await generate(handle, { scale: 'city', trainees: 200 });
      } finally {
        await handle.close();
      }
    }
    const names = Object.fromEntries(drivers.map((d) => [d, NAME]));
    results = await runSuite(smokeConfig(names, { smoke: true, log: () => {} }));
  }, 600_000);

  afterAll(async () => {
    rmSync(pgliteDir(NAME), { recursive: true, force: true });
    if (SERVER) {
      const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${pgDatabaseName(NAME)}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it('every benchmark writes its result file (the smoke writes *.tmp.json, which git ignores)', () => {
    const expected = [
      ...drivers.flatMap((d) => [
        `api-overhead-${d}`,
        `rollup-${d}`,
        `pay-run-province-${d}`,
        `import-${d}`,
      ]),
      ...(SERVER ? ['signup-storm'] : []),
      'frontends',
    ];
    expect(results.map((r) => r.name).sort()).toEqual(expected.sort());
    for (const r of results) expect(existsSync(resultPath(r.name, true))).toBe(true);
  });

  it('the tRPC list query and the bare route both answer every request without an error', () => {
    for (const d of drivers) {
      const r = defined(byName(`api-overhead-${d}`));
      expect(r.figures.requests).toBeGreaterThan(0);
      expect(r.figures.errors).toBe(0);
      expect(r.figures.non2xx).toBe(0);
      expect(r.baseline.figures.non2xx).toBe(0);
    }
  });

  it('roll-ups ran at city, county and township level through the API and as plain SQL', () => {
    for (const d of drivers) {
      const r = defined(byName(`rollup-${d}`));
      expect(Object.keys(r.figures.byLevel as object)).toEqual(['city', 'county', 'township']);
      expect(r.setup.calls).toBe(9);
    }
  });

  it('the pay run pays every village secretary of every graded township, and the baseline commits', () => {
    for (const d of drivers) {
      const r = defined(byName(`pay-run-province-${d}`));
      const f = r.figures as {
        townships: number;
        secretaries: number;
        skippedUngraded: number;
        totalFen: number;
      };
      expect(f.townships).toBeGreaterThan(100);
      // village secretaries paid by grade (常德's communities are outside the scheme)
      expect(f.secretaries).toBeGreaterThan(1000);
      expect(f.skippedUngraded).toBe(0);
      expect(f.totalFen).toBeGreaterThan(0);
      expect((r.baseline.figures as { failed: number }).failed).toBe(0);
    }
  });

  it.runIf(SERVER)(
    'the signup storm confirms exactly the seats, waitlists the rest, with no errors, through tRPC and through the bare hand-written transaction',
    () => {
      const r = defined(byName('signup-storm'));
      expect(r.figures.confirmed).toBe(20);
      expect(r.figures.waitlisted).toBe(180);
      expect(r.figures.answeredConfirmed).toBe(20);
      expect(r.figures.errors).toBe(0);
      const base = r.baseline.figures as {
        bareSignup: {
          confirmed: number;
          waitlisted: number;
          answeredConfirmed: number;
          errors: number;
        };
        bareList: { requestsPerSecond: number; errors: number };
      };
      expect(base.bareSignup).toMatchObject({
        confirmed: 20,
        waitlisted: 180,
        answeredConfirmed: 20,
        errors: 0,
      });
      expect(base.bareList.requestsPerSecond).toBeGreaterThan(0);
      expect(base.bareList.errors).toBe(0);
    },
  );

  it('the grading import writes every row of the sheet', () => {
    for (const d of drivers) expect(defined(byName(`import-${d}`)).figures.written).toBe(300);
  });

  it('the front-end benchmark loaded the baseline page and every built app to its sign-in form, with sensible figures', () => {
    const r = byName('frontends');
    expect(r).toBeDefined();
    const loads = r?.setup.loads as number;
    expect(loads).toBeGreaterThanOrEqual(1);
    // The baseline page showed its line of text on every load and has a real paint time.
    const baseline = r?.baseline.figures as { fcpMs: number; rendered: number };
    expect(baseline.rendered).toBe(loads);
    expect(Number.isFinite(baseline.fcpMs) && baseline.fcpMs > 0).toBe(true);
    // The apps built when it ran (turbo builds them for their own browser tests, maybe not yet).
    const apps = (r?.setup.apps ?? []) as string[];
    expect(APPS).toEqual(expect.arrayContaining(apps));
    const figures = (r?.figures ?? {}) as Record<
      string,
      {
        initialJsKiB: number;
        initialGzipKiB: number;
        chunks: number;
        fcpMs: number;
        fcpP95Ms: number;
        signInShown: number;
      }
    >;
    expect(Object.keys(figures).sort()).toEqual([...apps].sort());
    for (const [app, f] of Object.entries(figures)) {
      // Each load painted the app's own screen (its sign-in form), not an error page.
      expect(f.signInShown, app).toBe(loads);
      // Sizes: some JavaScript, compressed smaller than it is.
      expect(f.chunks, app).toBeGreaterThanOrEqual(1);
      expect(f.initialGzipKiB, app).toBeGreaterThan(0);
      expect(f.initialGzipKiB, app).toBeLessThan(f.initialJsKiB);
      // Paint times: real, positive numbers, the 95th percentile never below the median.
      expect(Number.isFinite(f.fcpMs) && f.fcpMs > 0, app).toBe(true);
      expect(f.fcpP95Ms, app).toBeGreaterThanOrEqual(f.fcpMs);
    }
  });
});
