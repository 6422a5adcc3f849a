import { existsSync } from 'node:fs';
import path from 'node:path';
import { appRouter, SESSION_COOKIE, type AppRouter, type Context } from '@dangjian/api';
import { workspaceRoot, type DatabaseHandle, type PiiCipher } from '@dangjian/db';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';

/** The front ends the server hosts, each built by vite into apps/<name>/dist with base /<name>/. */
export const FRONT_ENDS = ['admin', 'training', 'poverty'] as const;

export interface ServerOptions {
  database: DatabaseHandle;
  pii: PiiCipher;
  /** Extra origins allowed to send mutations (e.g. the vite dev server's). */
  allowedOrigins?: readonly string[];
  /** Mark the session cookie Secure (set when served over HTTPS). */
  secureCookies?: boolean;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges; TRUST_PROXY).
   * Default false: the client address is the socket's, whatever headers say.
   */
  trustProxy?: false | readonly string[];
  logger?: FastifyServerOptions['logger'];
  /** Folder holding apps/<name>/dist; defaults to the workspace's apps folder. */
  appsDir?: string;
}

/** Attachment files sit beside an embedded database on disk; otherwise they go in the database. */
function filesDir(database: DatabaseHandle): string | null {
  const dir = database.driver === 'pglite' ? database.dataDir : undefined;
  return dir && !dir.startsWith('memory://') ? path.join(dir, 'files') : null;
}

/**
 * Builds the HTTP server: tRPC at /trpc, /healthz, and the built front ends at /admin,
 * /training and /poverty (with SPA fallback to each app's index.html).
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { database } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    routerOptions: { maxParamLength: 5000 },
    bodyLimit: 20 * 1024 * 1024,
    trustProxy: options.trustProxy ? [...options.trustProxy] : false,
  });

  app.get('/healthz', async () => {
    await database.db.execute('select 1');
    return { ok: true, driver: database.driver };
  });

  await app.register(fastifyCookie);
  await registerTrpc(app, options);
  await registerFrontEnds(app, options.appsDir ?? path.join(workspaceRoot(), 'apps'));
  return app;
}

/** tRPC at /trpc: each request's context carries the database, the session cookie and the caller. */
async function registerTrpc(app: FastifyInstance, options: ServerOptions): Promise<void> {
  const { database } = options;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: options.secureCookies ?? false,
  };

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res }): Context => ({
        db: database.db,
        driver: database.driver,
        ip: req.ip,
        origin: req.headers.origin ?? null,
        protocol: req.protocol,
        host: req.headers.host ?? null,
        userAgent: req.headers['user-agent'] ?? null,
        cookies: {
          get: () => req.cookies[SESSION_COOKIE] ?? null,
          set: (token, expires) =>
            void res.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires }),
          clear: () => void res.clearCookie(SESSION_COOKIE, cookieOptions),
        },
        now: () => new Date(),
        pii: options.pii,
        allowedOrigins: options.allowedOrigins ?? [],
        filesDir: filesDir(database),
      }),
      onError({ path, error, type }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          app.log.error({ err: error.cause ?? error, path, type }, 'tRPC 内部错误');
        }
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });
}

/**
 * The built front ends under /<name>/ (those whose dist exists), / redirecting to /admin/, and
 * client-side routes (e.g. /admin/orgs/12) falling back to the app's index.html.
 */
async function registerFrontEnds(app: FastifyInstance, appsDir: string): Promise<void> {
  const served: string[] = [];
  for (const name of FRONT_ENDS) {
    const root = path.join(appsDir, name, 'dist');
    if (!existsSync(path.join(root, 'index.html'))) continue;
    served.push(name);
    await app.register(fastifyStatic, {
      root,
      prefix: `/${name}/`,
      decorateReply: served.length === 1,
      index: ['index.html'],
      // Hashed assets are immutable; index.html must always be revalidated.
      setHeaders(res, file) {
        res.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
    app.get(`/${name}`, (_req, reply) => reply.redirect(`/${name}/`));
  }

  app.get('/', (_req, reply) => reply.redirect('/admin/'));

  app.setNotFoundHandler((req, reply) => {
    const name = served.find((n) => req.url.startsWith(`/${n}/`));
    if (req.method === 'GET' && name && !req.url.includes('/assets/')) {
      return reply.type('text/html').sendFile('index.html', path.join(appsDir, name, 'dist'));
    }
    return reply.code(404).send({ error: '未找到', path: req.url });
  });
}
