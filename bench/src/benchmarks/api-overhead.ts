import autocannon from 'autocannon';
import { SESSION_COOKIE } from '@dangjian/api';
import { CITY, type Driver } from '../lib/config';
import { startServer } from '../lib/child';
import { openTarget } from '../lib/generate';
import { report, type BenchResult, type RunOptions } from '../lib/report';
import { createSessions } from '../lib/sessions';
import { round } from '../lib/stats';

export interface ApiOverheadOptions extends RunOptions {
  driver: Driver;
  /** The data set (bench_<name> / pglite-<name>). */
  name: string;
  /** Seconds per measured phase (after a warm-up of a third of it). */
  seconds: number;
  connections: number;
}

type Phase = {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
};

async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
): Promise<Phase> {
  const r = await autocannon({ url, headers, duration: seconds, connections });
  return {
    requestsPerSecond: round(r.requests.average, 0),
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/**
 * 1. API overhead: a scoped tRPC list query (org.list of 常德市, page 1 of 20, as city_admin)
 * through fastify, the session check, the permission table, the region scope (transaction, RLS
 * role), zod and drizzle; against a bare fastify route in the same process running the same SQL
 * on the raw driver. Both with autocannon, same connections and duration, one after the other.
 */
export async function apiOverhead(options: ApiOverheadOptions): Promise<BenchResult> {
  const started = performance.now();
  const handle = await openTarget(options.driver, options.name);
  const tokens = await createSessions(handle.db, { usernames: ['city_admin'] });
  await handle.close();
  const token = tokens.get('city_admin');
  if (!token) throw new RangeError('city_admin is missing: run pnpm bench:data first');
  const headers = { cookie: `${SESSION_COOKIE}=${token}` };
  const one = await measure(options, headers, 1);
  // Two server processes on one port (the platform's WEB_CONCURRENCY=2): PostgreSQL only, PGlite
  // opens in one process.
  const two = options.driver === 'postgres' ? await measure(options, headers, 2) : null;
  const { trpc, bare, total } = one;
  const ratio = round(trpc.requestsPerSecond / Math.max(1, bare.requestsPerSecond), 2);
  const failures = [one, ...(two ? [two] : [])].reduce(
    (n, m) => n + m.trpc.errors + m.trpc.non2xx + m.bare.errors + m.bare.non2xx,
    0,
  );
  return report(
    {
      name: `api-overhead-${options.driver}`,
      title: `1. API overhead: tRPC org.list vs bare fastify + ${options.driver === 'postgres' ? 'pg' : 'PGlite'} (${options.driver})`,
      setup: {
        driver: options.driver,
        data: options.name,
        rows: total,
        query: 'org.list 常德市 page 1 × 20',
        connections: options.connections,
        seconds: options.seconds,
      },
      figures: {
        ...trpc,
        ratioToBare: ratio,
        ...(two
          ? {
              twoProcesses: {
                requestsPerSecond: two.trpc.requestsPerSecond,
                p99: two.trpc.p99,
                bareRequestsPerSecond: two.bare.requestsPerSecond,
                ratioToBare: round(
                  two.trpc.requestsPerSecond / Math.max(1, two.bare.requestsPerSecond),
                  2,
                ),
                speedupOverOne: round(
                  two.trpc.requestsPerSecond / Math.max(1, trpc.requestsPerSecond),
                  2,
                ),
              },
            }
          : {}),
      },
      baseline: { label: 'bare fastify route, same SQL, raw driver', figures: bare },
      targets: [
        {
          goal: 'tRPC ≥ 0.8× bare throughput',
          actual: `${ratio}×`,
          met: ratio >= 0.8,
        },
        {
          goal: 'no errors',
          actual: `${failures}`,
          met: failures === 0,
        },
      ],
      notes: [],
      seconds: (performance.now() - started) / 1000,
    },
    options,
  );
}

/** Both routes on a server of `processes` processes: tRPC then bare, each warmed up first. */
async function measure(
  options: ApiOverheadOptions,
  headers: Record<string, string>,
  processes: number,
): Promise<{ trpc: Phase; bare: Phase; total: number }> {
  const server = await startServer({ driver: options.driver, name: options.name, processes });
  try {
    const input = { regionCode: CITY, page: 1, pageSize: 20 };
    const trpcUrl = `${server.url}/trpc/org.list?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    const bareUrl = `${server.url}/bench/bare/orgs?regionCode=${CITY}&page=1&pageSize=20`;
    // Check both answer the same rows before timing anything.
    const [a, b] = await Promise.all([
      fetch(trpcUrl, { headers }).then(
        (r) => r.json() as Promise<{ result: { data: { json: { total: number } } } }>,
      ),
      fetch(bareUrl).then((r) => r.json() as Promise<{ total: number }>),
    ]);
    if (a.result.data.json.total !== b.total)
      throw new RangeError(`tRPC total ${a.result.data.json.total} ≠ bare total ${b.total}`);
    const warm = Math.max(1, Math.round(options.seconds / 3));
    await load(trpcUrl, headers, warm, options.connections);
    const trpc = await load(trpcUrl, headers, options.seconds, options.connections);
    await load(bareUrl, {}, warm, options.connections);
    const bare = await load(bareUrl, {}, options.seconds, options.connections);
    return { trpc, bare, total: b.total };
  } finally {
    await server.stop();
  }
}
