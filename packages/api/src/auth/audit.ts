import type { Database } from '@dangjian/db';
import { auditLog } from '@dangjian/db/schema';
import type { SessionUser } from './session';

export interface AuditRecord {
  procedure: string;
  target: string | null;
  /** Region of the changed row; defaults to the actor's region. */
  regionCode?: string | undefined;
  before?: unknown;
  after?: unknown;
}

/** Appends audit rows for `actor`, in whatever transaction `db` is. */
export async function writeAudit(
  db: Database,
  actor: Pick<SessionUser, 'id' | 'username' | 'role' | 'regionCode'>,
  meta: { at: Date; ip: string | null },
  records: readonly AuditRecord[],
): Promise<void> {
  // Multi-row inserts in chunks: 12 parameters a row stays far below PostgreSQL's 65,535 limit.
  for (let i = 0; i < records.length; i += AUDIT_CHUNK) {
    await insertChunk(db, actor, meta, records.slice(i, i + AUDIT_CHUNK));
  }
}

const AUDIT_CHUNK = 2000;

async function insertChunk(
  db: Database,
  actor: Pick<SessionUser, 'id' | 'username' | 'role' | 'regionCode'>,
  meta: { at: Date; ip: string | null },
  records: readonly AuditRecord[],
): Promise<void> {
  await db.insert(auditLog).values(
    records.map((r) => ({
      at: meta.at,
      userId: actor.id,
      username: actor.username,
      role: actor.role,
      actorRegionCode: actor.regionCode,
      regionCode: r.regionCode ?? actor.regionCode,
      procedure: r.procedure,
      target: r.target,
      before: r.before ?? null,
      after: r.after ?? null,
      ip: meta.ip,
    })),
  );
}
