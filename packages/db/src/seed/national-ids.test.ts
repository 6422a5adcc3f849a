import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { rowsOf } from '../rows';
import { createTestDatabase, TEST_DRIVERS } from '../testing';
import { seed } from './index';

/**
 * The demo seed's SQL arithmetic on ids (deterministic "random" choices such as
 * `(id * 7919 + n * 104729) % 31`) must not overflow int4 at national id ranges: all of China
 * holds ≈ 700,000 organisations, and the CI smoke seeds one city whose ids stay small. Here the
 * sequences start far beyond the country's size, so every such expression meets large ids.
 */
describe.each(TEST_DRIVERS)('seed at national id ranges on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    const sequences = await rowsOf<{ name: string }>(
      handle.db,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'S' and n.nspname = 'public'`,
    );
    for (const { name } of sequences) {
      await handle.db.execute(sql`select setval(${name}::regclass, 400000000)`);
    }
  });
  afterAll(async () => {
    await handle.close();
  });

  it('seeds a county whose organisation and people ids exceed 400 million without integer overflow', async () => {
    const result = await seed(handle.db, { prefix: '430702', demo: true });
    expect(result.orgs).toBeGreaterThan(0);
    const [row] = await rowsOf<{ min_org: number; meetings: number }>(
      handle.db,
      sql`select min(id)::int as min_org, (select count(*)::int from org_meetings) as meetings from orgs`,
    );
    expect(row?.min_org).toBeGreaterThan(400_000_000);
    expect(row?.meetings).toBeGreaterThan(0);
  });
});
