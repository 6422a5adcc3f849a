import { ROLES } from '@dangjian/domain';
import {
  boolean,
  index,
  inet,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { people } from './orgs';
import { regions } from './regions';

export const role = pgEnum('role', ROLES);

/**
 * Accounts. Each is bound to one region (its data scope) and one role. The password is stored
 * only as an argon2id hash.
 */
export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    username: varchar({ length: 64 }).notNull(),
    displayName: text().notNull(),
    passwordHash: text().notNull(),
    role: role().notNull(),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    /** The person this account belongs to (a secretary, a team member), when there is one. */
    personId: integer().references(() => people.id),
    disabled: boolean().notNull().default(false),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(t.username),
    index('users_region_code_idx').on(t.regionCode),
    // Substring search (ILIKE '%…%', packages/api): trigram index, pg_trgm.
    index('users_username_trgm_idx').using('gin', t.username.op('gin_trgm_ops')),
    index('users_display_name_trgm_idx').using('gin', t.displayName.op('gin_trgm_ops')),
  ],
);

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored here. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: varchar({ length: 64 }).primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: inet(),
    userAgent: text(),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

/**
 * Every login attempt whose password was checked, for the throttling rules (by account and
 * address, by address, by account) and for the security audit. A failure row is written before
 * the password is checked and turned into a success after (one counted slot per check).
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    username: varchar({ length: 64 }).notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    success: boolean().notNull(),
    ip: inet(),
  },
  (t) => [
    index('login_attempts_username_at_idx').on(t.username, t.at),
    // Throttling by client address (packages/api/src/auth/throttle.ts).
    index('login_attempts_ip_at_idx').on(t.ip, t.at),
  ],
);
