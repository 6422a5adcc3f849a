import { sql } from 'drizzle-orm';
import {
  check,
  char,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './auth';

/**
 * What an attachment can belong to (issue 16): a rectification ledger entry (public-confirmation
 * records, meeting minutes), a poverty work-log entry (work photos), a joint-meeting record
 * (联席会议 minutes).
 */
export const ATTACHMENT_OWNER_KINDS = ['rect_entry', 'work_log', 'org_meeting'] as const;
export type AttachmentOwnerKind = (typeof ATTACHMENT_OWNER_KINDS)[number];

/**
 * A file kept with a record: its metadata and where the bytes are (by SHA-256). `regionCode` is
 * the owner's region (scope filters and row-level security). The bytes themselves live in a
 * content-addressed store: files beside the embedded database (`<dataDir>/files/<sha256>`) or the
 * `attachment_blobs` table on a PostgreSQL server (packages/api/src/attachments/store.ts).
 * Nothing is deleted: an attachment stays as evidence.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionCode: varchar({ length: 12 }).notNull(),
    ownerKind: text().$type<AttachmentOwnerKind>().notNull(),
    ownerId: integer().notNull(),
    filename: text().notNull(),
    mimeType: text().notNull(),
    size: integer().notNull(),
    sha256: char({ length: 64 }).notNull(),
    uploadedBy: integer().references(() => users.id),
    uploadedByName: text(),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('attachments_owner_idx').on(t.ownerKind, t.ownerId),
    index('attachments_region_idx').on(t.regionCode),
    index('attachments_sha256_idx').on(t.sha256),
    check(
      'attachments_owner_kind',
      sql`${t.ownerKind} IN ('rect_entry', 'work_log', 'org_meeting')`,
    ),
    check('attachments_size', sql`${t.size} > 0`),
    check('attachments_sha256_hex', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** File bytes on a PostgreSQL server, one row per distinct content (deduplicated by SHA-256). */
export const attachmentBlobs = pgTable('attachment_blobs', {
  sha256: char({ length: 64 }).primaryKey(),
  bytes: bytea().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type AttachmentRow = typeof attachments.$inferSelect;
