import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR, WORKSPACE_DIR } from './lib/config';
import type { BenchResult } from './lib/report';
import { defined } from '@dangjian/db';

const START = '<!-- bench:results:start (written by pnpm bench) -->';
const END = '<!-- bench:results:end -->';

const ORDER = ['api-overhead', 'rollup', 'pay-run', 'signup-storm', 'import', 'frontends'];

function fmt(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number')
    return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k} ${typeof v === 'object' && v !== null ? `{${fmt(v)}}` : fmt(v)}`)
      .join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The latest results (bench/results/*.json, not the smoke's *.tmp.json) as a Markdown table. */
export function resultsTable(): string {
  if (!existsSync(RESULTS_DIR)) return '_No results yet: run `pnpm bench`._';
  const results = readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.tmp.json'))
    .map((f) => JSON.parse(readFileSync(path.join(RESULTS_DIR, f), 'utf8')) as BenchResult)
    .sort(
      (a, b) =>
        ORDER.findIndex((o) => a.name.startsWith(o)) -
          ORDER.findIndex((o) => b.name.startsWith(o)) || a.name.localeCompare(b.name),
    );
  if (results.length === 0) return '_No results yet: run `pnpm bench`._';
  const m = defined(results[0]).machine;
  const dates = results.map((r) => r.at.slice(0, 10)).sort();
  const lines = [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}. ` +
      `Run: ${dates[0]}${dates.at(-1) !== dates[0] ? ` – ${dates.at(-1)}` : ''}.`,
    '',
    '| benchmark | setup | result | same-run baseline | targets |',
    '|---|---|---|---|---|',
  ];
  for (const r of results) {
    const targets = r.targets
      .map((t) => `${t.met === null ? '' : t.met ? '✅' : '❌'} ${t.goal}: ${t.actual}`)
      .join('<br>');
    lines.push(
      `| ${r.title} (\`${r.name}.json\`) | ${fmt(r.setup)} | ${fmt(r.figures)} | ${r.baseline.label}: ${fmt(r.baseline.figures)} | ${targets} |`,
    );
  }
  return lines.join('\n');
}

/** Rewrites the generated part of BENCHMARKS.md (between the markers), keeping the rest. */
export function writeBenchmarksMarkdown(minutes: number, only?: readonly string[]): void {
  const file = path.join(WORKSPACE_DIR, 'BENCHMARKS.md');
  const table = `${START}\n\n${resultsTable()}\n\nLast \`pnpm bench${only ? ` --only ${only.join(',')}` : ''}\`: ${minutes.toFixed(1)} minutes${only ? '' : ' (all benchmarks)'}.\n\n${END}`;
  if (!existsSync(file)) {
    writeFileSync(file, `# Benchmarks\n\n${table}\n`);
    return;
  }
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  writeFileSync(
    file,
    start >= 0 && end > start
      ? text.slice(0, start) + table + text.slice(end + END.length)
      : `${text.trimEnd()}\n\n${table}\n`,
  );
}
