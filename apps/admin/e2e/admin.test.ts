import path from 'node:path';
import { login, startBrowserHarness, type BrowserHarness } from '@dangjian/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('admin console in Chromium', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname });
  });

  afterAll(async () => {
    await h.close();
  });

  it('shows 常德市 with its organisations, and expanding a county shows its townships', async () => {
    const { page, errors: pageErrors } = await h.newPage({ width: 1366, height: 900 });
    await page.goto(`${h.baseUrl}/admin/orgs`);
    await login(page, 'city_admin');
    await expect
      .poll(() => page.getByTestId('current-user').textContent())
      .toContain('常德市委组织部管理员');
    const tree = page.getByTestId('region-tree');
    await expect.poll(() => tree.getByText('常德市').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('orgs-title').textContent()).toContain('常德市');
    // The org table is filled from tRPC: the pager counts every org of the city.
    await expect.poll(() => page.getByText(/共 [\d,]+ 个/).textContent()).toMatch(/共 2,\d{3} 个/);

    // Expand 鼎城区 (430703): its townships load from the API.
    const county = tree.getByRole('treeitem', { name: /鼎城区/ });
    await county.locator('.ant-tree-switcher').click();
    await expect.poll(() => county.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => tree.getByText('灌溪街道').count()).toBeGreaterThan(0);
    await tree.getByText('灌溪街道').click();
    await expect.poll(() => page.getByTestId('orgs-title').textContent()).toContain('灌溪街道');
    await page.screenshot({
      path: path.join(h.outDir, 'admin-county-expanded.png'),
      fullPage: true,
    });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('a wrong password shows the Chinese reason; a county user sees only their county; the audit log shows the logins', async () => {
    const { page } = await h.newPage({ width: 1366, height: 900 });
    await page.goto(`${h.baseUrl}/admin/orgs`);
    await login(page, 'county_admin', 'wrong-password');
    await expect.poll(() => page.getByText('用户名或密码错误').count()).toBeGreaterThan(0);
    await login(page, 'county_admin');
    const tree = page.getByTestId('region-tree');
    await expect.poll(() => tree.getByText('武陵区').count()).toBeGreaterThan(0);
    expect(await tree.getByText('常德市').count()).toBe(0);
    expect(await tree.getByText('鼎城区').count()).toBe(0);

    await page.getByRole('menuitem', { name: '审计日志' }).click();
    // The log reads in people's words: 登录 by the account's unit, never auth.login or user:1.
    await expect
      .poll(() => page.getByRole('cell', { name: '登录', exact: true }).count())
      .toBeGreaterThan(0);
    const table = (await page.locator('.ant-table').textContent()) ?? '';
    expect(table).not.toMatch(/auth\.login|user:\d|\d{12}/);
    await page.screenshot({ path: path.join(h.outDir, 'admin-audit-log.png'), fullPage: true });

    await page.getByRole('button', { name: /退\s*出/ }).click();
    await expect.poll(() => page.getByRole('button', { name: /登\s*录/ }).count()).toBe(1);
    await page.close();
  });
});
