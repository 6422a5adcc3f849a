import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The benchmark package's folder (bench/). */
export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WORKSPACE_DIR = path.resolve(BENCH_DIR, '..');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');
/** Generated embedded databases (gitignored). */
export const DATA_DIR = path.join(BENCH_DIR, '.data');

export const SCALES = ['city', 'province', 'national'] as const;
export type Scale = (typeof SCALES)[number];
export type Driver = 'postgres' | 'pglite';

/** The region each scale loads: 常德市, 湖南省, every province of the country. */
export const SCALE_PREFIX: Record<Scale, string> = { city: '4307', province: '43', national: '' };

/** The province and the city the benchmarks act in (inside every scale). */
export const PROVINCE = '430000000000';
export const CITY = '430700000000';

/**
 * The PostgreSQL server: BENCH_DATABASE_URL names its maintenance database (the bench creates
 * its own databases beside it and never touches others, e.g. `test`).
 */
export function adminUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The database a scale's data lives in: bench_<scale> on the server (or a name given). */
export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export function pgDatabaseName(scale: string): string {
  return `bench_${scale}`;
}

export function pgliteDir(scale: string): string {
  return path.join(DATA_DIR, `pglite-${scale}`);
}

/** Where a target's data lives, as recorded by the generator (so a run knows what exists). */
export interface DataManifest {
  scale: Scale;
  driver: Driver;
  location: string;
  generatedAt: string;
  seconds: number;
  counts: Record<string, number>;
}

function manifestPath(scale: string, driver: Driver): string {
  return path.join(DATA_DIR, `manifest-${scale}-${driver}.json`);
}

export function writeManifest(m: DataManifest, name = m.scale as string): void {
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(manifestPath(name, m.driver), JSON.stringify(m, null, 2));
}

export function readManifest(scale: string, driver: Driver): DataManifest | null {
  const file = manifestPath(scale, driver);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DataManifest) : null;
}
