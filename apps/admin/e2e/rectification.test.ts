import path from 'node:path';
import {
  buttonName,
  login,
  startBrowserHarness,
  type BrowserHarness,
} from '@dangjian/server/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined } from '@dangjian/db';

const QIMING = '430702001000'; // 启明街道 (武陵区)

/** A small but well-formed PDF: the scanned public-confirmation record a township keeps. */
const CONFIRMATION_PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n'),
);

describe('整顿软弱涣散 in Chromium', () => {
  let h: BrowserHarness;
  let orgName = '';

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname });
    // A village-level org of 启明街道 that the demo data has not listed for 2026.
    const db = h.database.db;
    const villages = await db.query.regions.findMany({
      where: (r, { and, eq, like }) =>
        and(eq(r.level, 'village'), like(r.code, `${QIMING.slice(0, 9)}%`)),
    });
    const candidates = await db.query.orgs.findMany({
      where: (o, { inArray }) =>
        inArray(
          o.regionCode,
          villages.map((v) => v.code),
        ),
      orderBy: (o, { asc }) => [asc(o.id)],
    });
    const listed = await db.query.rectificationCases.findMany({
      where: (c, { and, eq, inArray }) =>
        and(
          eq(c.year, 2026),
          inArray(
            c.orgId,
            candidates.map((o) => o.id),
          ),
        ),
    });
    const org = candidates.find((o) => !listed.some((c) => c.orgId === o.id));
    orgName = defined(org).name;
  });

  afterAll(async () => {
    await h.close();
  });

  it('a township lists a case, keeps its ledger and closes it only with public confirmation; the county accepts it and exports 附件2', async () => {
    // --- township (启明街道): listing and close-out -------------------------------------------
    const { page, errors } = await h.newPage();
    await page.goto(`${h.baseUrl}/admin/`);
    await login(page, 'township');
    await page.getByRole('menuitem', { name: '整顿软弱涣散' }).click();
    await page.getByTestId('rectification-title').waitFor();
    await expect
      .poll(() => page.getByTestId('rectification-title').textContent())
      .toContain('启明街道 2026 年整顿软弱涣散基层党组织');
    await expect.poll(() => page.getByTestId('quota-community').textContent()).toMatch(/应列 ≥\d+/);
    await page.screenshot({
      path: path.join(h.outDir, 'rectification-township-list.png'),
      fullPage: true,
    });

    await page.getByRole('button', { name: /列入整顿对象/ }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByTestId('case-org').click();
    await page.keyboard.type(orgName.replace(/^中共/, '').slice(0, 4));
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: orgName })
      .click();
    await modal.getByText('（2）党组织书记不胜任现职').click();
    await modal.getByText('村务居务财务公开和民主管理混乱').click();
    await modal.getByLabel('工作班子负责人').fill('刘建华（街道组织委员）');
    await modal.getByLabel('包联领导干部', { exact: true }).fill('周立新');
    await modal.getByLabel('包联领导干部职务').fill('街道党工委副书记');
    await modal.getByLabel('具体问题').fill('书记长期不在岗，居务公开不及时');
    await modal.getByLabel('整顿措施（每行一条）').fill('调整书记人选\n每月公开居务财务');
    await modal.getByLabel('整顿目标').fill('班子正常运转，居务按月公开');
    await modal.getByLabel('完成时限').fill('2026-12-31');
    await modal.getByLabel('责任人').fill('王海燕');
    await modal.getByRole('button', { name: /保存整顿方案/ }).click();

    const drawer = page.locator('.ant-drawer:visible');
    await expect.poll(() => drawer.getByTestId('case-title').textContent()).toContain(orgName);
    await expect.poll(() => drawer.getByTestId('case-status').textContent()).toBe('整顿中');

    // The deadline was entered wrongly: corrected with a reason; the old value stays in the history.
    await drawer
      .getByTestId('problem-1')
      .getByRole('button', { name: /^更\s*正$/ })
      .click();
    const correcting = page.locator('.ant-modal:visible');
    await correcting.getByLabel('时限').fill('2026-12-20');
    await correcting.getByLabel('更正原因').fill('录入时把时限填错了');
    await correcting.getByRole('button', { name: buttonName('保存') }).click();
    await expect
      .poll(() => drawer.getByTestId('corrections').textContent())
      .toContain('时限：原「2026-12-31」改为「2026-12-20」');
    await expect
      .poll(() => drawer.getByTestId('corrections').textContent())
      .toContain('录入时把时限填错了');

    // A ledger entry with the public-confirmation record (a PDF) kept as a file.
    await drawer.getByRole('button', { name: /记录进展/ }).click();
    const entry = page.locator('.ant-modal:visible');
    await entry.getByLabel('进展情况').fill('召开居民代表会议，调整书记人选');
    await entry.locator('input[type=file]').setInputFiles({
      name: '群众认可记录.pdf',
      mimeType: 'application/pdf',
      buffer: CONFIRMATION_PDF,
    });
    await expect.poll(() => entry.getByText('群众认可记录.pdf').count()).toBe(1);
    await entry.getByRole('button', { name: buttonName('保存') }).click();
    await expect.poll(() => drawer.getByText('召开居民代表会议，调整书记人选').count()).toBe(1);
    await expect
      .poll(() => drawer.getByTestId('attachment-item').textContent())
      .toContain('群众认可记录.pdf');

    // 销号 without saying who confirmed or on what record: refused, in Chinese.
    await drawer.getByRole('button', { name: buttonName('销号') }).click();
    const closing = page.locator('.ant-modal:visible');
    await closing.getByTestId('confirmation-method').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option[title="党员群众大会认可"]')
      .click();
    await closing.getByRole('button', { name: /确认销号/ }).click();
    await expect.poll(() => page.getByText(/应记录由谁确认群众认可/).count()).toBeGreaterThan(0);
    await page.screenshot({
      path: path.join(h.outDir, 'rectification-close-refused.png'),
      fullPage: true,
    });
    await expect.poll(() => closing.locator('.ant-btn-loading').count()).toBe(0);
    await closing.getByLabel('确认人（主持人或组织者）').fill('王海燕（会议主持人）');
    await closing.getByLabel(/认可依据/).fill('居民代表会议记录及签到表');
    await closing.getByRole('button', { name: /确认销号/ }).click();
    await expect.poll(() => drawer.getByText(/已销号 \d{4}-\d{2}-\d{2}/).count()).toBe(1);
    await expect.poll(() => drawer.getByTestId('case-status').textContent()).toBe('待验收');
    await page.screenshot({
      path: path.join(h.outDir, 'rectification-closed.png'),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await page.close();

    // --- county (武陵区): acceptance and the report form ----------------------------------------
    const county = await h.newPage();
    const p2 = county.page;
    await p2.goto(`${h.baseUrl}/admin/rectification`);
    await login(p2, 'county_admin');
    await p2.getByTestId('rectification-title').waitFor();
    await expect
      .poll(() => p2.getByTestId('rectification-title').textContent())
      .toContain('武陵区 2026 年');
    await p2.getByTestId('region-tree').getByText('启明街道').click();
    await expect
      .poll(() => p2.getByTestId('rectification-title').textContent())
      .toContain('启明街道');
    await p2
      .getByRole('cell', { name: new RegExp(orgName) })
      .first()
      .click();
    const d2 = p2.locator('.ant-drawer:visible');
    await expect.poll(() => d2.getByTestId('case-status').textContent()).toBe('待验收');
    // At acceptance the county opens the township's public-confirmation record.
    await d2.getByRole('button', { name: '查看 群众认可记录.pdf' }).click();
    const viewer = p2.getByRole('dialog').filter({ hasText: '群众认可记录.pdf' });
    await expect.poll(() => viewer.getByTestId('attachment-preview').count()).toBe(1);
    expect(await viewer.getByTestId('attachment-preview').getAttribute('src')).toMatch(/^blob:/);
    await p2.screenshot({ path: path.join(h.outDir, 'rectification-county-confirmation-pdf.png') });
    await viewer.locator('.ant-modal-close').click();
    await expect
      .poll(() => p2.locator('.ant-modal:visible').filter({ hasText: '群众认可记录.pdf' }).count())
      .toBe(0);
    await d2.getByRole('button', { name: /考核验收/ }).click();
    const accept = p2.locator('.ant-modal:visible');
    await accept.getByText('已听取党员群众意见').click();
    await accept.getByRole('button', { name: /保存验收结论/ }).click();
    await expect.poll(() => d2.getByTestId('case-status').textContent()).toBe('已验收');
    await expect
      .poll(() => d2.getByText(/县（市、区）于\s*\d{4}-\d{2}-\d{2} 验收，通过/).count())
      .toBe(1);
    await p2.screenshot({
      path: path.join(h.outDir, 'rectification-accepted.png'),
      fullPage: true,
    });
    await d2.locator('.ant-drawer-close').click();

    const downloading = p2.waitForEvent('download');
    await p2.getByRole('button', { name: /导出附件2 一览表/ }).click();
    const download = await downloading;
    const file = path.join(h.outDir, 'rectification-brief.xlsx');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toBe(
      '启明街道2026年附件2软弱涣散基层党组织简要情况一览表.xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = defined(wb.getWorksheet('启明街道'));
    expect(sheet.getCell('A2').value).toBe('软弱涣散基层党组织简要情况一览表');
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      '序号',
      '软弱涣散基层党组织名称',
      '党员数',
      '主要问题',
      '党组织书记姓名',
      '党组织书记联系方式',
    ]);
    const names: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 4) names.push(row.getCell(2).text);
    });
    expect(names).toContain(orgName);
    const problems = sheet.getRow(4 + names.indexOf(orgName) + 1).getCell(4).value;
    expect(problems).toBe('书记长期不在岗，居务公开不及时');
    expect(county.errors).toEqual([]);
    await p2.close();
  });
});
