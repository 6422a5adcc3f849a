import { SESSION_COOKIE } from '@dangjian/api';
import { trainingSignups } from '@dangjian/db/schema';
import { eq } from 'drizzle-orm';
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
  /** Signups sent one at a time for the baseline (a second class). */
  sequential: number;
}

interface Shot {
  ms: number;
  status: number;
  outcome: string | null;
}

async function signup(url: string, origin: string, token: string, classId: number): Promise<Shot> {
  const started = performance.now();
  try {
    const res = await fetch(`${url}/trpc/training.signup`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin,
        cookie: `${SESSION_COOKIE}=${token}`,
      },
      body: JSON.stringify({ json: { classId } }),
    });
    const body = (await res.json()) as { result?: { data?: { json?: { outcome?: string } } } };
    return {
      ms: performance.now() - started,
      status: res.status,
      outcome: body.result?.data?.json?.outcome ?? null,
    };
  } catch {
    return { ms: performance.now() - started, status: 0, outcome: null };
  }
}

/** A date `days` from today in China, as YYYY-MM-DD. */
function dayFromToday(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * 4. Signup storm on a real PostgreSQL server: `trainees` distinct trainee accounts, each with
 * its own session, POST training.signup for a `seats`-seat class at the same moment, over HTTP
 * through the full server (separate process). Baseline: the same request sent one at a time
 * (no contention) for a second class.
 */
export async function signupStorm(options: StormOptions): Promise<BenchResult> {
  const started = performance.now();
  const handle = await openTarget('postgres', options.name);
  const { api } = await callerFor(handle, 'trainer');
  const newClass = (name: string, capacity: number) =>
    api.training.createClass({
      name,
      trainingKind: 'model_class',
      startDate: dayFromToday(40),
      endDate: dayFromToday(44),
      days: 5,
      venue: '市委党校（基准测试）',
      capacity,
      eligibleRoles: ['secretary'],
    });
  const storm = await newClass(`基准测试：报名高峰 ${new Date().toISOString()}`, options.seats);
  const calm = await newClass(`基准测试：逐个报名 ${new Date().toISOString()}`, options.seats);
  const tokens = [...(await createSessions(handle.db, { prefix: TRAINEE_PREFIX })).values()].slice(
    0,
    options.trainees,
  );
  if (tokens.length < options.trainees)
    throw new RangeError(`only ${tokens.length} trainee accounts: run pnpm bench:data first`);
  const server = await startServer({ driver: 'postgres', name: options.name });
  try {
    const origin = server.url;
    // Baseline first (warms the server too): one at a time.
    const calmShots: Shot[] = [];
    const c0 = performance.now();
    for (const token of tokens.slice(0, options.sequential)) {
      calmShots.push(await signup(server.url, origin, token, calm.id));
    }
    const calmSeconds = (performance.now() - c0) / 1000;
    // The storm: every trainee at once.
    const s0 = performance.now();
    const shots = await Promise.all(tokens.map((t) => signup(server.url, origin, t, storm.id)));
    const stormSeconds = (performance.now() - s0) / 1000;
    const rows = await handle.db
      .select({ status: trainingSignups.status })
      .from(trainingSignups)
      .where(eq(trainingSignups.classId, storm.id));
    const confirmed = rows.filter((r) => r.status === 'confirmed').length;
    const waitlisted = rows.filter((r) => r.status === 'waitlisted').length;
    const errors = shots.filter((s) => s.status !== 200).length;
    const latency = summarize(shots.map((s) => s.ms));
    const calmLatency = summarize(calmShots.map((s) => s.ms));
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
        figures: {
          throughputPerSecond: round(options.trainees / stormSeconds, 0),
          wallSeconds: round(stormSeconds, 2),
          p50: latency.p50,
          p99: latency.p99,
          max: latency.max,
          confirmed,
          waitlisted,
          answeredConfirmed: shots.filter((s) => s.outcome === 'confirmed').length,
          errors,
        },
        baseline: {
          label: `the same signup sent one at a time (${options.sequential} requests, no contention)`,
          figures: {
            throughputPerSecond: round(options.sequential / calmSeconds, 0),
            p50: calmLatency.p50,
            p99: calmLatency.p99,
            errors: calmShots.filter((s) => s.status !== 200).length,
          },
        },
        targets: [
          {
            goal: `confirmed exactly ${options.seats}`,
            actual: String(confirmed),
            met: confirmed === options.seats,
          },
          { goal: 'errors 0', actual: String(errors), met: errors === 0 },
          { goal: 'p99 ≤ 300 ms', actual: `${latency.p99} ms`, met: latency.p99 <= 300 },
        ],
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
