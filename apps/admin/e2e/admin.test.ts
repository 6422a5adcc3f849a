import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseHandle } from '@dangjian/db';
import { seed } from '@dangjian/db/seed';
import { createTestDatabase } from '@dangjian/db/testing';
import { buildServer } from '@dangjian/server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const outDir = path.resolve(import.meta.dirname, '../test-output');
const appsDir = path.resolve(import.meta.dirname, '../..');

/** Debian's chromium, never a downloaded browser. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

describe('admin console in Chromium', () => {
  let database: DatabaseHandle;
  let server: Awaited<ReturnType<typeof buildServer>>;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    database = await createTestDatabase('pglite');
    await seed(database.db, { prefix: '4307' });
    server = await buildServer({ database, appsDir });
    baseUrl = await server.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  it('shows 常德市 with its organisations, and expanding a county shows its townships', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${baseUrl}/admin/`);
    const tree = page.getByTestId('region-tree');
    await expect.poll(() => tree.getByText('常德市').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('orgs-title').textContent()).toContain('常德市');
    // The org table is filled from tRPC: the pager counts every org of the city.
    await expect.poll(() => page.getByText(/共 [\d,]+ 个/).textContent()).toMatch(/共 2,\d{3} 个/);

    // Expand 鼎城区 (430703): its townships load from the API.
    const county = tree.getByRole('treeitem', { name: /鼎城区/ });
    await county.locator('.ant-tree-switcher').click();
    await expect.poll(() => county.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => tree.getByText('灌溪街道').count()).toBeGreaterThan(0);
    await tree.getByText('灌溪街道').click();
    await expect.poll(() => page.getByTestId('orgs-title').textContent()).toContain('灌溪街道');
    await page.screenshot({ path: path.join(outDir, 'admin-county-expanded.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
