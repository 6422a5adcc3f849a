import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@dangjian/server/testing';
import { chromium, type Browser } from 'playwright-core';
import { WORKSPACE_DIR, type Driver } from '../lib/config';
import { startServer } from '../lib/child';
import { report, type BenchResult, type RunOptions } from '../lib/report';
import { round, summarize } from '../lib/stats';
import { defined } from '@dangjian/db';

export const APPS = ['admin', 'training', 'poverty'] as const;

export interface FrontendOptions extends RunOptions {
  driver: Driver;
  name: string;
  /** Page loads per app (fresh browser context each: nothing cached). */
  loads: number;
  build: boolean;
}

/**
 * The JavaScript a first visit loads before any lazy import: the entry script of index.html, its
 * modulepreloads and their static imports, each gzip-compressed (level 9) as a server would.
 */
export function initialJs(dist: string): {
  files: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
} {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="[^"]*?\/(assets\/[^"]+\.js)"/g)].map((m) =>
    defined(m[1]),
  );
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = defined(queue.shift());
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(dist, file), 'utf8');
    for (const m of code.matchAll(
      /(?:^|[;\s}])import\s*(?:[\w${},\s*]+from\s*)?["']\.\/([^"']+\.js)["']/g,
    ))
      queue.push(`assets/${m[1]}`);
  }
  const files = [...seen].map((file) => {
    const buf = readFileSync(path.join(dist, file));
    return { file, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
  return {
    files,
    bytes: files.reduce((t, f) => t + f.bytes, 0),
    gzip: files.reduce((t, f) => t + f.gzip, 0),
  };
}

/** The first contentful paint (ms) and, when `content` is given, whether that element then showed. */
async function firstContentfulPaint(
  browser: Browser,
  url: string,
  content?: string,
): Promise<{ fcpMs: number; rendered: boolean }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const fcp = await page.waitForFunction(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      undefined,
      { timeout: 30_000 },
    );
    const fcpMs = (await fcp.jsonValue()) as number;
    // A paint alone could be an error page: count the load only if the app's own screen came up.
    const rendered = content
      ? await page
          .locator(content)
          .first()
          .waitFor({ state: 'visible', timeout: 30_000 })
          .then(
            () => true,
            () => false,
          )
      : true;
    return { fcpMs, rendered };
  } finally {
    await context.close();
  }
}

/** What every front end shows a first visitor: the sign-in form's password field. */
const SIGN_IN_FIELD = '#login-password';

/**
 * 6. Front ends: initial JavaScript per app (gzip) and first contentful paint in headless
 * Chromium on localhost (the login screen, nothing cached); baseline: a static page with one
 * line of text served by the same server.
 */
export async function frontends(options: FrontendOptions): Promise<BenchResult> {
  const started = performance.now();
  const apps = APPS.filter((a) => existsSync(path.join(WORKSPACE_DIR, 'apps', a, 'package.json')));
  if (options.build) {
    for (const app of apps) {
      const r = spawnSync('pnpm', ['--filter', `@dangjian/${app}`, 'build'], {
        cwd: WORKSPACE_DIR,
        stdio: 'ignore',
      });
      if (r.status !== 0) throw new RangeError(`building apps/${app} failed`);
    }
  }
  const built = apps.filter((a) =>
    existsSync(path.join(WORKSPACE_DIR, 'apps', a, 'dist', 'index.html')),
  );
  const sizes = Object.fromEntries(
    built.map((a) => [a, initialJs(path.join(WORKSPACE_DIR, 'apps', a, 'dist'))]),
  );
  const server = await startServer({ driver: options.driver, name: options.name });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const fcp: Record<string, ReturnType<typeof summarize>> = {};
    const rendered: Record<string, number> = {};
    await firstContentfulPaint(browser, `${server.url}/bench/blank`); // warm-up
    const blank: number[] = [];
    let blankRendered = 0;
    for (let i = 0; i < options.loads; i++) {
      const load = await firstContentfulPaint(browser, `${server.url}/bench/blank`, 'p');
      blank.push(load.fcpMs);
      if (load.rendered) blankRendered += 1;
    }
    for (const app of built) {
      const ms: number[] = [];
      rendered[app] = 0;
      for (let i = 0; i < options.loads; i++) {
        const load = await firstContentfulPaint(browser, `${server.url}/${app}/`, SIGN_IN_FIELD);
        ms.push(load.fcpMs);
        if (load.rendered) rendered[app] += 1;
      }
      fcp[app] = summarize(ms);
    }
    const kb = (n: number) => round(n / 1024, 1);
    return report(
      {
        name: 'frontends',
        title:
          '6. Front ends: initial JS (gzip) and first contentful paint (headless Chromium, localhost)',
        setup: { apps: built, loads: options.loads, server: options.driver },
        figures: Object.fromEntries(
          built.map((a) => [
            a,
            {
              initialJsKiB: kb(defined(sizes[a]).bytes),
              initialGzipKiB: kb(defined(sizes[a]).gzip),
              chunks: defined(sizes[a]).files.length,
              fcpMs: defined(fcp[a]).p50,
              fcpP95Ms: defined(fcp[a]).p95,
              /** Loads that showed the sign-in form (of `loads`). */
              signInShown: rendered[a] ?? 0,
            },
          ]),
        ),
        baseline: {
          label: 'static page, one line of text, same server',
          figures: { fcpMs: summarize(blank).p50, rendered: blankRendered },
        },
        targets: built.map((a) => ({
          goal: `${a}: initial JS ≤ 250 KB gzip`,
          actual: `${kb(defined(sizes[a]).gzip)} KiB`,
          met: defined(sizes[a]).gzip <= 250 * 1024,
        })),
        notes: [],
        seconds: (performance.now() - started) / 1000,
      },
      options,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}
