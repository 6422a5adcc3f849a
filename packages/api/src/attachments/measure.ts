/**
 * Measures keeping and reading a 5 MB photo through attachment.upload / attachment.download on
 * each store (README "Files"): PGlite on disk with files beside it, PGlite on disk with the bytes
 * in attachment_blobs (for comparison), and PostgreSQL with attachment_blobs when
 * TEST_DATABASE_URL is set. Run: cd packages/api && npx tsx src/attachments/measure.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defined, openDatabase, type DatabaseHandle } from '@dangjian/db';
import { povertyTeamMembers, povertyTeams, users } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { eq } from 'drizzle-orm';
import { callerAs } from '../testing';

const SIZE = 5 * 1024 * 1024;
const ROUNDS = 5;

function photo(): Buffer {
  const b = randomBytes(SIZE);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return b;
}

const median = (xs: number[]) => defined([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);

async function measure(name: string, handle: DatabaseHandle, filesDir: string | null) {
  await seed(handle.db, { prefix: '430702', pii: TEST_PII_CIPHER });
  await seedAccounts(handle.db, { prefix: '4307' }).catch(() => undefined);
  const [mine] = await handle.db
    .select({ villageId: povertyTeams.villageId })
    .from(povertyTeamMembers)
    .innerJoin(users, eq(users.id, povertyTeamMembers.userId))
    .innerJoin(povertyTeams, eq(povertyTeams.id, povertyTeamMembers.teamId))
    .where(eq(users.username, 'team_member'));
  const { api: member } = await callerAs(handle, 'team_member', { filesDir });
  const log = await member.poverty.logWork({
    villageId: defined(mine).villageId,
    date: '2026-01-05',
    area: 'build_team',
    summary: '测量',
    householdsReached: 0,
    fundsFen: 0,
  });
  const up: number[] = [];
  const down: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const base64 = photo().toString('base64');
    let t = performance.now();
    const a = await member.attachment.upload({
      ownerKind: 'work_log',
      ownerId: log.id,
      filename: `照片${i}.jpg`,
      base64,
    });
    up.push(performance.now() - t);
    t = performance.now();
    const got = await member.attachment.download({ id: a.id });
    down.push(performance.now() - t);
    if (got.base64.length !== base64.length) throw new TypeError('download differs');
  }
  console.log(
    `${name}: upload median ${median(up).toFixed(0)} ms, download median ${median(down).toFixed(0)} ms (${ROUNDS} × 5 MB)`,
  );
}

const work = await mkdtemp(path.join(tmpdir(), 'dj-measure-'));
try {
  const files = await openDatabase({ url: '', dataDir: path.join(work, 'pg-files') });
  await measure('PGlite + files', files, path.join(work, 'pg-files', 'files'));
  await files.close();
  const blobs = await openDatabase({ url: '', dataDir: path.join(work, 'pg-blobs') });
  await measure('PGlite + attachment_blobs', blobs, null);
  await blobs.close();
  if (process.env.TEST_DATABASE_URL) {
    const server = await createTestDatabase('postgres');
    await measure('PostgreSQL + attachment_blobs', server, null);
    await server.close();
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
