import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESULTS_DIR } from './config';

/** One target of the issue and whether this run met it (null: not measured here). */
export interface Target {
  goal: string;
  actual: string;
  met: boolean | null;
}

export interface BenchResult {
  name: string;
  title: string;
  /** What was measured and on which data (scale, driver). */
  setup: Record<string, unknown>;
  figures: Record<string, unknown>;
  baseline: { label: string; figures: Record<string, unknown> };
  targets: Target[];
  notes: string[];
  machine: Machine;
  at: string;
  seconds: number;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
}

export function machine(): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

export interface RunOptions {
  /** Smoke runs (CI) write results/<name>.tmp.json, which git ignores. */
  smoke: boolean;
  log: (message: string) => void;
}

export function resultPath(name: string, smoke: boolean): string {
  return path.join(RESULTS_DIR, smoke ? `${name}.tmp.json` : `${name}.json`);
}

/** Writes the result file and prints the figures next to the baseline's. */
export function report(
  result: Omit<BenchResult, 'machine' | 'at'>,
  options: RunOptions,
): BenchResult {
  const full: BenchResult = { ...result, machine: machine(), at: new Date().toISOString() };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(resultPath(result.name, options.smoke), JSON.stringify(full, null, 2) + '\n');
  const log = options.log;
  log(`\n== ${result.title} (${result.seconds.toFixed(1)} s)`);
  log(`   setup:    ${JSON.stringify(result.setup)}`);
  log(`   figures:  ${JSON.stringify(result.figures)}`);
  log(`   baseline: ${result.baseline.label}: ${JSON.stringify(result.baseline.figures)}`);
  for (const t of result.targets)
    log(`   target:   ${t.goal} → ${t.actual} ${t.met === null ? '' : t.met ? 'MET' : 'MISSED'}`);
  for (const n of result.notes) log(`   note:     ${n}`);
  return full;
}
