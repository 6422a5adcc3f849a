import type { SecurityEventKind } from '@dangjian/domain';
import {
  bigint,
  index,
  inet,
  integer,
  pgTable,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { role } from './auth';

/**
 * Security events (安全事件): failed and throttled logins, lockouts, and calls the API refused
 * (401 on a change, 403, another region, 404 on a change, a foreign Origin). Written outside the
 * refused call's transaction, so they outlive its rollback; rate-limited per kind and address (see
 * packages/api/src/auth/events.ts): beyond the limit one row per minute counts the rest in
 * `suppressed`. Row-level security: only a city's organisation department reads them; the app
 * role may add rows but never change or delete them (migration security_events_security).
 */
export const securityEvents = pgTable(
  'security_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    kind: varchar({ length: 32 }).$type<SecurityEventKind>().notNull(),
    /** The account named (a login's username, or the signed-in caller), when there is one. */
    username: varchar({ length: 64 }),
    userId: integer(),
    role: role(),
    ip: inet(),
    /** The procedure called (`org.update`); screens show its label. */
    procedure: text(),
    /** The region concerned: the one asked for (another region), else the account's. */
    regionCode: varchar({ length: 12 }),
    /** What happened, in Chinese (the refusal's message). */
    detail: text(),
    /** A summary row: this many more events of the kind from the address in its minute. */
    suppressed: integer().notNull().default(0),
  },
  (t) => [
    index('security_events_at_idx').on(t.at),
    index('security_events_kind_ip_at_idx').on(t.kind, t.ip, t.at),
    index('security_events_username_at_idx').on(t.username, t.at),
  ],
);
