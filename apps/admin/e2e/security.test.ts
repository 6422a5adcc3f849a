import path from 'node:path';
import { login, startBrowserHarness, type BrowserHarness } from '@dangjian/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('安全事件 in Chromium', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname });
  });

  afterAll(async () => {
    await h.close();
  });

  it('a wrong-password login shows up on the city admin’s 安全事件 page, in words', async () => {
    const { page, errors } = await h.newPage({ width: 1366, height: 900 });
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'county_admin', 'Wrong-Password-1');
    await expect.poll(() => page.getByText('用户名或密码错误').count()).toBeGreaterThan(0);

    // The owner of another account signs in from the same browser: not locked out by one failure.
    await login(page, 'city_admin');
    await page.getByRole('menuitem', { name: '安全事件' }).click();
    const table = page.locator('.ant-table');
    await expect
      .poll(() => table.getByRole('cell', { name: '登录失败', exact: true }).count())
      .toBeGreaterThan(0);
    const row = table.locator('tr', { hasText: 'county_admin' }).first();
    await expect.poll(() => row.textContent()).toContain('密码错误');
    expect(await row.textContent()).toContain('登录');
    // Words only: no procedure names or region codes.
    expect((await table.textContent()) ?? '').not.toMatch(/auth\.login|login_failed|\d{12}/);

    await page.screenshot({
      path: path.join(h.outDir, 'admin-security-events.png'),
      fullPage: true,
    });

    // Filtering by another username drops it.
    await page.getByLabel('用户名').fill('city_admin');
    await page.getByLabel('用户名').press('Enter');
    await expect.poll(() => table.locator('tr', { hasText: 'county_admin' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on a 390 px phone 安全事件 opens from the menu drawer and reads as cards no wider than the screen', async () => {
    const { page, errors } = await h.newPage({ width: 390, height: 844 });
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'city_admin');
    await page.getByTestId('nav-toggle').click();
    await page.locator('.ant-drawer-open').getByRole('menuitem', { name: '安全事件' }).click();
    // The failure of the first test, as a card: its kind, the account and what happened.
    const card = page.locator('.ant-card .ant-card', { hasText: 'county_admin' }).first();
    await expect.poll(() => card.textContent()).toContain('登录失败');
    expect(await card.textContent()).toContain('密码错误');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      391,
    );
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(
      /\b\d{12}\b|auth\.login|login_failed/,
    );
    await page.screenshot({
      path: path.join(h.outDir, 'phone-security-events.png'),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a county admin has no 安全事件 entry', async () => {
    const { page } = await h.newPage({ width: 1366, height: 900 });
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'county_admin');
    await expect.poll(() => page.getByRole('menuitem', { name: '审计日志' }).count()).toBe(1);
    expect(await page.getByRole('menuitem', { name: '安全事件' }).count()).toBe(0);
    await page.close();
  });
});
