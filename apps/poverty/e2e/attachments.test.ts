import path from 'node:path';
import { login, startBrowserHarness, type BrowserHarness } from '@dangjian/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A real 2×2 PNG, as a phone's camera would hand over a picture. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4IScHRAwQCgAfJgQRoo8irwAAAABJRU5ErkJggg==',
  'base64',
);

describe('work-log photos in Chromium', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ dir: import.meta.dirname });
  });
  afterAll(async () => {
    await h.close();
  });

  it('a team member attaches a photo to a work-log entry on a 390 px phone; the county poverty office opens it', async () => {
    const summary = '入户走访 3 户，拍照留存';
    const phone = await h.newPage({ width: 390, height: 844 });
    const p = phone.page;
    await p.goto(`${h.baseUrl}/poverty/`);
    await login(p, 'team_member');
    await expect.poll(() => p.getByTestId('my-village').count()).toBe(1);
    await p.locator('#area').getByText('解难题办实事', { exact: true }).click();
    await p.getByLabel('工作纪实').fill(summary);
    await p.getByRole('button', { name: '提交日志' }).click();
    const item = p.getByTestId('work-log-item').filter({ hasText: summary });
    await expect.poll(() => item.count()).toBe(1);

    // 拍照 offers the rear camera: an image picker with capture="environment".
    const camera = item.locator('input[type=file][capture="environment"]');
    expect(await camera.getAttribute('accept')).toBe('image/*');
    await camera.setInputFiles({ name: '走访照片.png', mimeType: 'image/png', buffer: PHOTO });
    await expect.poll(() => p.getByText('已上传「走访照片.png」').count()).toBeGreaterThan(0);
    await expect
      .poll(() => item.getByTestId('attachment-item').textContent())
      .toContain('走访照片.png');
    const widest = await p.evaluate(() =>
      Math.max(
        ...[...document.querySelectorAll('.ant-layout-content *')].map(
          (e) => e.getBoundingClientRect().right,
        ),
      ),
    );
    expect(widest).toBeLessThanOrEqual(390);
    await p.screenshot({ path: path.join(h.outDir, 'work-log-photo-phone.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
    await p.close();

    // The county poverty office (武陵区) opens it from the work log.
    const office = await h.newPage({ width: 1280, height: 900 });
    const o = office.page;
    await o.goto(`${h.baseUrl}/poverty/`);
    await login(o, 'county_poverty');
    await o.getByRole('menuitem', { name: '工作日志' }).click();
    const logged = o.getByTestId('work-log-item').filter({ hasText: summary });
    await expect.poll(() => logged.count()).toBe(1);
    // Read-only for the office: no upload button.
    expect(await logged.getByRole('button', { name: /拍照/ }).count()).toBe(0);
    await logged.getByRole('button', { name: '查看 走访照片.png' }).click();
    const dialog = o.getByRole('dialog');
    const preview = dialog.getByTestId('attachment-preview');
    await expect.poll(() => preview.count()).toBe(1);
    await expect
      .poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBe(2);
    const download = o.waitForEvent('download');
    await dialog.getByRole('button', { name: /下载/ }).click();
    expect((await download).suggestedFilename()).toBe('走访照片.png');
    await o.screenshot({ path: path.join(h.outDir, 'work-log-photo-office.png') });
    expect(office.errors).toEqual([]);
  });
});
