/**
 * Every demo account on a phone (390 × 844): every menu entry it has on a desktop is reachable
 * through the visible navigation (the header's menu button and its drawer, no typed URLs), no
 * page is wider than the screen once its data has loaded, and no page shows an internal
 * identifier (policy version, seed citation, procedure name, 12-digit region code).
 */
import path from 'node:path';
import { login, startBrowserHarness, type BrowserHarness } from '@dangjian/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined } from '@dangjian/db';

const WIDTH = 390;
const HEIGHT = 844;

const DEPARTMENT_MENU = [
  '概览',
  '党组织',
  '分类定级',
  '报酬核算',
  '保障底线',
  '晋位升级',
  '评先评优与关爱',
  '整顿软弱涣散',
  '述职评议',
  '组织覆盖',
  '后备干部',
  '发展党员',
  '联席会议',
  '按期换届',
  '示范点',
];
const ADMIN_MENU = [...DEPARTMENT_MENU, '政策参数', '账号管理', '审计日志'];
const CITY_MENU = [...ADMIN_MENU, '安全事件'];
const OFFICE_MENU = ['总览', '贫困村', '覆盖检查', '工作日志', '年度考核'];

/** Each demo account, the app it uses and the menu it has on a desktop (empty: one page). */
const ACCOUNTS: { username: string; app: 'admin' | 'training' | 'poverty'; menu: string[] }[] = [
  { username: 'city_admin', app: 'admin', menu: CITY_MENU },
  { username: 'county_admin', app: 'admin', menu: ADMIN_MENU },
  { username: 'township', app: 'admin', menu: DEPARTMENT_MENU },
  { username: 'secretary', app: 'training', menu: [] },
  { username: 'trainer', app: 'training', menu: ['培训班', '培训覆盖'] },
  { username: 'team_member', app: 'poverty', menu: ['我的工作队', '工作日志'] },
  { username: 'poverty', app: 'poverty', menu: OFFICE_MENU },
  { username: 'county_poverty', app: 'poverty', menu: OFFICE_MENU },
];

/** Internal identifiers that must never reach a screen. */
const FORBIDDEN: { what: string; pattern: RegExp }[] = [
  { what: '政策版本号', pattern: /[a-z-]+@\d+#[0-9a-f]{8}/ },
  { what: '种子编号引用', pattern: /\b00[0-4] §|（00[0-4]）/ },
  { what: '12 位区划代码', pattern: /\b\d{12}\b/ },
];
/** A procedure name as the whole text of an element. */
const PROCEDURE = /^(auth|org|pay|grading|policy)\.[a-z]+[A-Z]?\w*$/;

describe('every account on a phone', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname });
  });

  afterAll(async () => {
    await h.close();
  });

  /** Waits until no request is in flight and no spinner or skeleton shows, for a short while. */
  async function settled(page: Page, inflight: () => number): Promise<void> {
    let quietSince = 0;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const busy =
        inflight() > 0 ||
        (await page.evaluate(
          () =>
            document.querySelector(
              '.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading, .ant-table-placeholder .ant-spin',
            ) !== null,
        ));
      if (busy) quietSince = 0;
      else if (quietSince === 0) quietSince = Date.now();
      else if (Date.now() - quietSince > 400) return;
      await page.waitForTimeout(100);
    }
  }

  /** The problems of the page on screen: too wide, or an identifier in its text. */
  async function problems(page: Page, where: string): Promise<string[]> {
    const found: string[] = [];
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > WIDTH + 1) found.push(`${where}: 页面宽 ${width} px`);
    const text = await page.evaluate(() => document.body.innerText);
    for (const { what, pattern } of FORBIDDEN) {
      const m = pattern.exec(text);
      if (m) found.push(`${where}: 显示${what}「${m[0]}」`);
    }
    const texts = await page.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        // SVG elements (the charts' icons) have no innerText: only HTML elements are read.
        if (!(n instanceof HTMLElement)) continue;
        const t = n.innerText.trim();
        if (t && t.length < 80 && !t.includes('\n')) out.push(t);
      }
      return out;
    });
    const procedure = texts.find((t) => PROCEDURE.test(t));
    if (procedure) found.push(`${where}: 显示过程名「${procedure}」`);
    return found;
  }

  it.each(ACCOUNTS)(
    '$username reaches every menu entry of $app on a 390 px phone, none wider than the screen or showing an identifier',
    async ({ username, app, menu }) => {
      const { page, errors } = await h.newPage({ width: WIDTH, height: HEIGHT });
      let inflight = 0;
      page.on('request', () => inflight++);
      page.on('requestfinished', () => inflight--);
      page.on('requestfailed', () => inflight--);
      const consoleErrors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('response', (r) => {
        if (r.status() === 404) consoleErrors.push(`404 ${r.url()}`);
      });

      await page.goto(`${h.baseUrl}/${app}/`);
      await login(page, username);
      await expect.poll(() => page.getByTestId('current-user').count()).toBe(1);
      await settled(page, () => inflight);

      const found: string[] = [];
      const opened: string[] = [];
      if (menu.length === 0) {
        // No menu on a desktop either: the landing page is the account's one page.
        expect(await page.getByTestId('nav-toggle').count()).toBe(0);
        found.push(...(await problems(page, `${username} 首页`)));
        await page.screenshot({
          path: path.join(h.outDir, `phone-${username}-home.png`),
          fullPage: true,
        });
      }
      for (const [i, label] of menu.entries()) {
        // The menu button in the header opens the drawer with the same entries as the desktop.
        await page.getByTestId('nav-toggle').click();
        const drawer = page.locator('.ant-drawer-open');
        await expect.poll(() => drawer.getByRole('menuitem').count()).toBe(menu.length);
        if (i === 0) {
          expect(await drawer.getByRole('menuitem').allInnerTexts()).toEqual(menu);
        }
        await drawer.getByRole('menuitem', { name: label, exact: true }).click();
        await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
        await settled(page, () => inflight);
        opened.push(label);
        found.push(...(await problems(page, `${username} ${label}`)));
        await page.screenshot({
          path: path.join(h.outDir, `phone-${username}-${String(i + 1).padStart(2, '0')}.png`),
          fullPage: true,
        });
      }
      expect(opened).toEqual(menu);
      expect(found.join('\n')).toBe('');
      expect(errors).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await page.close();
    },
  );

  it('at 1440 px 分类定级 shows 本年等次 and 理由 without scrolling, and the tree search finds a township and selects it', async () => {
    const { page, errors } = await h.newPage({ width: 1440, height: 900 });
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'county_admin');
    await page.getByRole('menuitem', { name: '分类定级' }).click();
    await expect.poll(() => page.getByText(/共 [\d,]+ 个/).count()).toBe(1);
    const table = page.locator('.ant-table-container').first();
    const box = defined(await table.boundingBox());
    for (const name of ['本年等次', '理由', '党组织名称']) {
      const th = defined(await page.getByRole('columnheader', { name, exact: true }).boundingBox());
      expect(th.x + th.width).toBeLessThanOrEqual(box.x + box.width + 1);
    }
    // Search the tree for a township by name: the tree opens down to it and the page follows.
    const tree = page.getByTestId('region-tree');
    await tree.getByLabel('查找区划').fill('启明');
    await page.locator('[data-testid="region-search-hit"]').first().click();
    await expect.poll(() => page.getByTestId('grading-title').textContent()).toContain('启明街道');
    expect(await page.getByTestId('grading-title').textContent()).not.toMatch(/（[^）]*（/);
    await expect
      .poll(() => tree.locator('.ant-tree-node-selected').textContent())
      .toContain('启明街道');
    await page.screenshot({ path: path.join(h.outDir, 'desktop-grading-1440.png') });

    // A township's 概览: the upgrade chart says 暂无数据 rather than staying blank when empty.
    await page.getByRole('menuitem', { name: '概览' }).click();
    await expect.poll(() => page.getByTestId('dashboard-headline').count()).toBe(1);
    await page.screenshot({ path: path.join(h.outDir, 'desktop-dashboard-1440.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on a phone the region tree opens from the bar above the page, and its search picks a township', async () => {
    const { page, errors } = await h.newPage({ width: WIDTH, height: HEIGHT });
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'county_admin');
    await page.getByTestId('nav-toggle').click();
    await page.locator('.ant-drawer-open').getByRole('menuitem', { name: '党组织' }).click();
    await expect.poll(() => page.getByTestId('orgs-title').textContent()).toContain('武陵区');
    // The tree is folded away until asked for: the page starts right under the header.
    expect(await page.getByTestId('region-tree').count()).toBe(0);
    await page.getByTestId('region-toggle').click();
    await page.getByTestId('region-tree').getByLabel('查找区划').fill('启明');
    await page.locator('[data-testid="region-search-hit"]').first().click();
    await expect.poll(() => page.getByTestId('orgs-title').textContent()).toContain('启明街道');
    await expect.poll(() => page.getByTestId('region-tree').count()).toBe(0);
    expect(await page.getByTestId('region-toggle').textContent()).toContain('武陵区 › 启明街道');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTH + 1,
    );
    await page.screenshot({ path: path.join(h.outDir, 'phone-region-search.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
