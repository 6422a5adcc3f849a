import path from 'node:path';
import {
  buttonName,
  login,
  startBrowserHarness,
  type BrowserHarness,
} from '@dangjian/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined } from '@dangjian/db';

describe('training-class signups in Chromium', () => {
  let h: BrowserHarness;
  let trainee: {
    personId: number;
    name: string;
    village: string;
    township: string;
    county: string;
  };

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname });
    const db = h.database.db;
    const account = await db.query.users.findFirst({
      where: (u, { eq }) => eq(u.username, 'secretary'),
    });
    const person = await db.query.people.findFirst({
      where: (p, { eq }) => eq(p.id, defined(defined(account).personId)),
    });
    const nameOf = async (code: string) =>
      defined(await db.query.regions.findFirst({ where: (r, { eq }) => eq(r.code, code) })).name;
    const village = defined(account).regionCode;
    trainee = {
      personId: defined(defined(account).personId),
      name: defined(person).name,
      village,
      township: await nameOf(`${village.slice(0, 9)}000`),
      county: await nameOf(`${village.slice(0, 6)}000000`),
    };
  });

  afterAll(async () => {
    await h.close();
  });

  /** The day in China (the app's calendar), as the class dates show it. */
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  /** The class the first test creates, for the second. */
  let classPath = '';

  /** Types a time into an antd TimePicker found by its form label. */
  async function setTime(page: Page, label: string, value: string) {
    const input = page.getByLabel(label);
    await input.click();
    await input.fill(value);
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe(value);
  }

  /** Opens 培训覆盖 and drills from the city to the trainee's township; returns the cell text. */
  async function annualDoneInVillage(page: Page): Promise<number> {
    await page.getByRole('menuitem', { name: '培训覆盖' }).click();
    await expect.poll(() => page.getByTestId('coverage-title').textContent()).toContain('常德市');
    await page.getByRole('link', { name: trainee.county, exact: true }).click();
    await expect
      .poll(() => page.getByTestId('coverage-title').textContent())
      .toContain(trainee.county);
    await page.getByRole('link', { name: trainee.township, exact: true }).click();
    await expect
      .poll(() => page.getByTestId('coverage-title').textContent())
      .toContain(trainee.township);
    const cell = page.getByTestId(`annual-fulfilled-${trainee.village}`);
    await expect.poll(() => cell.count()).toBe(1);
    return Number(await cell.textContent());
  }

  it('the organiser creates a class, a trainee signs up on a phone, the organiser marks attendance and completion, and coverage shows the change', async () => {
    const className = `E2E 村（社区）党组织书记轮训班 ${Date.now()}`;
    const { page, errors } = await h.newPage({ width: 1440, height: 1000 });
    await page.goto(`${h.baseUrl}/training/`);
    await login(page, 'trainer');
    await expect.poll(() => page.getByTestId('classes-title').count()).toBe(1);

    // Coverage before: the trainee's village (seeded untrained) in their township.
    const before = await annualDoneInVillage(page);

    // The organiser creates a class starting today.
    await page.getByRole('menuitem', { name: '培训班' }).click();
    await expect.poll(() => page.getByTestId('classes-title').count()).toBe(1);
    await page.getByRole('button', { name: '新建培训班' }).click();
    await page.getByLabel('培训班名称').fill(className);
    await page.getByLabel('培训地点').fill('市委党校第一教室');
    // Each class day from 14:00 to 17:30 (typed into the time pickers).
    await setTime(page, '每天开始时间', '14:00');
    await setTime(page, '每天结束时间', '17:30');
    await page.getByRole('button', { name: buttonName('创建') }).click();
    await expect.poll(() => page.getByTestId('class-title').textContent()).toBe(className);
    expect(await page.getByTestId('class-times').textContent()).toContain('每天 14:00–17:30');
    classPath = new URL(page.url()).pathname;
    await page.screenshot({
      path: path.join(h.outDir, 'training-class-created.png'),
      fullPage: true,
    });

    // The trainee signs up on a 390 px wide phone screen.
    const phone = await h.newPage({ width: 390, height: 844 });
    await phone.page.goto(`${h.baseUrl}/training/`);
    await login(phone.page, 'secretary');
    const card = phone.page.locator('[data-testid^="class-card-"]', { hasText: className });
    await expect.poll(() => card.count()).toBe(1);
    // Today's class is at the top of her list (not at the bottom), with its hours.
    const first = phone.page.locator('[data-testid^="class-card-"]').first();
    expect(await first.textContent()).toContain(today);
    expect(await card.textContent()).toContain('每天 14:00–17:30');
    await card.getByRole('button', { name: buttonName('报名') }).click();
    await expect.poll(() => card.getByText('已确认', { exact: true }).count()).toBe(1);
    await phone.page.getByRole('tab', { name: /我的报名/ }).click();
    const mine = phone.page.locator('[data-testid^="my-signup-"]', { hasText: className });
    await expect.poll(() => mine.count()).toBe(1);
    // The page's own content fits the phone screen: no card or button reaches past 390 px.
    // (The shared header's user name and logout button may run a few pixels over; see AppShell.)
    const widest = await phone.page.evaluate(() =>
      Math.max(
        ...[...document.querySelectorAll('.ant-layout-content *')].map(
          (e) => e.getBoundingClientRect().right,
        ),
      ),
    );
    expect(widest).toBeLessThanOrEqual(390);
    await phone.page.screenshot({
      path: path.join(h.outDir, 'training-trainee-phone.png'),
      fullPage: true,
    });
    expect(phone.errors).toEqual([]);
    await phone.page.close();

    // The organiser marks today's attendance and completes the trainee.
    await page.reload();
    const row = page.locator(`tr[data-row-key="${trainee.personId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.getByText('已确认').count()).toBe(1);
    await row.locator('.ant-checkbox-input').check();
    await page.getByRole('button', { name: buttonName('签到') }).click();
    await expect.poll(() => row.locator('[data-testid^="present-"]').count()).toBe(1);
    await page.getByRole('button', { name: buttonName('结业') }).click();
    await expect.poll(() => row.getByText('已结业').count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('class-seats').textContent())
      .toContain('已确认 1 / 50');
    await page.screenshot({
      path: path.join(h.outDir, 'training-roster-completed.png'),
      fullPage: true,
    });

    // Coverage: one more secretary of that village has had this year's training.
    const after = await annualDoneInVillage(page);
    expect(after).toBe(before + 1);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    expect((await download).suggestedFilename()).toBe(
      `${trainee.township}${new Date().getFullYear()}年度书记培训覆盖情况.xlsx`,
    );
    await page.screenshot({ path: path.join(h.outDir, 'training-coverage.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();

    // The trainee sees her own attendance and completion on her phone (我的出勤).
    const again = await h.newPage({ width: 390, height: 844 });
    await again.page.goto(`${h.baseUrl}/training/`);
    await login(again.page, 'secretary');
    await again.page.getByRole('tab', { name: '我的出勤' }).click();
    const att = again.page.locator('[data-testid^="my-attendance-"]', { hasText: className });
    await expect.poll(() => att.count()).toBe(1);
    await expect.poll(() => att.textContent()).toContain('出勤 1 天，缺勤 0 天');
    expect(await att.textContent()).toContain(`已结业（${today}`);
    await again.page.screenshot({
      path: path.join(h.outDir, 'training-my-attendance-phone.png'),
      fullPage: true,
    });
    expect(again.errors).toEqual([]);
    await again.page.close();
  });

  it('取消报名 with three people selected cancels all three', async () => {
    const { page, errors } = await h.newPage({ width: 1440, height: 1000 });
    await page.goto(`${h.baseUrl}${classPath}`);
    await login(page, 'trainer');
    await expect.poll(() => page.getByTestId('class-title').count()).toBe(1);
    // Enrol three more secretaries of the city through 批量报名.
    await page.getByRole('tab', { name: '批量报名' }).click();
    const enrolPanel = page.getByRole('tabpanel', { name: '批量报名' });
    const boxes = enrolPanel.locator('tbody tr.ant-table-row .ant-checkbox-input:not([disabled])');
    await expect.poll(() => boxes.count(), { timeout: 30_000 }).toBeGreaterThan(3);
    await page.screenshot({ path: path.join(h.outDir, 'training-bulk-enrol.png'), fullPage: true });
    for (let i = 0; i < 3; i++) await boxes.nth(i).check();
    await page.getByRole('button', { name: /报名所选（3）/ }).click();
    await expect.poll(() => page.getByText('确认 3 人').count()).toBe(1);
    await page.getByRole('button', { name: buttonName('知道了') }).click();
    await page.getByRole('tab', { name: '学员名单' }).click();
    const roster = page.getByRole('tabpanel', { name: '学员名单' });
    const rows = roster.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(4);
    // Select the three new people (not the trainee, who has completed) and cancel them at once.
    const news = roster.locator(`tbody tr.ant-table-row:not([data-row-key="${trainee.personId}"])`);
    await expect.poll(() => news.count()).toBe(3);
    for (let i = 0; i < 3; i++) await news.nth(i).locator('.ant-checkbox-input').check();
    await page.getByRole('button', { name: buttonName('取消报名') }).click();
    await expect.poll(() => page.getByText('取消所选 3 人的报名？').count()).toBe(1);
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: buttonName('取消报名') })
      .click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-row-key')).toBe(String(trainee.personId));
    await expect
      .poll(() => page.getByTestId('class-seats').textContent())
      .toContain('已确认 1 / 50');
    expect(errors).toEqual([]);
    await page.close();
  });
});
