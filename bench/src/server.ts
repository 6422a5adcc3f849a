/**
 * The server under test, in its own process (so the load generator does not share its event
 * loop): the platform's fastify app from apps/server (tRPC, auth, scope, zod, drizzle) plus, in
 * the same process and on the same database handle, the baselines:
 * - GET /bench/bare/orgs: org.list's SQL (region lookup, page, count) on the raw driver client
 *   (node-postgres pool, or the PGlite instance), no tRPC, no session, no transaction;
 * - POST /bench/bare/signup {classId, userId} (PostgreSQL only): training.signup as ONE
 *   hand-written transaction on one pooled client (BEGIN, one statement, COMMIT): the same seat
 *   protocol (the class counters taken by one UPDATE, the signup row under the unique key, the
 *   waiting-list place, the audit row), without tRPC, session, scope role, zod or drizzle;
 * - GET /bench/blank: a static page with one line of text (the FCP floor).
 * Prints one JSON line {"url": …} when listening; stops on SIGTERM.
 *
 *   tsx src/server.ts --driver postgres|pglite --name province [--pool 10] [--processes 2]
 */
import { parseArgs } from 'node:util';
import { PiiCipher } from '@dangjian/db';
import { buildServer } from '@dangjian/server';
import { regionCodeRange } from '@dangjian/domain';
import type { Driver } from './lib/config';
import { serveFromProcesses, isClusterWorker } from './lib/cluster';
import { openTarget } from './lib/generate';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'postgres' },
    name: { type: 'string', default: 'province' },
    pool: { type: 'string', default: '10' },
    processes: { type: 'string', default: '1' },
  },
});

await serveFromProcesses(Number(values.processes));

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

/**
 * The signup in one statement: the account and its person, the seat or waiting-list place from
 * the class counters (only while the class has not started), the signup row (a person already
 * signed up conflicts: nothing is inserted), and its audit row.
 */
const BARE_SIGNUP_SQL = `with u as (
  select id, username, role, region_code, person_id from users where id = $2
), pe as (
  select p.id as person_id, p.region_code from people p join u on p.id = u.person_id
), c as (
  update training_classes set
    signup_seq = signup_seq + 1,
    confirmed_count = least(capacity, confirmed_count + 1),
    waitlisted_count = waitlisted_count + 1 - (least(capacity, confirmed_count + 1) - confirmed_count)
  where id = $1 and start_date >= $3::date and exists (select 1 from pe)
  returning signup_seq as seq, waitlisted_count as waitlisted
), ins as (
  insert into training_signups
    (class_id, person_id, region_code, status, seq, signed_up_at, confirmed_at, enrolled_by)
  select $1, pe.person_id, pe.region_code,
    (case when c.waitlisted = 0 then 'confirmed' else 'waitlisted' end)::training_signup_status,
    c.seq, now(), case when c.waitlisted = 0 then now() end, u.id
  from c, pe, u
  on conflict (class_id, person_id) do nothing
  returning person_id, region_code, status, seq
), a as (
  insert into audit_log (at, user_id, username, role, actor_region_code, region_code, procedure,
    target, after)
  select now(), u.id, u.username, u.role, u.region_code, ins.region_code, 'bench.bare.signup',
    'training_signup:' || $1 || ':' || ins.person_id,
    jsonb_build_object('status', ins.status, 'seq', ins.seq)
  from ins, u
)
select ins.status as outcome, ins.seq, case when ins.status = 'waitlisted' then c.waitlisted end as position
from ins, c`;

interface RawPool extends RawClient {
  connect(): Promise<RawClient & { release(): void }>;
}

if (handle.driver === 'postgres') {
  const pool = raw as RawPool;
  app.post<{ Body: { classId: number; userId: number } }>(
    '/bench/bare/signup',
    async (req, reply) => {
      const { classId, userId } = req.body;
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const client = await pool.connect();
      try {
        await client.query('begin');
        const { rows } = await client.query(BARE_SIGNUP_SQL, [classId, userId, today]);
        // Nothing signed up (already signed up, class started, no person): undo the counters.
        await client.query(rows.length === 1 ? 'commit' : 'rollback');
        return rows[0] ?? reply.code(409).send({ outcome: 'none' });
      } catch (e) {
        await client.query('rollback');
        throw e;
      } finally {
        client.release();
      }
    },
  );
}

app.get('/bench/blank', (_req, reply) =>
  reply
    .type('text/html; charset=utf-8')
    .send(
      '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>基准</title></head><body><p>基层党建管理平台</p></body></html>',
    ),
);

// The storm opens 2,000 connections at once: with Node's default listen backlog (511) the kernel's
// accept queue overflowed while the process was busy, and some were reset (ECONNRESET, counted as
// errors) before the server ever saw them.
const url = await app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
if (!isClusterWorker) process.stdout.write(JSON.stringify({ url, driver: handle.driver }) + '\n');

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
