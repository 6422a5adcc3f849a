import path from 'node:path';
import {
  buttonName,
  login,
  startBrowserHarness,
  type BrowserHarness,
} from '@dangjian/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { defined } from '@dangjian/db';

/** Picks an option of the antd Select that is open now. */
async function pickOption(page: Page, text: string) {
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first();
  await option.waitFor();
  await option.click();
}

describe('records, accounts and policy in Chromium (as 武陵区 county admin)', () => {
  let h: BrowserHarness;
  let village: { orgId: number; orgName: string; secretaryName: string };

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname });
    // A village of 武陵区 and its Party organisation with the secretary on record.
    const region = await h.database.db.query.regions.findFirst({
      where: (r, { and, eq, like }) => and(eq(r.level, 'village'), like(r.code, '430702%')),
      orderBy: (r, { asc }) => [asc(r.code)],
    });
    const org = await h.database.db.query.orgs.findFirst({
      where: (o, { and, eq, isNotNull }) =>
        and(eq(o.regionCode, defined(region).code), isNotNull(o.secretaryId)),
      orderBy: (o, { asc }) => [asc(o.id)],
    });
    const secretary = await h.database.db.query.people.findFirst({
      where: (p, { eq }) => eq(p.id, defined(defined(org).secretaryId)),
    });
    const row = {
      orgId: defined(org).id,
      orgName: defined(org).name,
      secretaryName: defined(secretary).name,
    };
    village = row;
  });

  afterAll(async () => {
    await h.close();
  });

  async function signedIn(): Promise<{ page: Page; errors: string[] }> {
    const { page, errors } = await h.newPage({ width: 1440, height: 900 });
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'county_admin');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('武陵区');
    return { page, errors };
  }

  it('sets a policy override for the year and sees it, with its source, in the effective-policy panel', async () => {
    const { page, errors } = await signedIn();
    const year = new Date().getFullYear();
    await page.getByRole('menuitem', { name: '政策参数' }).click();
    await page.getByRole('tab', { name: '本部门参数集' }).click();
    await page.getByRole('button', { name: '新建参数集' }).click();
    const drawer = page.locator('.ant-drawer-body');
    await drawer.getByLabel('参数集名称').fill('武陵区村书记报酬底线（参照东莞）');
    await drawer.getByLabel('依据文件文号').fill('武组发〔2026〕5号');
    await drawer.getByLabel('条款').fill('§3');
    // First parameter row: the pay floor mode, Dongguan-like.
    await drawer.locator('.ant-select', { hasText: '选择参数' }).first().click();
    await page.keyboard.type('报酬底线口径');
    await pickOption(page, '村党组织书记报酬底线口径');
    await drawer
      .locator('.ant-select', { has: page.getByLabel('参数值') })
      .first()
      .click();
    await pickOption(page, '每人基本报酬');
    // Second row: the multiple; a bad value first, which the server refuses on the field.
    await drawer.getByRole('button', { name: '添加参数' }).click();
    await drawer.locator('.ant-select', { hasText: '选择参数' }).last().click();
    await page.keyboard.type('报酬底线倍数');
    await pickOption(page, '村党组织书记报酬底线倍数');
    const multiple = drawer.getByLabel('参数值').last();
    await multiple.fill('0');
    await drawer.getByRole('button', { name: buttonName('保存') }).click();
    const fieldError = drawer.locator('.ant-form-item-explain-error').first();
    await expect.poll(() => fieldError.textContent()).toMatch(/\S/);
    await fieldError.waitFor({ state: 'visible' });
    // The message has finished fading in (no enter/appear animation running) for the screenshot.
    await expect
      .poll(() => drawer.locator('[class*="-appear"], [class*="-enter"]').count())
      .toBe(0);
    await page.screenshot({
      path: path.join(h.outDir, 'policy-override-refused.png'),
      fullPage: true,
    });
    await multiple.fill('2');
    await drawer.getByRole('button', { name: buttonName('保存') }).click();
    await expect.poll(() => page.getByText('参数集已保存（第 1 版）').count()).toBeGreaterThan(0);

    await page.getByRole('tab', { name: '适用政策查询' }).click();
    const panel = page.getByTestId('effective-panel');
    await panel.getByLabel('查询年度').fill(String(year));
    const row = panel.getByRole('row', { name: /村党组织书记报酬底线倍数/ });
    await expect.poll(() => row.textContent()).toContain('2 倍');
    expect(await row.textContent()).toContain('武陵区村书记报酬底线（参照东莞）');
    expect(await row.textContent()).toContain('武组发〔2026〕5号 §3');
    const untouched = panel.getByRole('row', { name: /“较好”类报酬系数/ });
    expect(await untouched.textContent()).toContain('常委〔2012〕5号 第七条');
    expect(await untouched.textContent()).toContain('本地区文件');
    await expect
      .poll(() => page.getByTestId('policy-label').textContent())
      .toMatch(/^武陵区村书记报酬底线（参照东莞） \+ 常委〔2012〕5号 \+ 参照执行/);
    expect(await panel.textContent()).not.toMatch(/default@|#[0-9a-f]{8}|\(00\d\)|（00\d）/);
    await page.screenshot({ path: path.join(h.outDir, 'policy-effective.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("changes a village's secretary and sees the old one in the organisation's history", async () => {
    const { page, errors } = await signedIn();
    await page.getByRole('menuitem', { name: '党组织' }).click();
    // Register the new secretary in the 人员 section.
    await page.getByRole('tab', { name: '人员' }).click();
    await page.getByRole('button', { name: '新增人员' }).click();
    const personDrawer = page.locator('.ant-drawer-body');
    await personDrawer.getByLabel('姓名').fill('赵新任');
    await personDrawer.getByLabel('联系电话').fill('10012349876');
    await personDrawer.getByRole('button', { name: buttonName('保存') }).click();
    await expect.poll(() => page.getByText('人员信息已保存').count()).toBeGreaterThan(0);

    await page.getByRole('tab', { name: '党组织' }).click();
    await page.getByPlaceholder('按名称搜索').fill(village.orgName);
    await page.getByPlaceholder('按名称搜索').press('Enter');
    const orgRow = page.getByRole('row', { name: new RegExp(village.orgName) }).first();
    await orgRow.getByRole('button', { name: buttonName('编辑') }).click();
    const drawer = page.locator('.ant-drawer-body');
    await expect.poll(() => drawer.getByLabel('党组织名称').inputValue()).toBe(village.orgName);
    await drawer.getByLabel('书记', { exact: true }).click();
    await page.keyboard.type('赵新任');
    await pickOption(page, '赵新任');
    await drawer.getByRole('button', { name: buttonName('保存') }).click();
    // Saved: the drawer shows the history, with the old secretary, the new one and who changed it.
    const history = drawer.getByTestId('org-history');
    const change = history.getByRole('row', { name: /书记/ });
    await expect.poll(() => change.textContent()).toContain('赵新任');
    expect(await change.textContent()).toContain(village.secretaryName);
    expect(await change.textContent()).toContain('武陵区委组织部');
    await page.screenshot({ path: path.join(h.outDir, 'org-history.png'), fullPage: true });
    const rows = await h.database.db.query.orgChanges.findMany({
      where: (c, { eq }) => eq(c.orgId, village.orgId),
    });
    expect(rows.map((r) => [r.field, r.username])).toEqual([['secretaryId', 'county_admin']]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('creates an account in the county; a weak password is refused on the field', async () => {
    const { page, errors } = await signedIn();
    await page.getByRole('menuitem', { name: '账号管理' }).click();
    await page.getByRole('button', { name: '新建账号' }).click();
    const drawer = page.locator('.ant-drawer-body');
    await drawer.getByLabel('用户名').fill('wuling_clerk');
    await drawer.getByLabel('姓名（单位）').fill('启明街道组织委员');
    // Role 乡镇（街道）党（工）委 is preselected; it must sit on a township: pick 启明街道. The
    // select opens on the county with its townships (loaded as it opens): wait for the township
    // to be there, as a person would, and click it once.
    const select = drawer.getByTestId('region-select');
    await select.click();
    const township = page
      .locator('.ant-select-tree-node-content-wrapper', { hasText: '启明街道' })
      .first();
    await township.waitFor({ state: 'visible' });
    await township.click();
    await expect
      .poll(() => drawer.getByTestId('region-select').textContent())
      .toContain('启明街道');
    await drawer.getByLabel('初始密码').fill('abcdefgh');
    await drawer.getByRole('button', { name: buttonName('保存') }).click();
    await expect
      .poll(() => drawer.getByText('密码须包含大写字母、小写字母、数字、符号中的至少 3 类').count())
      .toBeGreaterThan(0);
    await drawer.getByLabel('初始密码').fill('Wuling#2026');
    await drawer.getByRole('button', { name: buttonName('保存') }).click();
    // The drawer closes on success; if the server refused, its reason stays in the drawer.
    await expect
      .poll(async () =>
        (await page.locator('.ant-drawer-open').count()) === 0
          ? 'closed'
          : await drawer.locator('.ant-form-item-explain-error, .ant-alert').allTextContents(),
      )
      .toBe('closed');
    await expect
      .poll(() => page.getByRole('row', { name: /wuling_clerk/ }).textContent())
      .toContain('启明街道');
    await page.screenshot({ path: path.join(h.outDir, 'users-created.png'), fullPage: true });
    const created = await h.database.db.query.users.findFirst({
      where: (u, { eq }) => eq(u.username, 'wuling_clerk'),
    });
    expect(created).toMatchObject({
      role: 'township',
      regionCode: '430702001000',
      disabled: false,
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
