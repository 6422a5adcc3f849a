import path from 'node:path';
import {
  buttonName,
  login,
  startBrowserHarness,
  type BrowserHarness,
} from '@dangjian/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A past year the demo seed leaves without reviews (the seed holds 2025): dates stay valid. */
const YEAR = '2024 年';

async function pickOption(page: Page, select: ReturnType<Page['getByTestId']>, title: string) {
  await select.click();
  await page
    .locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`)
    .click();
}

async function openReview(page: Page) {
  await page.getByRole('menuitem', { name: '述职评议' }).click();
  // Pages load lazily: wait for this page before touching controls that exist on others too.
  await page.getByTestId('review-title').waitFor();
  await pickOption(page, page.getByTestId('review-year'), YEAR);
  await expect.poll(() => page.getByTestId('review-title').textContent()).toContain('2024 年度');
}

describe('report-and-review (述职评议) in Chromium', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname });
  });

  afterAll(async () => {
    await h.close();
  });

  it('a township schedules the review (79 refused, 80 accepted), walks a secretary to feedback, and the county sees the result', async () => {
    const { page, errors } = await h.newPage();
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'township');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('启明街道');
    await openReview(page);
    await expect.poll(() => page.getByTestId('review-title').textContent()).toContain('启明街道');

    // Schedule with 79 participants: the live count says 79, the server refuses in Chinese.
    await page.getByLabel('会议日期').fill('2024-11-20');
    await page.getByLabel('会议地点').fill('启明街道党群服务中心');
    for (const [label, n] of [
      ['党代会代表（人）', '16'],
      ['人大代表（人）', '16'],
      ['政协委员（人）', '16'],
      ['基层党员干部（人）', '16'],
      ['群众代表（人）', '15'],
    ] as const) {
      await page.getByLabel(label).fill(n);
    }
    await page.getByLabel('人大代表名单').fill('张人大、李人大');
    await expect.poll(() => page.getByTestId('participants-total').textContent()).toBe('79 人');
    await page.getByRole('button', { name: '安排会议' }).click();
    await expect
      .poll(() => page.getByTestId('review-error').textContent())
      .toBe('参会人数（participants）：述职评议参会人员不少于 80 人，当前 79 人');
    await page.screenshot({ path: path.join(h.outDir, 'review-79-refused.png'), fullPage: true });

    // 80: accepted; every village/community secretary of 启明街道 is listed.
    await page.getByLabel('群众代表（人）').fill('16');
    await expect.poll(() => page.getByTestId('participants-total').textContent()).toBe('80 人');
    await page.getByRole('button', { name: '安排会议' }).click();
    await expect.poll(() => page.getByText(/已安排述职评议会议/).count()).toBeGreaterThan(0);
    const results = page.getByTestId('review-results');
    await expect.poll(() => results.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(3);

    // Hold it.
    await page.getByLabel('实际召开日期').fill('2024-11-20');
    await page.getByRole('button', { name: '登记召开' }).click();
    await expect.poll(() => page.getByText('已召开').count()).toBeGreaterThan(0);

    // The first secretary: report → review → comments → rating 不合格 → consequence → feedback.
    const firstRow = results.locator('tbody tr.ant-table-row').first();
    await firstRow.getByRole('button', { name: buttonName('登记') }).click();
    const drawer = page.locator('.ant-drawer-body:visible');
    await drawer.getByLabel('述职报告（全文或摘要）').fill('2024 年度抓基层党建工作述职报告');
    await drawer.getByLabel('报告提交日期').fill('2024-11-01');
    await drawer.getByRole('button', { name: '保存报告' }).click();
    await expect.poll(() => page.getByText('已保存述职报告').count()).toBeGreaterThan(0);
    await drawer.getByLabel('审阅日期').fill('2024-11-05');
    await drawer.getByLabel('审阅意见').fill('同意提交会议述职');
    await drawer.getByRole('button', { name: '保存审阅' }).click();
    await expect.poll(() => page.getByText('已保存审阅意见').count()).toBeGreaterThan(0);
    await drawer.getByLabel('镇党委书记点评意见').fill('组织生活不规范，整改不到位');
    await drawer.getByLabel('参会人员评议意见').fill('群众反映较差');
    await drawer.getByLabel('现场提问').fill('问题何时整改完毕？');
    await drawer.getByRole('button', { name: '保存点评' }).click();
    await expect.poll(() => page.getByText('已保存点评意见').count()).toBeGreaterThan(0);
    await drawer.getByText('不合格', { exact: true }).click();
    await drawer.getByRole('button', { name: '保存等次' }).click();
    await expect.poll(() => page.getByText('已保存评议等次').count()).toBeGreaterThan(0);

    // Feedback before the consequence: refused.
    await drawer.getByLabel('反馈日期').fill('2024-11-25');
    await drawer.getByLabel('反馈方式').fill('召开村党组织会议当面反馈');
    await drawer.getByRole('button', { name: '反馈结果' }).click();
    await expect
      .poll(() => drawer.getByTestId('review-step-error').last().textContent())
      .toContain('须先由上一级党委作出书面提醒或诫勉谈话');
    await page.screenshot({
      path: path.join(h.outDir, 'review-consequence-required.png'),
      fullPage: true,
    });

    await drawer.getByText('诫勉谈话', { exact: true }).click();
    await drawer.getByLabel('处理机关').fill('中共启明街道工作委员会');
    await drawer.getByLabel('处理日期').fill('2024-11-22');
    await drawer.getByRole('button', { name: '保存处理' }).click();
    await expect.poll(() => page.getByText('已保存处理情况').count()).toBeGreaterThan(0);
    await drawer.getByRole('button', { name: '反馈结果' }).click();
    await expect
      .poll(() => drawer.getByTestId('review-fed-back').textContent())
      .toContain('已于 2024-11-25 向村（社区）党组织反馈评议结果');
    await page.screenshot({ path: path.join(h.outDir, 'review-fed-back.png'), fullPage: true });
    await page.keyboard.press('Escape');

    // The results table and the secretary's history (2025 from the demo data, 2024 just now).
    await expect.poll(() => firstRow.textContent()).toContain('诫勉谈话');
    await firstRow.locator('td').nth(2).getByRole('button').click();
    const history = page.getByTestId('review-history');
    await expect
      .poll(() => history.locator('tbody tr.ant-table-row').allTextContents())
      .toEqual([expect.stringMatching(/^2025/), expect.stringMatching(/^2024.*不合格.*诫勉谈话/)]);
    await page.screenshot({ path: path.join(h.outDir, 'review-history.png'), fullPage: true });
    expect(errors).toEqual([]);

    // The county sees 启明街道's result in its summary and in the township's table.
    const county = await h.newPage();
    await county.page.goto(`${h.baseUrl}/admin/`);
    await login(county.page, 'county_admin');
    await expect
      .poll(() => county.page.getByTestId('current-user').textContent())
      .toContain('武陵区');
    await openReview(county.page);
    const qiming = county.page
      .getByTestId('review-townships')
      .locator('tr.ant-table-row', { hasText: '启明街道' });
    await expect.poll(() => qiming.textContent()).toContain('已召开');
    await expect
      .poll(() => county.page.getByTestId('review-summary').textContent())
      .toContain('已安排 1 个');
    await county.page.screenshot({
      path: path.join(h.outDir, 'review-county-summary.png'),
      fullPage: true,
    });
    await qiming.getByRole('button', { name: '启明街道' }).click();
    await expect
      .poll(() => county.page.getByTestId('review-title').textContent())
      .toContain('启明街道');
    await expect
      .poll(() =>
        county.page
          .getByTestId('review-results')
          .locator('tbody tr.ant-table-row')
          .first()
          .textContent(),
      )
      .toMatch(/不合格.*诫勉谈话.*2024-11-25/);
    await county.page.screenshot({
      path: path.join(h.outDir, 'review-county-township.png'),
      fullPage: true,
    });
    expect(county.errors).toEqual([]);
  });
});
