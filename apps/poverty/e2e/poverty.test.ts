import path from 'node:path';
import { poorVillages, regions } from '@dangjian/db/schema';
import {
  buttonName,
  login,
  startBrowserHarness,
  type BrowserHarness,
} from '@dangjian/server/testing';
import { and, asc, eq, isNull, like } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined } from '@dangjian/db';

describe('poverty-relief village tracking in Chromium', () => {
  let h: BrowserHarness;
  /** A 鼎城区 village not yet in the register, which the office registers. */
  let village: { code: string; name: string; township: string };

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname });
    const township = regions;
    const [row] = await h.database.db
      .select({ code: regions.code, name: regions.name, parentCode: regions.parentCode })
      .from(regions)
      .leftJoin(poorVillages, eq(poorVillages.regionCode, regions.code))
      .where(
        and(
          eq(regions.level, 'village'),
          eq(regions.kind, 'village'),
          like(regions.code, '430703%'),
          isNull(poorVillages.id),
        ),
      )
      .orderBy(asc(regions.code))
      .limit(1);
    const [parent] = await h.database.db
      .select({ name: township.name })
      .from(township)
      .where(eq(township.code, defined(defined(row).parentCode)));
    village = { code: defined(row).code, name: defined(row).name, township: defined(parent).name };
  });

  afterAll(async () => {
    await h.close();
  });

  async function stat(page: Page, testid: string): Promise<number> {
    await expect.poll(() => page.getByTestId(testid).count()).toBe(1);
    return Number(await page.getByTestId(testid).textContent());
  }

  /** Opens 覆盖检查 and reads the number of gaps (polled: the page refetches on open). */
  async function openCoverage(page: Page): Promise<() => Promise<number>> {
    await page.getByRole('menuitem', { name: '覆盖检查' }).click();
    await expect.poll(() => page.getByTestId('gap-count').count()).toBe(1);
    return async () => Number(await page.getByTestId('gap-count').textContent());
  }

  it('the office registers a village and posts a team, a team member logs a visit on a phone, coverage and the overview change, and an assessment flags a cadre', async () => {
    const { page, errors } = await h.newPage({ width: 1440, height: 1000 });
    await page.goto(`${h.baseUrl}/poverty/`);
    await login(page, 'poverty');
    const registered = await stat(page, 'stat-registered');
    const teams = await stat(page, 'stat-teams');
    const entries = await stat(page, 'stat-entries');
    const gaps = await (await openCoverage(page))();

    // Register the village: it appears among the gaps (no team yet).
    await page.getByRole('menuitem', { name: '贫困村' }).click();
    await page.getByRole('button', { name: '登记贫困村' }).click();
    // The options load as the search is typed; only the answer to the search typed is offered
    // (never the previous search's list, which is replaced under the pointer when it lands).
    const dialog = page.getByRole('dialog');
    await page.getByLabel('村（社区）').fill(village.name);
    const option = page.locator('.ant-select-item-option', { hasText: village.name }).first();
    await option.waitFor({ state: 'visible' });
    await option.click();
    await expect
      .poll(() =>
        dialog.locator('.ant-select-content, .ant-select-selection-item').first().textContent(),
      )
      .toContain(village.name);
    await page.getByLabel('认定年度').fill('2015');
    await page.getByLabel('总户数').fill('420');
    await page.getByLabel('建档立卡贫困户').fill('61');
    await page.getByLabel('贫困人口').fill('170');
    await page.getByLabel('认定时村集体经济收入').fill('12000');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: buttonName('登记') })
      .click();
    // The dialog closes once the village is registered (it stays open with the reason otherwise).
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(await openCoverage(page)).toBe(gaps + 1);
    const gapLink = page.getByRole('link', { name: village.name, exact: true });
    await expect.poll(() => gapLink.count()).toBe(1);

    // Post a team whose leader serves as first secretary: the gap closes.
    await gapLink.click();
    await page.getByRole('button', { name: '派驻工作队' }).click();
    await page.getByLabel('派出单位').fill('市财政局');
    await page.getByLabel('姓名').first().fill('周建国');
    await page.getByLabel('职务').first().fill('副处长');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: buttonName('派驻') })
      .click();
    await expect.poll(() => page.getByText('第一书记', { exact: true }).count()).toBeGreaterThan(0);
    await page.screenshot({
      path: path.join(h.outDir, 'poverty-village-team.png'),
      fullPage: true,
    });
    await expect.poll(await openCoverage(page)).toBe(gaps);

    // A team member logs a visit on a 390 px wide phone.
    const phone = await h.newPage({ width: 390, height: 844 });
    await phone.page.goto(`${h.baseUrl}/poverty/`);
    await login(phone.page, 'team_member');
    await expect.poll(() => phone.page.getByTestId('my-village').count()).toBe(1);
    const items = phone.page.getByTestId('work-log-item');
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    // How many entries the log holds: its pager states it (共 N 条) past one page of 10; on a
    // single page (the pager hidden) it is the number of entries shown. Read once the list is there.
    const pager = phone.page.getByText(/共 \d+ 条/);
    const logged = async () =>
      (await pager.count()) > 0
        ? Number(/共 (\d+) 条/.exec((await pager.textContent()) ?? '')?.[1])
        : items.count();
    const before = await logged();
    expect(before).toBeGreaterThan(0);
    await phone.page.locator('#area').getByText('解难题办实事', { exact: true }).click();
    await phone.page.getByLabel('工作纪实').fill('走访 6 户脱贫监测户，协调解决饮水问题');
    await phone.page.getByLabel('走访（受益）户数').fill('6');
    await phone.page.getByRole('button', { name: '提交日志' }).click();
    await expect.poll(() => phone.page.getByText('已记录工作日志').count()).toBeGreaterThan(0);
    await expect
      .poll(() => items.first().textContent())
      .toContain('走访 6 户脱贫监测户，协调解决饮水问题');
    await expect.poll(logged).toBe(before + 1);
    // The page's own content fits the phone screen.
    const widest = await phone.page.evaluate(() =>
      Math.max(
        ...[...document.querySelectorAll('.ant-layout-content *')].map(
          (e) => e.getBoundingClientRect().right,
        ),
      ),
    );
    expect(widest).toBeLessThanOrEqual(390);
    await phone.page.screenshot({
      path: path.join(h.outDir, 'poverty-team-member-phone.png'),
      fullPage: true,
    });
    expect(phone.errors).toEqual([]);
    await phone.page.close();

    // The overview counts the new village, its team and the new log entry.
    await page.getByRole('menuitem', { name: '总览' }).click();
    await expect.poll(() => stat(page, 'stat-registered')).toBe(registered + 1);
    await expect.poll(() => stat(page, 'stat-teams')).toBe(teams + 1);
    await expect.poll(() => stat(page, 'stat-entries')).toBe(entries + 1);
    await page.screenshot({ path: path.join(h.outDir, 'poverty-overview.png'), fullPage: true });

    // The yearly assessment: the new team's leader is outstanding → promotion priority.
    await page.getByRole('menuitem', { name: '年度考核' }).click();
    await page.getByRole('button', { name: '考核工作队或队员' }).click();
    await page.getByLabel('工作队').fill(village.name);
    await page.locator('.ant-select-item-option', { hasText: village.name }).first().click();
    await page.getByLabel('考核对象').click();
    await page.locator('.ant-select-item-option', { hasText: '周建国' }).click();
    await page.getByText('表现优秀', { exact: true }).click();
    await page.getByLabel('考核评语').fill('扎根村里，实绩突出');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: buttonName('保存') })
      .click();
    await expect
      .poll(() => page.getByText('已考核：该干部列入优先提拔使用名单').count())
      .toBeGreaterThan(0);
    const promotion = page.getByTestId('promotion-list');
    await expect.poll(() => promotion.getByText(/周建国/).count()).toBe(1);
    await page.screenshot({ path: path.join(h.outDir, 'poverty-assessment.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
