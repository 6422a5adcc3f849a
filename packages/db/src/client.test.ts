/**
 * Overlapping queries in one transaction (a handler's Promise.all) run one after another in
 * order, on the real server without node-postgres's deprecated internal queue.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueQueries, type DatabaseHandle } from './client';
import { createTestDatabase, requirePostgres } from './testing';

const numbers = (result: unknown) => (result as { rows: { n: number }[] }).rows.map((r) => r.n);

const SERVER = requirePostgres('queries on one connection (node-postgres client queue)');

describe.runIf(SERVER)('queries on one connection', () => {
  let handle: DatabaseHandle;
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  beforeAll(async () => {
    handle = await createTestDatabase('postgres');
    process.on('warning', onWarning);
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await handle.close();
  });

  it('started together in a transaction, they all answer, in order, and a failed one fails alone', async () => {
    const results = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table queued_order (n int) on commit drop`);
      return Promise.all(
        [1, 2, 3, 4, 5].map((n) =>
          tx.execute(sql`insert into queued_order values (${n}) returning n`),
        ),
      ).then(async (inserted) => ({
        inserted: inserted.flatMap(numbers),
        order: numbers(await tx.execute(sql`select n from queued_order order by ctid`)),
      }));
    });
    expect(results).toEqual({ inserted: [1, 2, 3, 4, 5], order: [1, 2, 3, 4, 5] });

    // A failing query does not hold up the ones queued behind it on the same connection.
    const client = new pg.Client({ connectionString: SERVER });
    await client.connect();
    try {
      queueQueries(client);
      const [failed, fine] = await Promise.allSettled([
        client.query('select 1 / 0'),
        client.query('select 42 as n'),
      ]);
      expect(failed.status).toBe('rejected');
      expect(fine.status === 'fulfilled' ? numbers(fine.value) : null).toEqual([42]);
    } finally {
      await client.end();
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => w.includes('already executing a query'))).toEqual([]);
  });
});
