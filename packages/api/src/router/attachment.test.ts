import { defined } from '@dangjian/db';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { DatabaseHandle } from '@dangjian/db';
import {
  attachmentBlobs,
  auditLog,
  povertyTeamMembers,
  povertyTeams,
  rectificationCases,
  rectificationEntries,
  users,
} from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { TRPCError } from '@trpc/server';
import { and, asc, between, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, zodMessage } from '../testing';

const now = () => new Date('2026-11-25T04:00:00Z');

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof TRPCError)) throw new TypeError(`expected a refusal, got ${String(e)}`);
  return { code: e.code, message: e.message };
}

describe.each(TEST_DRIVERS)('attachments on %s', (driver) => {
  let handle: DatabaseHandle;
  let filesDir: string;
  let logId: number;
  let entryId: number;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    filesDir = await mkdtemp(path.join(tmpdir(), 'dj-files-'));
    const { api: member } = await callerAs(handle, 'team_member', { now });
    const [mine] = await handle.db
      .select({ villageId: povertyTeams.villageId })
      .from(povertyTeamMembers)
      .innerJoin(users, eq(users.id, povertyTeamMembers.userId))
      .innerJoin(povertyTeams, eq(povertyTeams.id, povertyTeamMembers.teamId))
      .where(eq(users.username, 'team_member'));
    const log = await member.poverty.logWork({
      villageId: defined(mine).villageId,
      date: '2026-11-20',
      area: 'build_team',
      summary: '入户走访并拍照',
      householdsReached: 3,
      fundsFen: 0,
    });
    logId = log.id;
    const [township] = await handle.db
      .select({ regionCode: users.regionCode })
      .from(users)
      .where(eq(users.username, 'township'));
    const code = defined(township).regionCode;
    const [entry] = await handle.db
      .select({ id: rectificationEntries.id })
      .from(rectificationEntries)
      .innerJoin(rectificationCases, eq(rectificationCases.id, rectificationEntries.caseId))
      .where(
        and(
          between(rectificationEntries.regionCode, code, `${code.slice(0, 9)}999`),
          ne(rectificationCases.status, 'accepted'),
        ),
      )
      .orderBy(asc(rectificationEntries.id))
      .limit(1);
    entryId = defined(entry).id;
  }, 120_000);
  afterAll(async () => {
    await handle.close();
    if (filesDir) await rm(filesDir, { recursive: true, force: true });
  });

  const stores = driver === 'pglite' ? (['files', 'database'] as const) : (['database'] as const);

  describe.each(stores)('bytes kept in the %s store', (store) => {
    const as = (username: string) =>
      callerAs(handle, username, { now, filesDir: store === 'files' ? filesDir : null });

    it('a team member attaches a photo to a work log; the county poverty office downloads the same bytes, with the checksum computed by the server', async () => {
      const { api: member } = await as('team_member');
      const photo = Buffer.concat([PNG, Buffer.from(store)]); // distinct content per store
      const up = await member.attachment.upload({
        ownerKind: 'work_log',
        ownerId: logId,
        filename: '走访照片.png',
        base64: photo.toString('base64'),
      });
      expect(up).toMatchObject({ mimeType: 'image/png', size: photo.length, sha256: sha(photo) });

      const { api: county } = await as('county_poverty');
      const list = await county.attachment.list({ ownerKind: 'work_log', ownerId: logId });
      expect(list.items.map((a) => a.id)).toContain(up.id);
      expect(list.canUpload).toBe(false);
      const got = await county.attachment.download({ id: up.id });
      expect(Buffer.from(got.base64, 'base64').equals(photo)).toBe(true);
      expect(got.mimeType).toBe('image/png');

      const [blob] = await handle.db
        .select({ sha256: attachmentBlobs.sha256 })
        .from(attachmentBlobs)
        .where(eq(attachmentBlobs.sha256, sha(photo)));
      if (store === 'files') {
        expect(blob).toBeUndefined();
        const onDisk = await readFile(path.join(filesDir, sha(photo).slice(0, 2), sha(photo)));
        expect(onDisk.equals(photo)).toBe(true);
      } else {
        expect(blob?.sha256).toBe(sha(photo));
      }
    });

    it('every upload and every download writes an audit row', async () => {
      const { api: township } = await as('township');
      const up = await township.attachment.upload({
        ownerKind: 'rect_entry',
        ownerId: entryId,
        filename: '群众认可记录.pdf',
        base64: PDF.toString('base64'),
      });
      const { api: county } = await as('county_admin');
      await county.attachment.download({ id: up.id });
      await county.attachment.download({ id: up.id });
      const rows = await handle.db
        .select({ procedure: auditLog.procedure, username: auditLog.username })
        .from(auditLog)
        .where(eq(auditLog.target, `attachment:${up.id}`))
        .orderBy(asc(auditLog.id));
      expect(rows).toEqual([
        { procedure: 'attachment.upload', username: 'township' },
        { procedure: 'attachment.download', username: 'county_admin' },
        { procedure: 'attachment.download', username: 'county_admin' },
      ]);
    });

    it('the same file uploaded twice is kept once and both records read it', async () => {
      const { api: township } = await as('township');
      const a = await township.attachment.upload({
        ownerKind: 'rect_entry',
        ownerId: entryId,
        filename: '会议记录-1.pdf',
        base64: PDF.toString('base64'),
      });
      const b = await township.attachment.upload({
        ownerKind: 'rect_entry',
        ownerId: entryId,
        filename: '会议记录-2.pdf',
        base64: PDF.toString('base64'),
      });
      expect(a.sha256).toBe(b.sha256);
      const got = await township.attachment.download({ id: b.id });
      expect(Buffer.from(got.base64, 'base64').equals(PDF)).toBe(true);
    });
  });

  it('nothing is added to the ledger of a case accepted as passed', async () => {
    const [accepted] = await handle.db
      .select({ id: rectificationEntries.id })
      .from(rectificationEntries)
      .innerJoin(rectificationCases, eq(rectificationCases.id, rectificationEntries.caseId))
      .where(
        and(
          between(rectificationEntries.regionCode, '430702000000', '430702999999'),
          eq(rectificationCases.status, 'accepted'),
        ),
      )
      .limit(1);
    expect(accepted).toBeDefined();
    const { api: county } = await callerAs(handle, 'county_admin', { now });
    const refused = await refusal(
      county.attachment.upload({
        ownerKind: 'rect_entry',
        ownerId: defined(accepted).id,
        filename: '补充材料.pdf',
        base64: PDF.toString('base64'),
      }),
    );
    expect(refused).toEqual({
      code: 'FORBIDDEN',
      message: '该整顿对象已验收通过，台账不再添加附件',
    });
    const list = await county.attachment.list({
      ownerKind: 'rect_entry',
      ownerId: defined(accepted).id,
    });
    expect(list.canUpload).toBe(false);
  });

  it('refuses a file whose content is not of the type its name says, whatever the name', async () => {
    const { api: member } = await callerAs(handle, 'team_member', { now });
    const exe = Buffer.from('MZ\x90\x00 this is a program', 'binary');
    const renamed = await refusal(
      member.attachment.upload({
        ownerKind: 'work_log',
        ownerId: logId,
        filename: '照片.jpg',
        base64: exe.toString('base64'),
      }),
    );
    expect(renamed.code).toBe('BAD_REQUEST');
    expect(renamed.message).toContain('内容不是JPEG 图片');
    const pdfAsPng = await refusal(
      member.attachment.upload({
        ownerKind: 'work_log',
        ownerId: logId,
        filename: '照片.png',
        base64: PDF.toString('base64'),
      }),
    );
    expect(pdfAsPng.message).toContain('内容不是PNG 图片');
    const exeName = await refusal(
      member.attachment.upload({
        ownerKind: 'work_log',
        ownerId: logId,
        filename: 'setup.exe',
        base64: exe.toString('base64'),
      }),
    );
    expect(exeName.message).toContain('不支持的文件类型');
  });

  it('refuses a file over 10 MB from the length of its base64 text, before decoding it, in Chinese', async () => {
    const { api: member } = await callerAs(handle, 'team_member', { now });
    const tooBig = 'A'.repeat(Math.ceil((10 * 1024 * 1024) / 3) * 4 + 4);
    const message = await zodMessage(
      member.attachment.upload({
        ownerKind: 'work_log',
        ownerId: logId,
        filename: '大照片.jpg',
        base64: tooBig,
      }),
    );
    expect(message).toContain('文件超过 10.0 MB 的上限');
  });

  it('keeps attachments inside the scope: another county neither lists nor downloads them; a team member cannot add to a ledger, nor the office to a work log', async () => {
    const { api: township } = await callerAs(handle, 'township', { now });
    const up = await township.attachment.upload({
      ownerKind: 'rect_entry',
      ownerId: entryId,
      filename: '公示照片.png',
      base64: PNG.toString('base64'),
    });
    const { api: other } = await callerAs(handle, 'county2_admin', { now });
    expect((await refusal(other.attachment.download({ id: up.id }))).code).toBe('NOT_FOUND');
    expect(
      (await refusal(other.attachment.list({ ownerKind: 'rect_entry', ownerId: entryId }))).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await refusal(
          other.attachment.upload({
            ownerKind: 'rect_entry',
            ownerId: entryId,
            filename: 'x.png',
            base64: PNG.toString('base64'),
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');

    const { api: countyOffice } = await callerAs(handle, 'county_poverty', { now });
    expect(
      (
        await refusal(
          countyOffice.attachment.upload({
            ownerKind: 'work_log',
            ownerId: logId,
            filename: 'x.png',
            base64: PNG.toString('base64'),
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    // The county admin reads the work log's photos but only a team member adds them.
    const { api: county } = await callerAs(handle, 'county_admin', { now });
    const refused = await refusal(
      county.attachment.upload({
        ownerKind: 'work_log',
        ownerId: logId,
        filename: 'x.png',
        base64: PNG.toString('base64'),
      }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    // Row-level security: a blob is readable only through an attachment in scope.
    expect(
      (await county.attachment.list({ ownerKind: 'work_log', ownerId: logId })).items.length,
    ).toBeGreaterThan(0);
  });
});
