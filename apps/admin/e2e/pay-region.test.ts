import path from 'node:path';
import { login, startBrowserHarness, type BrowserHarness } from '@dangjian/server/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined } from '@dangjian/db';

/** Every township of 武陵区 graded by the demo seed in the current year (2026). */
const BASE_YUAN = '24000';

describe('a county pays all its townships at once (统一核算) in Chromium', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname });
  });

  afterAll(async () => {
    await h.close();
  });

  it('a county admin runs the county, sees it finish, and the payroll has one sheet per township adding up to the total', async () => {
    const { page, errors } = await h.newPage({ width: 1440, height: 1000 });
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'county_admin');
    await page.getByRole('menuitem', { name: '报酬核算' }).click();
    await page.getByTestId('pay-region').waitFor();
    await page.getByLabel('统一“好”类基数（元）').fill(BASE_YUAN);
    await page.getByRole('button', { name: /统一核算/ }).click();
    await page.getByRole('button', { name: /开始核算/ }).click();
    await expect
      .poll(() => page.getByTestId('pay-region-status').textContent(), { timeout: 30_000 })
      .toMatch(/已完成.*已核算 \d+ 个乡镇（街道）.*合计 [\d,]+\.\d{2} 元/);
    const status = defined(await page.getByTestId('pay-region-status').textContent());
    const total = Math.round(
      Number(defined(/合计 ([\d,.]+) 元/.exec(status))[1]?.replace(/,/g, '')) * 100,
    );
    const townships = Number(defined(/已核算 (\d+) 个/.exec(status))[1]);
    // the township runs are listed below, one committed run per township
    await expect
      .poll(() => page.getByTestId('pay-runs').locator('tbody tr.ant-table-row').count())
      .toBeGreaterThanOrEqual(townships);
    await page.screenshot({ path: path.join(h.outDir, 'pay-region.png'), fullPage: true });

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出发放表（分乡镇）/ }).click();
    const download = await downloading;
    const file = path.join(h.outDir, 'pay-region.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets).toHaveLength(townships + 1);
    const summary = defined(workbook.worksheets[0]);
    let printed: number | null = null;
    summary.eachRow((row) => {
      if (row.getCell(1).value !== '合计') return;
      const v = row.getCell(6).value;
      printed = Math.round(
        Number(typeof v === 'object' && v && 'result' in v ? v.result : v) * 100,
      );
    });
    expect(printed).toBe(total);
    expect(errors).toEqual([]);
  });

  it('on a phone (390 px) the county run fits the screen and lists the runs made', async () => {
    const { page, errors } = await h.newPage({ width: 390, height: 844 });
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'county_admin');
    await page.getByTestId('nav-toggle').click();
    await page.locator('.ant-drawer-open').getByRole('menuitem', { name: '报酬核算' }).click();
    await page.getByTestId('pay-region').waitFor();
    await expect
      .poll(() => page.getByTestId('pay-region-jobs').locator('tbody tr.ant-table-row').count())
      .toBeGreaterThan(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await expect(page.getByRole('button', { name: /统一核算/ }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(h.outDir, 'pay-region-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('a township account has no county run on its pay page', async () => {
    const { page } = await h.newPage({ width: 1440, height: 1000 });
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'township');
    await page.getByRole('menuitem', { name: '报酬核算' }).click();
    await page.getByTestId('pay-title').waitFor();
    await expect.poll(() => page.getByTestId('pay-runs').count()).toBe(1);
    expect(await page.getByTestId('pay-region').count()).toBe(0);
  });
});
