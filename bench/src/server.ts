/**
 * The server under test, in its own process (so the load generator does not share its event
 * loop): the platform's fastify app from apps/server (tRPC, auth, scope, zod, drizzle) plus, in
 * the same process and on the same database handle, the baselines:
 * - GET /bench/bare/orgs: org.list's SQL (region lookup, page, count) on the raw driver client
 *   (node-postgres pool, or the PGlite instance), no tRPC, no session, no transaction;
 * - GET /bench/blank: a static page with one line of text (the FCP floor).
 * Prints one JSON line {"url": …} when listening; stops on SIGTERM.
 *
 *   tsx src/server.ts --driver postgres|pglite --name province [--pool 10]
 */
import { parseArgs } from 'node:util';
import { PiiCipher } from '@dangjian/db';
import { buildServer } from '@dangjian/server';
import { regionCodeRange } from '@dangjian/domain';
import type { Driver } from './lib/config';
import { openTarget } from './lib/generate';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'postgres' },
    name: { type: 'string', default: 'province' },
    pool: { type: 'string', default: '10' },
  },
});

const handle = await openTarget(values.driver as Driver, values.name, {
  poolSize: Number(values.pool),
});
const app = await buildServer({
  database: handle,
  pii: new PiiCipher(Buffer.alloc(32, 9)),
  logger: false,
});

/** The driver's own client under drizzle: both answer `query(text, params)` with `{ rows }`. */
interface RawClient {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}
const raw = (handle.db as unknown as { $client: RawClient }).$client;

const BARE_REGION_SQL = 'select code, name, level, kind, parent_code from regions where code = $1';
const BARE_ITEMS_SQL = `select o.id, o.name, o.kind, o.category, o.region_code, r.name as region_name,
  o.member_count, p.name as secretary_name, p.phone as secretary_phone, o.term_start, o.term_end
from orgs o
join regions r on r.code = o.region_code
left join people p on p.id = o.secretary_id
where o.region_code between $1 and $2
order by o.region_code, o.id
limit $3 offset $4`;
const BARE_COUNT_SQL = 'select count(*)::int as n from orgs where region_code between $1 and $2';

app.get<{ Querystring: { regionCode: string; page?: string; pageSize?: string } }>(
  '/bench/bare/orgs',
  async (req) => {
    const { regionCode } = req.query;
    const page = Number(req.query.page ?? 1);
    const pageSize = Number(req.query.pageSize ?? 20);
    const { from, to } = regionCodeRange(regionCode);
    const region = await raw.query(BARE_REGION_SQL, [regionCode]);
    if (region.rows.length === 0) throw new RangeError(`unknown region ${regionCode}`);
    const items = await raw.query(BARE_ITEMS_SQL, [from, to, pageSize, (page - 1) * pageSize]);
    const total = await raw.query(BARE_COUNT_SQL, [from, to]);
    return { items: items.rows, total: total.rows[0]?.n ?? 0, page, pageSize };
  },
);

app.get('/bench/blank', (_req, reply) =>
  reply
    .type('text/html; charset=utf-8')
    .send(
      '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>基准</title></head><body><p>基层党建管理平台</p></body></html>',
    ),
);

const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(JSON.stringify({ url, driver: handle.driver }) + '\n');

let closing = false;
async function stop() {
  if (closing) return;
  closing = true;
  await app.close();
  await handle.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
