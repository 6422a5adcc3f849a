import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema (`pnpm db:generate`) and committed; the same SQL runs
// on embedded PGlite and on a real PostgreSQL server at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
  strict: true,
});
