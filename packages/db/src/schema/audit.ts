import {
  bigint,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { role } from './auth';

/**
 * The audit log: one row per change, written in the same transaction as the change. Append-only:
 * a trigger rejects UPDATE, DELETE and TRUNCATE (see the migration audit_append_only).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: integer(),
    username: varchar({ length: 64 }),
    role: role(),
    /** The actor's region (their scope). */
    actorRegionCode: varchar({ length: 12 }),
    /** The region of what was changed; scope filters on it. */
    regionCode: varchar({ length: 12 }),
    procedure: text().notNull(),
    /** What was changed, e.g. "org:123". */
    target: text(),
    before: jsonb(),
    after: jsonb(),
    ip: inet(),
  },
  (t) => [
    index('audit_log_region_code_at_idx').on(t.regionCode, t.at),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_user_id_idx').on(t.userId),
  ],
);
