import autocannon from 'autocannon';
import { SESSION_COOKIE } from '@dangjian/api';
import { trainingSignups, users } from '@dangjian/db/schema';
import { eq, like } from 'drizzle-orm';
import { CITY } from '../lib/config';
import { startServer } from '../lib/child';
import { callerFor } from '../lib/caller';
import { openTarget, TRAINEE_PREFIX } from '../lib/generate';
import { report, type BenchResult, type RunOptions } from '../lib/report';
import { createSessions } from '../lib/sessions';
import { round, summarize } from '../lib/stats';

export interface StormOptions extends RunOptions {
  /** The data set on the PostgreSQL server (bench_<name>). */
  name: string;
  trainees: number;
  seats: number;
  /** Signups sent one at a time (a third class): the per-request cost without contention. */
  sequential: number;
  /** Seconds and connections of the bare list route's load (benchmark 1's baseline). */
  apiSeconds: number;
  connections: number;
}

interface Shot {
  ms: number;
  status: number;
  outcome: string | null;
}

async function shoot(url: string, init: RequestInit): Promise<Shot> {
  const started = performance.now();
  try {
    const res = await fetch(url, { method: 'POST', ...init });
    const body = (await res.json()) as {
      outcome?: string;
      result?: { data?: { json?: { outcome?: string } } };
    };
    return {
      ms: performance.now() - started,
      status: res.status,
      outcome: body.result?.data?.json?.outcome ?? body.outcome ?? null,
    };
  } catch {
    return { ms: performance.now() - started, status: 0, outcome: null };
  }
}

/** training.signup through tRPC, signed in as the trainee. */
function signup(url: string, token: string, classId: number): Promise<Shot> {
  return shoot(`${url}/trpc/training.signup`, {
    headers: {
      'content-type': 'application/json',
      origin: url,
      cookie: `${SESSION_COOKIE}=${token}`,
    },
    body: JSON.stringify({ json: { classId } }),
  });
}

/** The same signup as one hand-written transaction behind the bare route. */
function bareSignup(url: string, userId: number, classId: number): Promise<Shot> {
  return shoot(`${url}/bench/bare/signup`, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ classId, userId }),
  });
}

/** Every shot at once; the wall time and what each was answered. */
async function storm(shots: (() => Promise<Shot>)[]) {
  const started = performance.now();
  const answers = await Promise.all(shots.map((s) => s()));
  const seconds = (performance.now() - started) / 1000;
  const latency = summarize(answers.map((a) => a.ms));
  return {
    throughputPerSecond: round(shots.length / seconds, 0),
    wallSeconds: round(seconds, 2),
    p50: latency.p50,
    p99: latency.p99,
    max: latency.max,
    answeredConfirmed: answers.filter((a) => a.outcome === 'confirmed').length,
    errors: answers.filter((a) => a.status !== 200).length,
  };
}

/** Benchmark 1's bare list route under autocannon, same server, same run. */
async function bareList(url: string, seconds: number, connections: number) {
  const target = `${url}/bench/bare/orgs?regionCode=${CITY}&page=1&pageSize=20`;
  await autocannon({ url: target, duration: Math.max(1, Math.round(seconds / 3)), connections });
  const r = await autocannon({ url: target, duration: seconds, connections });
  return {
    requestsPerSecond: round(r.requests.average, 0),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

/** A date `days` from today in China, as YYYY-MM-DD. */
function dayFromToday(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

type Handle = Awaited<ReturnType<typeof openTarget>>;

/** The classes (storm through tRPC, storm through the bare route, one at a time) and trainees. */
async function prepare(handle: Handle, options: StormOptions) {
  const { api } = await callerFor(handle, 'trainer');
  const stamp = new Date().toISOString();
  const newClass = (name: string) =>
    api.training.createClass({
      name: `基准测试：${name} ${stamp}`,
      trainingKind: 'model_class',
      startDate: dayFromToday(40),
      endDate: dayFromToday(44),
      days: 5,
      venue: '市委党校（基准测试）',
      capacity: options.seats,
      eligibleRoles: ['secretary'],
    });
  const classes = {
    storm: await newClass('报名高峰'),
    bare: await newClass('报名高峰（手写事务）'),
    calm: await newClass('逐个报名'),
  };
  const tokens = await createSessions(handle.db, { prefix: TRAINEE_PREFIX });
  const ids = await handle.db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(like(users.username, `${TRAINEE_PREFIX}%`));
  const trainees = ids
    .flatMap((u) => {
      const token = tokens.get(u.username);
      return token ? [{ userId: u.id, token }] : [];
    })
    .slice(0, options.trainees);
  if (trainees.length < options.trainees)
    throw new RangeError(`only ${trainees.length} trainee accounts: run pnpm bench:data first`);
  return { classes, trainees };
}

/** Confirmed and waitlisted rows of a class, as stored. */
async function stored(handle: Handle, classId: number) {
  const rows = await handle.db
    .select({ status: trainingSignups.status })
    .from(trainingSignups)
    .where(eq(trainingSignups.classId, classId));
  return {
    confirmed: rows.filter((r) => r.status === 'confirmed').length,
    waitlisted: rows.filter((r) => r.status === 'waitlisted').length,
  };
}

/**
 * 4. Signup storm on a real PostgreSQL server: `trainees` distinct trainee accounts, each with
 * its own session, POST training.signup for a `seats`-seat class at the same moment, over HTTP
 * through the full server (separate process). Baselines in the same run, same server: the same
 * trainees storming a second class through the bare route (the signup as one hand-written
 * transaction, same seat protocol); benchmark 1's bare list route under autocannon; the tRPC
 * signup sent one at a time (no contention) for a third class.
 */
export async function signupStorm(options: StormOptions): Promise<BenchResult> {
  const started = performance.now();
  const handle = await openTarget('postgres', options.name);
  const { classes, trainees } = await prepare(handle, options);
  const server = await startServer({ driver: 'postgres', name: options.name });
  try {
    const url = server.url;
    // One at a time first (warms the server too).
    const calmShots: Shot[] = [];
    const c0 = performance.now();
    for (const t of trainees.slice(0, options.sequential))
      calmShots.push(await signup(url, t.token, classes.calm.id));
    const calmSeconds = (performance.now() - c0) / 1000;
    const calmLatency = summarize(calmShots.map((s) => s.ms));
    const list = await bareList(url, options.apiSeconds, options.connections);
    const bare = await storm(trainees.map((t) => () => bareSignup(url, t.userId, classes.bare.id)));
    const trpc = await storm(trainees.map((t) => () => signup(url, t.token, classes.storm.id)));
    const [trpcRows, bareRows] = [
      await stored(handle, classes.storm.id),
      await stored(handle, classes.bare.id),
    ];
    const figures = {
      ...trpc,
      ...trpcRows,
      ratioToBareSignup: round(trpc.throughputPerSecond / Math.max(1, bare.throughputPerSecond), 2),
      ratioToBareList: round(trpc.throughputPerSecond / Math.max(1, list.requestsPerSecond), 2),
    };
    return report(
      {
        name: 'signup-storm',
        title: `4. Signup storm: ${options.trainees} concurrent signups for ${options.seats} seats (postgres, HTTP)`,
        setup: {
          driver: 'postgres',
          data: options.name,
          trainees: options.trainees,
          seats: options.seats,
          serverPool: 10,
        },
        figures,
        baseline: {
          label: `the same storm through a bare route (one hand-written transaction); benchmark 1's bare list route (autocannon, ${options.connections} connections, ${options.apiSeconds} s); the tRPC signup one at a time (${options.sequential} requests)`,
          figures: {
            bareSignup: { ...bare, ...bareRows },
            bareList: list,
            sequential: {
              throughputPerSecond: round(options.sequential / calmSeconds, 0),
              p50: calmLatency.p50,
              p99: calmLatency.p99,
              errors: calmShots.filter((s) => s.status !== 200).length,
            },
          },
        },
        targets: stormTargets(options.seats, figures, { ...bare, ...bareRows }),
        notes: [],
        seconds: (performance.now() - started) / 1000,
      },
      options,
    );
  } finally {
    await server.stop();
    await handle.close();
  }
}

/** The checks (exact seats, no errors, on both paths) and the speed targets. */
function stormTargets(
  seats: number,
  trpc: { confirmed: number; errors: number; p99: number } & Record<string, number>,
  bare: { confirmed: number; errors: number },
) {
  const ratioSignup = trpc.ratioToBareSignup ?? 0;
  const ratioList = trpc.ratioToBareList ?? 0;
  return [
    {
      goal: `confirmed exactly ${seats}`,
      actual: String(trpc.confirmed),
      met: trpc.confirmed === seats,
    },
    { goal: 'errors 0', actual: String(trpc.errors), met: trpc.errors === 0 },
    {
      goal: `bare route: confirmed exactly ${seats}, errors 0`,
      actual: `${bare.confirmed}, ${bare.errors}`,
      met: bare.confirmed === seats && bare.errors === 0,
    },
    {
      goal: '≥ 0.8× the bare signup throughput',
      actual: `${ratioSignup}×`,
      met: ratioSignup >= 0.8,
    },
    { goal: '≥ 0.3× the bare list throughput', actual: `${ratioList}×`, met: ratioList >= 0.3 },
    { goal: 'p99 ≤ 300 ms', actual: `${trpc.p99} ms`, met: trpc.p99 <= 300 },
  ];
}
