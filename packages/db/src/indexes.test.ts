import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client';
import { createTestDatabase, TEST_DRIVERS } from './testing';

/** Rows of a raw query, on PGlite and node-postgres alike. */
async function rows<T extends Record<string, unknown>>(
  handle: DatabaseHandle,
  query: ReturnType<typeof sql>,
): Promise<T[]> {
  const result = await handle.db.execute<T>(query);
  return (result as { rows: T[] }).rows;
}

const FOREIGN_KEY_INDEXES = [
  ['pay_run_lines', 'pay_run_lines_org_id_idx', 'org_id'],
  ['pay_run_lines', 'pay_run_lines_secretary_id_idx', 'secretary_id'],
  ['fund_records', 'fund_records_org_id_idx', 'org_id'],
  ['fund_records', 'fund_records_person_id_idx', 'person_id'],
  ['poverty_assessments', 'poverty_assessments_team_id_idx', 'team_id'],
] as const;

/** Every column searched with ILIKE '%…%' in packages/api. */
const TRIGRAM_INDEXES = [
  ['regions', 'regions_name_trgm_idx', 'name'],
  ['orgs', 'orgs_name_trgm_idx', 'name'],
  ['people', 'people_name_trgm_idx', 'name'],
  ['people', 'people_phone_trgm_idx', 'phone'],
  ['users', 'users_username_trgm_idx', 'username'],
  ['users', 'users_display_name_trgm_idx', 'display_name'],
  ['member_candidates', 'member_candidates_name_trgm_idx', 'name'],
  ['enterprises', 'enterprises_name_trgm_idx', 'name'],
] as const;

describe.each(TEST_DRIVERS)('indexes on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await handle.close();
  });

  async function indexDef(table: string, name: string): Promise<string | undefined> {
    const [row] = await rows<{ indexdef: string }>(
      handle,
      sql`select indexdef from pg_indexes where schemaname = 'public' and tablename = ${table} and indexname = ${name}`,
    );
    return row?.indexdef;
  }

  it.each(FOREIGN_KEY_INDEXES)('%s has %s on the foreign key %s', async (table, name, column) => {
    expect(await indexDef(table, name)).toMatch(new RegExp(`USING btree \\(${column}\\)$`));
  });

  it.each(TRIGRAM_INDEXES)(
    '%s has the trigram index %s on %s for substring search',
    async (table, name, column) => {
      expect(await indexDef(table, name)).toMatch(
        new RegExp(`USING gin \\(${column} gin_trgm_ops\\)$`),
      );
    },
  );

  it('a name search (ILIKE %…%) can be answered from the trigram index', async () => {
    const plan = await handle.db.transaction(async (tx) => {
      // Empty tables: tell the planner to prefer any index it can use.
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = await tx.execute(
        sql`explain select id from orgs where name ilike ${'%启明街道%'}`,
      );
      return (result as { rows: Record<string, string>[] }).rows
        .map((r) => Object.values(r).join(''))
        .join('\n');
    });
    expect(plan).toContain('orgs_name_trgm_idx');
  });
});
