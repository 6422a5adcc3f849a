import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '@dangjian/db';
import { attachmentBlobs } from '@dangjian/db/schema';
import { eq } from 'drizzle-orm';

/**
 * Where attachment bytes are kept, content-addressed by SHA-256 (the same file uploaded twice is
 * stored once). Two backends, chosen by how the server runs (README "Files"):
 *
 * - embedded PGlite (default): files beside the database, `<dataDir>/files/<aa>/<sha256>`. PGlite
 *   keeps the whole database in WASM memory, so megabytes of photos inside it would cost memory
 *   on every start; plain files cost nothing, are backed up with the data folder, and need no
 *   install.
 * - a PostgreSQL server (DATABASE_URL): the `attachment_blobs` table (bytea), in the same
 *   transaction as the metadata row and the audit row, so a backup of the database is complete
 *   and several server processes share one store.
 */
export interface BlobStore {
  readonly kind: 'files' | 'database';
  /** Keeps the bytes (nothing happens when that content is already kept). */
  put(db: Database, sha256: string, bytes: Buffer): Promise<void>;
  /** The bytes of a content, or null when missing. */
  get(db: Database, sha256: string): Promise<Buffer | null>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Files under `dir` (created on first use), one per content, written atomically (temp + rename). */
export function fileBlobStore(dir: string): BlobStore {
  const pathOf = (sha: string) => path.join(dir, sha.slice(0, 2), sha);
  return {
    kind: 'files',
    async put(_db, sha, bytes) {
      const target = pathOf(sha);
      const existing = await stat(target).catch(() => null);
      if (existing?.size === bytes.length) return;
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, target);
    },
    async get(_db, sha) {
      return readFile(pathOf(sha)).catch(() => null);
    },
  };
}

/** The `attachment_blobs` table (row-level security lets a caller read only what it may see). */
export const databaseBlobStore: BlobStore = {
  kind: 'database',
  async put(db, sha, bytes) {
    await db.insert(attachmentBlobs).values({ sha256: sha, bytes }).onConflictDoNothing();
  },
  async get(db, sha) {
    const [row] = await db
      .select({ bytes: attachmentBlobs.bytes })
      .from(attachmentBlobs)
      .where(eq(attachmentBlobs.sha256, sha));
    return row?.bytes ?? null;
  },
};

/** Files when the context names a files folder (embedded database on disk), else the database. */
export function blobStoreFor(ctx: { filesDir?: string | null | undefined }): BlobStore {
  return ctx.filesDir ? fileBlobStore(ctx.filesDir) : databaseBlobStore;
}
