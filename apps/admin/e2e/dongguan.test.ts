import path from 'node:path';
import { login, startBrowserHarness, type BrowserHarness } from '@dangjian/server/testing';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined } from '@dangjian/db';

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
    await h.close();
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
    expect(defined(listing.worksheets[0]).rowCount).toBeGreaterThan(3);
    const election = await download(page, /导出附件3/);
    expect(election.worksheets.length).toBeGreaterThan(0);
    await page.screenshot({
      path: path.join(h.outDir, 'dongguan-rectification.png'),
      fullPage: true,
    });

    expect(errors).toEqual([]);
    await page.close();
  });

  it('floors hold each cadre’s recorded basic pay to 2 × farmers’ income, and the upgrade report records a dispatch', async () => {
    const { page, errors } = await h.newPage({ width: 1440, height: 1000 });
    await page.goto(`${h.baseUrl}/admin/floors`);
    await login(page, 'city_admin');
    await expect
      .poll(() => page.getByTestId('floors-title').textContent())
      .toContain('东莞市 2026 年保障底线');
    await expect.poll(() => page.getByTestId('floors-policy').textContent()).toContain('东组通');

    // 村（社区）干部基本报酬: real figures, each against 2 × the farmers' per-capita net income.
    await page.getByRole('tab', { name: '村（社区）干部基本报酬' }).click();
    await expect
      .poll(() => page.getByTestId('cadre-pay-rules').textContent())
      .toMatch(/农民人均纯收入.*2.*东组通〔2015〕34号 第四部分第3项/);
    const belowTag = page.getByText(/低于底线 \d+ 人/).first();
    await expect.poll(() => belowTag.textContent()).toMatch(/低于底线 [1-9]\d* 人/);
    const before = Number(/低于底线 (\d+) 人/.exec((await belowTag.textContent()) ?? '')?.[1]);
    const low = page.getByRole('row', { name: /低于底线/ }).first();
    await low.getByRole('button', { name: /修\s*改/ }).click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel('全年基本报酬').fill('90000');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByText('已保存').count()).toBeGreaterThan(0);
    await expect
      .poll(async () => Number(/低于底线 (\d+) 人/.exec((await belowTag.textContent()) ?? '')?.[1]))
      .toBe(before - 1);
    await page.screenshot({ path: path.join(h.outDir, 'dongguan-cadre-pay.png'), fullPage: true });

    // 晋位升级 → 选派名单: record a dispatch for an organisation still without one.
    await page.getByRole('menuitem', { name: '晋位升级' }).click();
    await expect.poll(() => page.getByTestId('upgrade-title').textContent()).toContain('东莞市');
    await expect.poll(() => page.getByTestId('upgrade-policy').textContent()).toContain('东组通');
    await page.getByRole('tab', { name: '选派名单' }).click();
    const missing = page.getByRole('row', { name: /尚未登记选派/ }).first();
    await missing.waitFor();
    const record = missing.getByRole('button', { name: /^登记选派：/ });
    const orgName = ((await record.getAttribute('aria-label')) ?? '').replace('登记选派：', '');
    await record.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('干部姓名').fill('莞测试');
    await dialog.getByLabel('派出单位').fill('东莞市委组织部');
    const leader = dialog.getByText('工作组组长（担任第一书记）');
    if ((await leader.count()) > 0) await leader.click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByText('已登记选派').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    const row = page.getByRole('row', { name: new RegExp(orgName) }).first();
    await expect.poll(() => row.textContent()).toContain('莞测试');
    await page.screenshot({ path: path.join(h.outDir, 'dongguan-dispatch.png'), fullPage: true });

    expect(errors).toEqual([]);
    await page.close();
  });
});
