import path from 'node:path';
import { login, startBrowserHarness, type BrowserHarness } from '@dangjian/server/testing';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * 东莞 (4419): a city without counties, governed by its own 东组通〔2015〕34号. Its department
 * walks the year as the city that does a county's work itself.
 */
const DONGCHENG = '441900003000'; // 东城街道

describe('东莞市 (no county level, its own notice) in Chromium', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname, prefix: '4419' });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function download(page: Page, button: RegExp): Promise<ExcelJS.Workbook> {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: button }).click();
    const file = await downloading;
    const target = path.join(h.outDir, `dongguan-${file.suggestedFilename()}`);
    await file.saveAs(target);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(target);
    return workbook;
  }

  it('the city admin sees its towns on the dashboard, grades a town, lists for rectification by its own notice and exports 附件1-3', async () => {
    const { page, errors } = await h.newPage({ width: 1440, height: 1000 });
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'city_admin');

    // The dashboard's columns are the towns themselves (no county in between).
    await expect
      .poll(() => page.getByTestId('dashboard-title').textContent())
      .toContain('东莞市 2026 年概览');
    await expect.poll(() => page.getByTestId(`drill-${DONGCHENG}`).count()).toBe(1);
    await page.screenshot({ path: path.join(h.outDir, 'dongguan-dashboard.png'), fullPage: true });

    // The policy in force: 东莞's own notice, named for people.
    await page.getByRole('menuitem', { name: '政策参数' }).click();
    const panel = page.getByTestId('effective-panel');
    await expect
      .poll(() => page.getByTestId('policy-label').textContent())
      .toMatch(/^东组通〔2015〕34号/);
    const rounding = panel.getByRole('row', { name: /整顿对象比例取整方式：村党组织/ });
    await expect.poll(() => rounding.textContent()).toContain('四舍五入');
    expect(await rounding.textContent()).toContain('东组通〔2015〕34号 第二部分');
    expect(await rounding.textContent()).toContain('本地区文件');

    // 分类定级 of a town: its village and community organisations, graded.
    await page.getByRole('menuitem', { name: '分类定级' }).click();
    await page.getByTestId('grading-title').waitFor();
    await page.getByTestId('region-tree').getByText('东城街道').click();
    await expect.poll(() => page.getByTestId('grading-title').textContent()).toContain('东城街道');
    await expect.poll(() => page.getByTestId('grading-summary').textContent()).toMatch(/好/);

    // 整顿软弱涣散: the city is its own filing unit; ~10 % of villages and communities, half-up.
    await page.getByRole('menuitem', { name: '整顿软弱涣散' }).click();
    await expect
      .poll(() => page.getByTestId('rectification-title').textContent())
      .toContain('东莞市');
    await expect.poll(() => page.getByTestId('quota-village').first().textContent()).toMatch(/\d/);
    const summary = await download(page, /导出附件1/);
    expect(summary.worksheets.length).toBeGreaterThan(0);
    const listing = await download(page, /导出附件2/);
    expect(listing.worksheets[0]!.rowCount).toBeGreaterThan(3);
    const election = await download(page, /导出附件3/);
    expect(election.worksheets.length).toBeGreaterThan(0);
    await page.screenshot({
      path: path.join(h.outDir, 'dongguan-rectification.png'),
      fullPage: true,
    });

    expect(errors).toEqual([]);
    await page.close();
  });
});
