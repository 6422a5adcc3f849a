import { CITY, PROVINCE, readManifest, type Driver } from './lib/config';
import { apiOverhead } from './benchmarks/api-overhead';
import { frontends } from './benchmarks/frontends';
import { gradingImport } from './benchmarks/import';
import { payRun } from './benchmarks/pay-run';
import { rollup } from './benchmarks/rollup';
import { signupStorm } from './benchmarks/signup-storm';
import type { BenchResult, RunOptions } from './lib/report';

/** Which data set each benchmark runs on, per driver (null: not run), and how long. */
export interface SuiteConfig extends RunOptions {
  /** Data set names (bench_<name> / pglite-<name>) by role. */
  data: {
    /** API overhead, province pay run, import, storm. */
    province: Partial<Record<Driver, string>>;
    /** Roll-ups and the national pay run (national scale when generated). */
    largest: Partial<Record<Driver, string>>;
    /** Whether `largest` holds the whole country (then the national pay run runs on it). */
    largestIsNational: Partial<Record<Driver, boolean>>;
  };
  /** The region the "province" pay run covers (湖南省; the smoke uses 常德市). */
  payRegion: string;
  apiSeconds: number;
  connections: number;
  rollupRegions: number;
  rollupRepeats: number;
  payBaselineTownships: number;
  stormTrainees: number;
  stormSeats: number;
  stormSequential: number;
  importRows: number;
  frontendLoads: number;
  buildFrontends: boolean;
  only?: readonly string[];
}

/** What `pnpm bench` runs: the generated data sets found on this machine, full durations. */
export function defaultConfig(options: RunOptions & { only?: string[] }): SuiteConfig {
  const has = (scale: string, d: Driver) => readManifest(scale, d) !== null;
  const pick = (d: Driver) =>
    has('national', d) ? 'national' : has('province', d) ? 'province' : undefined;
  const province = (d: Driver) =>
    has('province', d) ? 'province' : has('city', d) ? 'city' : undefined;
  const drivers: Driver[] = ['postgres', 'pglite'];
  return {
    ...options,
    data: {
      province: Object.fromEntries(drivers.flatMap((d) => (province(d) ? [[d, province(d)]] : []))),
      largest: Object.fromEntries(drivers.flatMap((d) => (pick(d) ? [[d, pick(d)]] : []))),
      largestIsNational: Object.fromEntries(drivers.map((d) => [d, has('national', d)])),
    },
    payRegion: PROVINCE,
    apiSeconds: 10,
    connections: 10,
    rollupRegions: 4,
    rollupRepeats: 2,
    payBaselineTownships: 20,
    stormTrainees: 2000,
    stormSeats: 100,
    stormSequential: 100,
    importRows: 30_000,
    frontendLoads: 5,
    buildFrontends: true,
  };
}

/** The smoke configuration: tiny, untimed, on one small data set per driver. */
export function smokeConfig(
  names: Partial<Record<Driver, string>>,
  options: RunOptions,
): SuiteConfig {
  return {
    ...options,
    data: { province: names, largest: names, largestIsNational: {} },
    payRegion: CITY,
    apiSeconds: 1,
    connections: 4,
    rollupRegions: 1,
    rollupRepeats: 1,
    payBaselineTownships: 2,
    stormTrainees: 200,
    stormSeats: 20,
    stormSequential: 5,
    importRows: 300,
    frontendLoads: 1,
    buildFrontends: false,
  };
}

/** Runs benchmarks 1–6 (7 is the comparison of 1–3 across drivers); returns every result. */
export async function runSuite(config: SuiteConfig): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const wanted = (name: string) => !config.only || config.only.includes(name);
  const drivers = ['postgres', 'pglite'] as const;
  for (const driver of drivers) {
    const province = config.data.province[driver];
    if (!province || !wanted('api')) continue;
    results.push(
      await apiOverhead({
        ...config,
        driver,
        name: province,
        seconds: config.apiSeconds,
        connections: config.connections,
      }),
    );
  }
  for (const driver of drivers) {
    const largest = config.data.largest[driver];
    if (!largest || !wanted('rollup')) continue;
    results.push(
      await rollup({
        ...config,
        driver,
        name: largest,
        regions: config.rollupRegions,
        repeats: config.rollupRepeats,
      }),
    );
  }
  for (const driver of drivers) {
    if (!wanted('pay')) continue;
    const province = config.data.province[driver];
    if (province)
      results.push(
        await payRun({
          ...config,
          driver,
          name: province,
          regionCode: config.payRegion,
          label: 'province',
          sampleTownships: config.payBaselineTownships,
        }),
      );
    const largest = config.data.largest[driver];
    if (largest && config.data.largestIsNational[driver])
      results.push(
        await payRun({
          ...config,
          driver,
          name: largest,
          regionCode: null,
          label: 'national',
          sampleTownships: config.payBaselineTownships,
        }),
      );
  }
  const pgProvince = config.data.province.postgres;
  if (pgProvince && wanted('storm')) {
    results.push(
      await signupStorm({
        ...config,
        name: pgProvince,
        trainees: config.stormTrainees,
        seats: config.stormSeats,
        sequential: config.stormSequential,
      }),
    );
  }
  for (const driver of drivers) {
    const province = config.data.province[driver];
    if (!province || !wanted('import')) continue;
    results.push(
      await gradingImport({ ...config, driver, name: province, rows: config.importRows }),
    );
  }
  const anyDriver = config.data.province.postgres ? 'postgres' : 'pglite';
  const anyData = config.data.province[anyDriver];
  if (anyData && wanted('frontends')) {
    results.push(
      await frontends({
        ...config,
        driver: anyDriver,
        name: anyData,
        loads: config.frontendLoads,
        build: config.buildFrontends,
      }),
    );
  }
  return results;
}
