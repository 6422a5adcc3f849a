/**
 * pnpm bench [--only api,rollup,pay,storm,import,frontends]
 *
 * Runs the benchmarks on the data sets `pnpm bench:data` generated (national if present, else
 * province, else city), writes bench/results/<name>.json and rewrites the table in BENCHMARKS.md.
 */
import { parseArgs } from 'node:util';
import { writeBenchmarksMarkdown } from './markdown';
import { defaultConfig, runSuite } from './suite';

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const started = performance.now();
const config = defaultConfig({
  smoke: false,
  log: (m) => console.log(m),
  ...(values.only ? { only: values.only.split(',') } : {}),
});
if (!config.data.province.postgres && !config.data.province.pglite) {
  console.error('没有基准数据：先运行 pnpm bench:data --scale province（或 city）');
  process.exit(2);
}
console.log(`数据：${JSON.stringify(config.data)}`);
const results = await runSuite(config);
const minutes = (performance.now() - started) / 60_000;
writeBenchmarksMarkdown(minutes, config.only);
console.log(
  `\n${results.length} 项基准完成，用时 ${minutes.toFixed(1)} 分钟；结果见 bench/results/ 与 BENCHMARKS.md`,
);
