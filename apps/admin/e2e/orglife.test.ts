import path from 'node:path';
import { login, startBrowserHarness, type BrowserHarness } from '@dangjian/server/testing';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined } from '@dangjian/db';

/** Today in China, as the pages and the API count it. */
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('organisation life (组织生活) in Chromium', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname });
  });

  afterAll(async () => {
    await h.close();
  });

  /** Opens a module from the menu and waits for its (lazily loaded) page to show 武陵区. */
  async function open(page: Page, menu: string, testId: string, title: string) {
    await page.getByRole('menuitem', { name: menu, exact: true }).click();
    await page.getByTestId(testId).waitFor();
    await expect.poll(() => page.getByTestId(testId).textContent()).toContain(title);
  }

  /** Clicks 导出 Excel and reads the workbook that downloads. */
  async function exportSheet(page: Page, file: string) {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const download = await downloading;
    const saved = path.join(h.outDir, file);
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    return { name: download.suggestedFilename(), wb };
  }

  function column(sheet: ExcelJS.Worksheet, n: number): string[] {
    const out: string[] = [];
    sheet.eachRow((row, i) => {
      if (i > 2) out.push(row.getCell(n).text);
    });
    return out;
  }

  it('a county user opens each module, sees the cases the rules flag, and exports a sheet from each', async () => {
    const { page, errors } = await h.newPage();
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'county_admin');
    await expect.poll(() => page.url()).toContain('/admin/dashboard');

    // Dashboard: a row per module.
    const card = page.getByTestId('orglife-card');
    await card.waitFor();
    for (const m of ['coverage', 'reserves', 'development', 'meetings', 'terms', 'demoSites']) {
      await expect.poll(() => card.getByTestId(`orglife-${m}`).count()).toBe(1);
    }
    await expect.poll(() => card.getByText(/存在覆盖缺口 \d+ 个/).count()).toBe(1);
    await page.screenshot({ path: path.join(h.outDir, 'orglife-dashboard.png'), fullPage: true });

    // 组织覆盖: the 60-employee enterprise with 2 members and no org is a gap.
    await open(page, '组织覆盖', 'coverage-title', '武陵区非公企业和社会组织党的组织覆盖');
    await page.getByText('只看存在缺口').click();
    const fixed = page.getByRole('row').filter({ hasText: '启明示例精密电子有限公司' });
    await expect.poll(() => fixed.count()).toBe(1);
    await expect.poll(() => fixed.getByText('未单独组建党组织').count()).toBe(1);
    await expect.poll(() => fixed.getByText('年底前单独组建').count()).toBe(1);
    await page.screenshot({ path: path.join(h.outDir, 'orglife-coverage.png'), fullPage: true });
    const coverage = await exportSheet(page, 'orglife-coverage.xlsx');
    expect(coverage.name).toBe(`武陵区非公企业和社会组织党组织覆盖情况（${TODAY}）.xlsx`);
    const coverageSheet = defined(coverage.wb.getWorksheet('覆盖情况'));
    expect(coverageSheet.getRow(2).getCell(1).text).toBe('单位名称');
    expect(column(coverageSheet, 1)).toContain('启明示例精密电子有限公司');

    // 后备干部: villages below one reserve each.
    await open(page, '后备干部', 'reserves-title', '武陵区村（社区）党组织书记后备干部');
    await page.getByText('只看后备不足').click();
    await expect.poll(() => page.getByText(/缺 1 人/).count()).toBeGreaterThan(0);
    const reserves = await exportSheet(page, 'orglife-reserves.xlsx');
    expect(reserves.name).toBe(`武陵区后备干部和35岁以下村党组织带头人台账（${TODAY}）.xlsx`);
    expect(reserves.wb.worksheets.map((w) => w.name)).toEqual(['后备干部配备', '35岁以下台账']);

    // 发展党员: a village two years without a new member bars its secretary.
    await open(page, '发展党员', 'development-title', '武陵区');
    await page.getByRole('tab', { name: '连续两年未发展的村' }).click();
    await expect.poll(() => page.getByText('不得提名为下届书记候选人').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('须至少发展一名').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(h.outDir, 'orglife-development.png'), fullPage: true });
    const development = await exportSheet(page, 'orglife-development.xlsx');
    expect(development.wb.getWorksheet('连续两年未发展党员的村')).toBeDefined();

    // 联席会议: this quarter, villages with missed weeks.
    await open(page, '联席会议', 'meetings-title', '武陵区村（社区）联席会议落实情况');
    await page.getByText('只看未落实').click();
    await expect.poll(() => page.getByText(/^\d+\/\d+ 周$/).count()).toBeGreaterThan(0);
    const meetings = await exportSheet(page, 'orglife-meetings.xlsx');
    expect(meetings.name).toMatch(
      /^武陵区联席会议落实情况（\d{4}-\d{2}-01至\d{4}-\d{2}-\d{2}）\.xlsx$/,
    );
    const meetingSheet = defined(meetings.wb.getWorksheet('联席会议落实情况'));
    expect(meetingSheet.getRow(2).getCell(6).text).toBe('缺会周数');

    // 按期换届: overdue orgs, and a postponed soft-and-lax village shown as postponed.
    await open(page, '按期换届', 'terms-title', '武陵区届期届满未换届的基层党组织');
    await expect.poll(() => page.getByText(/^逾期未换届（\d+ 天）$/).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/^整顿期间推迟换届/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(h.outDir, 'orglife-terms.png'), fullPage: true });
    const terms = await exportSheet(page, 'orglife-terms.xlsx');
    expect(column(defined(terms.wb.getWorksheet('届期届满未换届')), 10)).toContain(
      '整顿期间推迟换届',
    );

    // 示范点: targets against designated sites.
    await open(page, '示范点', 'demo-sites-title', '武陵区');
    await expect
      .poll(() => page.getByRole('cell', { name: '示范村', exact: true }).count())
      .toBeGreaterThan(0);
    const sites = await exportSheet(page, 'orglife-demo-sites.xlsx');
    expect(sites.wb.worksheets.map((w) => w.name)).toEqual(['目标完成情况', '示范点名单']);

    expect(errors).toEqual([]);
    await page.close();
  });
});
