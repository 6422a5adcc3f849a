import path from 'node:path';
import { login, startBrowserHarness, type BrowserHarness } from '@dangjian/server/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { defined } from '@dangjian/db';

/** A year the demo seed leaves ungraded. */
const YEAR = '2024 年';
const POOL_YUAN = '12345.67';
const POOL_FEN = 1_234_567;

async function pickOption(page: Page, select: ReturnType<Page['getByTestId']>, title: string) {
  await select.click();
  await page
    .locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`)
    .click();
}

describe('yearly grading and pay run in Chromium', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname });
  });

  afterAll(async () => {
    await h.close();
  });

  it('a county admin grades a township in bulk, runs its pay in pool mode, commits, and the exported payroll adds up to the pool', async () => {
    const { page, errors: pageErrors } = await h.newPage({ width: 1440, height: 1000 });
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'county_admin');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('武陵区');

    // Pay before grading: the preview names the ungraded village orgs (白鹤镇 has villages; its communities and other orgs take no part).
    await page.getByRole('menuitem', { name: '报酬核算' }).click();
    // Pages load lazily and the router keeps the old page on screen until the new one is ready.
    await page.getByTestId('pay-title').waitFor();
    await page.getByTestId('region-tree').getByText('白鹤镇').click();
    await expect.poll(() => page.getByTestId('pay-title').textContent()).toContain('白鹤镇');
    await pickOption(page, page.getByTestId('pay-year'), YEAR);
    await page.getByLabel('报酬总额（元）').fill(POOL_YUAN);
    await page.getByRole('button', { name: /预\s*览/ }).click();
    await expect
      .poll(() => page.getByTestId('pay-error').textContent())
      .toMatch(/尚未评定 2024 年度等次/);

    // 分类定级: select every org of 白鹤镇 and grade them 好 in one go.
    await page.getByRole('menuitem', { name: '分类定级' }).click();
    await page.getByTestId('grading-title').waitFor();
    await page.getByTestId('region-tree').getByText('白鹤镇').click();
    await expect.poll(() => page.getByTestId('grading-title').textContent()).toContain('白鹤镇');
    await pickOption(page, page.getByTestId('grading-year'), YEAR);
    await expect.poll(() => page.getByTestId('grading-title').textContent()).toContain('2024 年度');
    await expect
      .poll(() => page.getByTestId('grading-summary').textContent())
      .toMatch(/未定级 [1-9]/);
    await page.locator('.ant-table-thead .ant-checkbox-input').first().check();
    await page.getByRole('button', { name: /批量定级/ }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="好"]').click();
    await modal.getByLabel('理由').fill('经年度考核和党员群众评议');
    await modal.getByRole('button', { name: /确定定级/ }).click();
    await expect.poll(() => page.getByText(/已为 \d+ 个党组织定级/).count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('grading-summary').textContent())
      .toContain('未定级 0');
    await page.screenshot({ path: path.join(h.outDir, 'grading-bulk.png'), fullPage: true });

    // 报酬核算: pool mode, preview, commit.
    await page.getByRole('menuitem', { name: '报酬核算' }).click();
    // Pages load lazily and the router keeps the old page on screen until the new one is ready.
    await page.getByTestId('pay-title').waitFor();
    await page.getByTestId('region-tree').getByText('白鹤镇').click();
    await pickOption(page, page.getByTestId('pay-year'), YEAR);
    await page.getByLabel('报酬总额（元）').fill(POOL_YUAN);
    await page.getByRole('button', { name: /预\s*览/ }).click();
    await expect.poll(() => page.getByTestId('pay-total').textContent()).toBe('12,345.67 元');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByRole('button', { name: /确定提交/ }).click();
    await expect
      .poll(() => page.getByText(/已提交报酬核算（编号 \d+）/).count())
      .toBeGreaterThan(0);
    const runs = page.getByTestId('pay-runs');
    await expect.poll(() => runs.getByText('已提交').count()).toBe(1);
    await page.screenshot({ path: path.join(h.outDir, 'pay-committed.png'), fullPage: true });

    // 导出工资表: the file's totals row equals the pool to the fen.
    const downloading = page.waitForEvent('download');
    await runs.getByRole('button', { name: /导出工资表/ }).click();
    const download = await downloading;
    const file = path.join(h.outDir, 'payroll.xlsx');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(
      /^白鹤镇2024年度村（社区）党组织书记报酬表（核算\d+）\.xlsx$/,
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = defined(workbook.worksheets[0]);
    // The lines sit between the header row (序号 …) and 合计; what follows (the organisations
    // not paid, the signatures) is not money.
    let totalFen: number | null = null;
    let linesFen = 0;
    let lines = 0;
    let inLines = false;
    sheet.eachRow((row) => {
      const first = row.getCell(1).text;
      if (first === '序号') {
        inLines = true;
        return;
      }
      if (!inLines) return;
      const v = row.getCell(8).value;
      const yuan =
        typeof v === 'object' && v !== null && 'result' in v ? Number(v.result) : Number(v);
      if (first === '合计') {
        totalFen = Math.round(yuan * 100);
        inLines = false;
      } else {
        linesFen += Math.round(yuan * 100);
        lines += 1;
      }
    });
    expect(totalFen).toBe(POOL_FEN);
    expect(linesFen).toBe(POOL_FEN);
    expect(lines).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
