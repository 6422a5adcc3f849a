import { regionCodeSchema } from '@dangjian/domain';
import { z } from 'zod';
import { requireRegionCached } from './queries/region';
import { scopedProcedure } from './trpc';

/**
 * A scoped procedure about one region: its input has a `regionCode` (checked against the caller's
 * scope by scopedProcedure's middleware first, 403 outside it), and the handler gets the region's
 * row as `ctx.region` (400 naming the code when no such region exists). Handlers add their own
 * fields with `.input(…)`; tRPC merges the objects.
 */
export const regionProcedure = scopedProcedure
  .input(z.object({ regionCode: regionCodeSchema }))
  .use(async ({ ctx, input, next }) =>
    next({
      ctx: { region: await requireRegionCached(ctx.regionRows, ctx.db, input.regionCode) },
    }),
  );
