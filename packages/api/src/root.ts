import { auditRouter } from './router/audit';
import { authRouter } from './router/auth';
import { healthRouter } from './router/health';
import { orgRouter } from './router/org';
import { personRouter } from './router/person';
import { regionRouter } from './router/region';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  health: healthRouter,
  auth: authRouter,
  region: regionRouter,
  org: orgRouter,
  person: personRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
