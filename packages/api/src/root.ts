import { healthRouter } from './router/health';
import { orgRouter } from './router/org';
import { regionRouter } from './router/region';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  health: healthRouter,
  region: regionRouter,
  org: orgRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
