import path from 'node:path';
import { login, startBrowserHarness, type BrowserHarness } from '@dangjian/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Waits until the charts have finished drawing (their entry animation): every canvas on the page
 * shows the same pixels on two checks in a row.
 */
async function chartsSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { lastChartPixels?: string };
      const pixels = [...document.querySelectorAll('canvas')].map((c) => c.toDataURL()).join('|');
      const settled = pixels.length > 0 && w.lastChartPixels === pixels;
      w.lastChartPixels = pixels;
      return settled;
    },
    undefined,
    { polling: 250, timeout: 30_000 },
  );
}

describe('dashboard, floors and upgrade report in Chromium', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname });
  });

  afterAll(async () => {
    await h.close();
  });

  it('a county admin lands on the dashboard, drills into a township and back, then opens floors and the upgrade report', async () => {
    const { page, errors: pageErrors } = await h.newPage({ width: 1440, height: 1000 });
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'county_admin');

    // Landing page: the county's dashboard with its townships as children.
    await expect.poll(() => page.url()).toContain('/admin/dashboard');
    await expect
      .poll(() => page.getByTestId('dashboard-title').textContent())
      .toContain('武陵区 2026 年概览');
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByTestId('drill-430702001000').count()).toBe(1);
    await chartsSettled(page); // the bars have finished their entry animation
    await page.screenshot({ path: path.join(h.outDir, 'dashboard-county.png'), fullPage: true });

    // Drill down into 启明街道: its villages and communities become the columns.
    await page.getByTestId('drill-430702001000').click();
    await expect
      .poll(() => page.getByTestId('dashboard-title').textContent())
      .toContain('启明街道');
    await expect.poll(() => page.getByText('启明街道（本级）').count()).toBeGreaterThan(0);
    await chartsSettled(page);
    await page.screenshot({ path: path.join(h.outDir, 'dashboard-township.png'), fullPage: true });
    // The breadcrumb leads back to the county.
    await page.getByTestId('crumb-430702000000').click();
    await expect.poll(() => page.getByTestId('dashboard-title').textContent()).toContain('武陵区');

    // 保障底线: the county's floors with the notice that sets each.
    await page.getByRole('menuitem', { name: '保障底线' }).click();
    await expect
      .poll(() => page.getByTestId('floors-title').textContent())
      .toContain('武陵区 2026 年保障底线');
    await expect
      .poll(() => page.getByRole('cell', { name: '村平均运转保障经费' }).count())
      .toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/常委〔2012〕5号 第十六条/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(h.outDir, 'floors-county.png'), fullPage: true });

    // 晋位升级: target table, then the sanction list.
    await page.getByRole('menuitem', { name: '晋位升级' }).click();
    await expect
      .poll(() => page.getByTestId('upgrade-title').textContent())
      .toContain('武陵区 2026 年晋位升级');
    await expect.poll(() => page.getByRole('cell', { name: '“较差”类' }).count()).toBe(1);
    await page.screenshot({ path: path.join(h.outDir, 'upgrade-targets.png'), fullPage: true });
    await page.getByRole('tab', { name: '不得提拔重用和评先评优名单' }).click();
    await expect
      .poll(() => page.getByText(/不得提拔重用和评先评优（常委/).count())
      .toBeGreaterThan(0);
    await page.screenshot({ path: path.join(h.outDir, 'upgrade-sanctions.png'), fullPage: true });
    await page.getByRole('tab', { name: '选派名单' }).click();
    await expect.poll(() => page.getByText('尚未登记选派').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(h.outDir, 'upgrade-dispatch.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('the city admin sees every county, short ones first, with shortfalls in 元 with thousands separators', async () => {
    const { page } = await h.newPage({ width: 1440, height: 1000 });
    await page.goto(`${h.baseUrl}/admin/floors`);
    await login(page, 'city_admin');
    await expect
      .poll(() => page.getByTestId('floors-title').textContent())
      .toContain('常德市 2026 年保障底线');
    await expect.poll(() => page.getByTestId('shortfall').count()).toBeGreaterThan(0);
    const first = await page.getByTestId('shortfall').first().textContent();
    expect(first).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    await page.screenshot({ path: path.join(h.outDir, 'floors-city.png'), fullPage: true });
    await page.close();
  });
});
