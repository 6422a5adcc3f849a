import { sql } from 'drizzle-orm';
import { createTRPCRouter, publicProcedure } from '../trpc';

export const healthRouter = createTRPCRouter({
  /** Liveness plus a round trip to the database. */
  check: publicProcedure.query(async ({ ctx }) => {
    await ctx.db.execute(sql`select 1`);
    return { ok: true as const, driver: ctx.driver };
  }),
});
