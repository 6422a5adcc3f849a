import { defined, inRegion, type Database } from '@dangjian/db';
import {
  ATTACHMENT_OWNER_KINDS,
  attachments,
  orgMeetings,
  povertyTeamMembers,
  povertyTeams,
  povertyWorkLogs,
  rectificationCases,
  rectificationEntries,
  type AttachmentOwnerKind,
} from '@dangjian/db/schema';
import {
  ATTACHMENT_MAX_BASE64,
  ATTACHMENT_MAX_BYTES,
  checkAttachment,
  formatFileSize,
  type Role,
} from '@dangjian/domain';
import { TRPCError } from '@trpc/server';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { blobStoreFor, sha256Hex } from '../attachments/store';
import { notFound } from '../errors';
import { idOf } from '../schemas';
import { createTRPCRouter, scopedProcedure } from '../trpc';

/**
 * Files kept with records (issue 16): a township's public-confirmation record on a rectification
 * ledger entry, a team member's photo on a work-log entry, a joint meeting's minutes. Metadata in
 * `attachments` (with the owner's region: scope and row-level security), bytes in the blob store
 * (files beside an embedded database, or attachment_blobs on a server). The type is checked by
 * content, the size before decoding, the checksum computed here; every upload and every download
 * writes an audit row.
 */

const DEPARTMENTS: readonly Role[] = ['city_admin', 'county_admin', 'township'];

/** Who may read and who may add files, per kind of owner (the owner's own procedures' roles). */
const OWNER_RULES: Record<
  AttachmentOwnerKind,
  { label: string; read: readonly Role[]; write: readonly Role[] }
> = {
  rect_entry: { label: '整顿台账记录', read: DEPARTMENTS, write: DEPARTMENTS },
  org_meeting: { label: '联席会议记录', read: DEPARTMENTS, write: DEPARTMENTS },
  work_log: {
    label: '工作日志',
    read: [...DEPARTMENTS, 'poverty_office', 'team_member'],
    write: ['team_member'],
  },
};

const ownerSchema = z.object({
  ownerKind: z.enum(ATTACHMENT_OWNER_KINDS, { error: '附件所属记录类型不正确' }),
  ownerId: idOf('附件所属记录编号不正确'),
});

interface Owner {
  regionCode: string;
  /** Why the caller may not add files to it now (null: may). */
  refusal: string | null;
}

/** The owner inside the caller's scope, and whether the caller may add files to it; or NOT_FOUND. */
async function loadOwner(
  db: Database,
  user: { id: number; role: Role },
  scope: string,
  kind: AttachmentOwnerKind,
  id: number,
): Promise<Owner> {
  const missing = () =>
    new TRPCError({
      code: 'NOT_FOUND',
      message: `${OWNER_RULES[kind].label}（编号 ${id}）不存在或不在本辖区内`,
    });
  if (kind === 'rect_entry') {
    const [row] = await db
      .select({
        regionCode: rectificationEntries.regionCode,
        status: rectificationCases.status,
        withdrawnAt: rectificationCases.withdrawnAt,
      })
      .from(rectificationEntries)
      .innerJoin(rectificationCases, eq(rectificationCases.id, rectificationEntries.caseId))
      .where(
        and(eq(rectificationEntries.id, id), inRegion(rectificationEntries.regionCode, scope)),
      );
    if (!row) throw missing();
    const refusal =
      row.status === 'accepted'
        ? '该整顿对象已验收通过，台账不再添加附件'
        : row.withdrawnAt
          ? '该整顿对象已撤销，不能再添加附件'
          : null;
    return { regionCode: row.regionCode, refusal };
  }
  if (kind === 'org_meeting') {
    const [row] = await db
      .select({ regionCode: orgMeetings.regionCode })
      .from(orgMeetings)
      .where(and(eq(orgMeetings.id, id), inRegion(orgMeetings.regionCode, scope)));
    if (!row) throw missing();
    return { regionCode: row.regionCode, refusal: null };
  }
  const [row] = await db
    .select({ regionCode: povertyWorkLogs.regionCode, teamId: povertyWorkLogs.teamId })
    .from(povertyWorkLogs)
    .where(and(eq(povertyWorkLogs.id, id), inRegion(povertyWorkLogs.regionCode, scope)));
  if (!row) throw missing();
  // Only a member serving in the team now adds photos to its log.
  const [member] = await db
    .select({ id: povertyTeamMembers.id })
    .from(povertyTeamMembers)
    .innerJoin(povertyTeams, eq(povertyTeams.id, povertyTeamMembers.teamId))
    .where(
      and(
        eq(povertyTeamMembers.teamId, row.teamId),
        eq(povertyTeamMembers.userId, user.id),
        isNull(povertyTeamMembers.toDate),
        isNull(povertyTeams.endDate),
      ),
    )
    .limit(1);
  return {
    regionCode: row.regionCode,
    refusal: member ? null : '只有该工作队的在村队员可以为工作日志添加附件',
  };
}

function assertRole(allowed: readonly Role[], role: Role, kind: AttachmentOwnerKind): void {
  if (!allowed.includes(role)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `当前角色无权查看或添加${OWNER_RULES[kind].label}的附件`,
    });
  }
}

const attachmentColumns = {
  id: attachments.id,
  ownerKind: attachments.ownerKind,
  ownerId: attachments.ownerId,
  filename: attachments.filename,
  mimeType: attachments.mimeType,
  size: attachments.size,
  sha256: attachments.sha256,
  uploadedByName: attachments.uploadedByName,
  uploadedAt: attachments.uploadedAt,
};

/** Base64 (optionally a data: URL) → bytes; the length is checked before decoding. */
const base64Schema = z
  .string({ error: '文件内容不能为空' })
  .transform((s) => s.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, ''))
  .pipe(
    z
      .string()
      .min(1, '文件为空，请重新选择')
      .max(
        ATTACHMENT_MAX_BASE64,
        `文件超过 ${formatFileSize(ATTACHMENT_MAX_BYTES)} 的上限，请压缩后再上传`,
      )
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件内容不是有效的 base64 编码'),
  );

export const attachmentRouter = createTRPCRouter({
  /** Keeps a file with a record the caller may write: type by content, size, checksum, audit. */
  upload: scopedProcedure
    .input(
      ownerSchema.extend({
        filename: z
          .string({ error: '文件名不能为空' })
          .trim()
          .min(1, '文件名不能为空')
          .max(200, '文件名不能超过 200 个字符')
          .transform((s) => s.replace(/[\\/]/g, '_')),
        base64: base64Schema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const owner = await loadOwner(
        ctx.db,
        ctx.user,
        ctx.scope.code,
        input.ownerKind,
        input.ownerId,
      );
      assertRole(OWNER_RULES[input.ownerKind].write, ctx.user.role, input.ownerKind);
      if (owner.refusal) throw new TRPCError({ code: 'FORBIDDEN', message: owner.refusal });
      const bytes = Buffer.from(input.base64, 'base64');
      const { mime } = checkAttachment(bytes, input.filename);
      const sha256 = sha256Hex(bytes);
      const [row] = await ctx.db
        .insert(attachments)
        .values({
          regionCode: owner.regionCode,
          ownerKind: input.ownerKind,
          ownerId: input.ownerId,
          filename: input.filename,
          mimeType: mime,
          size: bytes.length,
          sha256,
          uploadedBy: ctx.user.id,
          uploadedByName: ctx.user.displayName,
          uploadedAt: ctx.now(),
        })
        .returning(attachmentColumns);
      await blobStoreFor(ctx).put(ctx.db, sha256, bytes);
      const { base64: _omit, ...meta } = input;
      ctx.audit({
        target: `attachment:${defined(row).id}`,
        regionCode: owner.regionCode,
        after: { ...meta, mimeType: mime, size: bytes.length, sha256 },
      });
      return defined(row);
    }),

  /** The files of one record the caller can see, oldest first. */
  list: scopedProcedure.input(ownerSchema).query(async ({ ctx, input }) => {
    assertRole(OWNER_RULES[input.ownerKind].read, ctx.user.role, input.ownerKind);
    const owner = await loadOwner(ctx.db, ctx.user, ctx.scope.code, input.ownerKind, input.ownerId);
    const items = await ctx.db
      .select(attachmentColumns)
      .from(attachments)
      .where(
        and(
          eq(attachments.ownerKind, input.ownerKind),
          eq(attachments.ownerId, input.ownerId),
          inRegion(attachments.regionCode, ctx.scope.code),
        ),
      )
      .orderBy(asc(attachments.uploadedAt), asc(attachments.id));
    return {
      items,
      canUpload:
        OWNER_RULES[input.ownerKind].write.includes(ctx.user.role) && owner.refusal === null,
    };
  }),

  /**
   * One file's bytes (base64) and type, for a caller whose scope covers the owner's region. A
   * mutation: every download is recorded in the audit log (who read which evidence, when).
   */
  download: scopedProcedure
    .input(z.object({ id: idOf('附件编号不正确') }))
    .mutation(async ({ ctx, input }) => {
      const [row] = await ctx.db
        .select({ ...attachmentColumns, regionCode: attachments.regionCode })
        .from(attachments)
        .where(and(eq(attachments.id, input.id), inRegion(attachments.regionCode, ctx.scope.code)));
      if (!row) {
        notFound(`附件（编号 ${input.id}）`);
      }
      assertRole(OWNER_RULES[row.ownerKind].read, ctx.user.role, row.ownerKind);
      const bytes = await blobStoreFor(ctx).get(ctx.db, row.sha256);
      if (!bytes || sha256Hex(bytes) !== row.sha256) {
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: `附件「${row.filename}」的文件内容缺失或已损坏，请联系管理员`,
        });
      }
      ctx.audit({
        target: `attachment:${row.id}`,
        regionCode: row.regionCode,
        after: { download: row.filename, sha256: row.sha256, size: row.size },
      });
      const { regionCode: _r, ...meta } = row;
      return { ...meta, base64: bytes.toString('base64') };
    }),
});
