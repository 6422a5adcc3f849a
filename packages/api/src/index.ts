import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root';

export { appRouter, createCaller } from './root';
export type { AppRouter } from './root';
export type { Context, CookieJar } from './trpc';
export { SESSION_COOKIE } from './auth/session';

/** Typed inputs and outputs of every procedure, for forms and tables in the front ends. */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
