/** pnpm db:migrate — applies the committed migrations to DATABASE_URL or the embedded database. */
import { openDatabase } from '../src/client';

const handle = await openDatabase({ migrate: true });
console.log(`迁移完成：${handle.driver} ${handle.location}`);
await handle.close();
