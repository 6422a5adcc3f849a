import { attachmentRouter } from './router/attachment';
import { auditRouter } from './router/audit';
import { authRouter } from './router/auth';
import { dashboardRouter } from './router/dashboard';
import { duesRouter } from './router/dues';
import { floorsRouter } from './router/floors';
import { gradingRouter } from './router/grading';
import { healthRouter } from './router/health';
import { orgRouter } from './router/org';
import { payRouter } from './router/pay';
import { personRouter } from './router/person';
import { policyRouter } from './router/policy';
import { povertyRouter } from './router/poverty';
import { rectificationRouter } from './router/rectification';
import { regionRouter } from './router/region';
import { reviewRouter } from './router/review';
import { securityRouter } from './router/security';
import { upgradeRouter } from './router/upgrade';
import { eligibilityRouter } from './router/eligibility';
import { userRouter } from './router/user';
import { trainingRouter } from './router/training';
import { coverageRouter } from './router/coverage';
import { demoSitesRouter } from './router/demo-sites';
import { developmentRouter } from './router/development';
import { meetingsRouter } from './router/meetings';
import { reservesRouter } from './router/reserves';
import { termsRouter } from './router/terms';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  training: trainingRouter,
  health: healthRouter,
  auth: authRouter,
  region: regionRouter,
  org: orgRouter,
  person: personRouter,
  user: userRouter,
  policy: policyRouter,
  audit: auditRouter,
  // Security events (issue 18): failed and throttled logins, lockouts, refused calls.
  security: securityRouter,
  floors: floorsRouter,
  dues: duesRouter,
  upgrade: upgradeRouter,
  eligibility: eligibilityRouter,
  dashboard: dashboardRouter,
  grading: gradingRouter,
  pay: payRouter,
  rectification: rectificationRouter,
  review: reviewRouter,
  // Organisation life (组织生活): coverage, reserves, member development, meetings, terms, sites.
  coverage: coverageRouter,
  reserves: reservesRouter,
  development: developmentRouter,
  meetings: meetingsRouter,
  terms: termsRouter,
  demoSites: demoSitesRouter,
  poverty: povertyRouter,
  // Files kept with records (issue 16): upload, list, download; audited.
  attachment: attachmentRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
