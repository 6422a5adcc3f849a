import path from 'node:path';
import {
  buttonName,
  login,
  startBrowserHarness,
  type BrowserHarness,
} from '@dangjian/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
      where: (p, { eq }) => eq(p.id, account!.personId!),
    });
    const nameOf = async (code: string) =>
      (await db.query.regions.findFirst({ where: (r, { eq }) => eq(r.code, code) }))!.name;
    const village = account!.regionCode;
    trainee = {
      personId: account!.personId!,
      name: person!.name,
      village,
      township: await nameOf(`${village.slice(0, 9)}000`),
      county: await nameOf(`${village.slice(0, 6)}000000`),
    };
  });

  afterAll(async () => {
    await h?.close();
  });

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
    await page.getByRole('button', { name: buttonName('创建') }).click();
    await expect.poll(() => page.getByTestId('class-title').textContent()).toBe(className);
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
  });
});
