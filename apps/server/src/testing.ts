/**
 * Browser-test harness shared by every front end's e2e tests: an in-process server on a fresh,
 * seeded PGlite database (常德市 with demo accounts) and Debian's Chromium driven by
 * playwright-core (never a downloaded browser).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseHandle } from '@dangjian/db';
import { DEMO_PASSWORD, seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildServer } from './app';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserHarness {
  database: DatabaseHandle;
  browser: Browser;
  baseUrl: string;
  /** Where screenshots go (created). */
  outDir: string;
  /** A new page that records uncaught page errors in `errors`. */
  newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The test file's folder: screenshots go to ../test-output from it. */
  dir: string;
  /** Region prefix to seed (default 常德市, 4307). */
  prefix?: string;
  /** Extra rows a test needs before the server starts. */
  prepare?: (database: DatabaseHandle) => Promise<void>;
}

export async function startBrowserHarness(options: HarnessOptions): Promise<BrowserHarness> {
  const outDir = path.resolve(options.dir, '../test-output');
  mkdirSync(outDir, { recursive: true });
  const database = await createTestDatabase('pglite');
  await seed(database.db, { prefix: options.prefix ?? '4307', pii: TEST_PII_CIPHER });
  await seedAccounts(database.db, { prefix: options.prefix ?? '4307' });
  await options.prepare?.(database);
  const server = await buildServer({
    database,
    pii: TEST_PII_CIPHER,
    appsDir: path.resolve(import.meta.dirname, '../..'),
  });
  const baseUrl = await server.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    database,
    browser,
    baseUrl,
    outDir,
    async newPage(viewport = { width: 1440, height: 1000 }) {
      // Reduced motion turns antd's animations off (Providers): no click lands on a modal still
      // zooming in or a dropdown still sliding, whatever the load on the machine.
      const page = await browser.newPage({
        viewport,
        acceptDownloads: true,
        reducedMotion: 'reduce',
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      return { page, errors };
    },
    async close() {
      await browser.close();
      await server.close();
      await database.close();
    },
  };
}

/** antd puts a space between the two characters of a two-character button label. */
export function buttonName(label: string): RegExp {
  return new RegExp(label.split('').join('\\s*'));
}

/** Signs in through the login form. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: buttonName('登录') }).click();
}
