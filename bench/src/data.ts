/**
 * pnpm bench:data --scale city|province|national [--driver postgres|pglite|both]
 *
 * Generates a scale's data into its own databases: bench_<scale> on the PostgreSQL server
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and an embedded
 * PGlite folder bench/.data/pglite-<scale>. Recreated from scratch on every run; deterministic.
 */
import { parseArgs } from 'node:util';
import { SCALES, writeManifest, type Driver, type Scale } from './lib/config';
import { freshTarget, generate } from './lib/generate';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'city' },
    driver: { type: 'string', default: 'both' },
  },
});
const scale = values.scale as Scale;
if (!SCALES.includes(scale)) {
  console.error(`--scale 应为 ${SCALES.join('、')} 之一，收到「${values.scale}」`);
  process.exit(2);
}
const isDriver = (d: string): d is Driver => d === 'postgres' || d === 'pglite';
const named: string[] = values.driver === 'both' ? ['postgres', 'pglite'] : [values.driver];
const drivers = named.filter(isDriver);
if (drivers.length !== named.length) {
  console.error(`--driver 应为 postgres、pglite 或 both，收到「${values.driver}」`);
  process.exit(2);
}

for (const driver of drivers) {
  const started = performance.now();
  const handle = await freshTarget(driver, scale);
  console.log(`生成 ${scale} 数据 → ${driver} ${handle.location}`);
  try {
    const counts = await generate(handle, { scale, log: (m) => console.log(m) });
    const seconds = (performance.now() - started) / 1000;
    writeManifest({
      scale,
      driver,
      location: handle.location,
      generatedAt: new Date().toISOString(),
      seconds,
      counts,
    });
    console.log(`完成 ${driver}：${JSON.stringify(counts)}；用时 ${seconds.toFixed(1)} 秒`);
  } finally {
    await handle.close();
  }
}
