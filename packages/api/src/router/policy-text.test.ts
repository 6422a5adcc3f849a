import type { DatabaseHandle } from '@dangjian/db';
import { policySets } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

const WULING = '430702000000'; // 武陵区
const QIMING = '430702001000'; // 启明街道 (武陵区)
const NOW = new Date('2026-05-20T04:00:00Z');
const YEAR = 2026;
const own = { seed: null, section: '第三条', document: '武组发〔2026〕2号' };

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

async function sheetNames(base64: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return wb.worksheets.map((w) => w.name);
}

/**
 * Text that states a rule reads the policy in force: with 武陵区's own values the sentences of
 * every family (rectification, development, coverage, reserves, meetings, demonstration sites,
 * review, pay) say the county's numbers and cite its document; screens get the policy's label.
 */
describe.each(TEST_DRIVERS)('rule sentences follow a county override on %s', (driver) => {
  let handle: DatabaseHandle;
  let county: Api;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: county } = await callerAs(handle, 'county_admin', { now: () => NOW }));
  });
  afterAll(async () => {
    await handle.close();
  });

  async function sentences() {
    const period = { regionCode: WULING, from: '2026-01-01', to: '2026-03-31' };
    const [rect, dev, coverage, reserves, meetings, demo, review, pay] = await Promise.all([
      county.rectification.list({ regionCode: WULING, year: YEAR }),
      county.development.overview({ regionCode: WULING, year: YEAR }),
      county.coverage.list({ regionCode: WULING }),
      county.reserves.villages({ regionCode: WULING }),
      county.meetings.compliance(period),
      county.demoSites.list({ regionCode: WULING, year: YEAR }),
      county.review.meeting({ regionCode: QIMING, year: YEAR }),
      county.pay.rule({ regionCode: WULING, year: YEAR }),
    ]);
    return {
      rectification: rect.quota.rule,
      development: dev.rules.all,
      coverage: coverage.rule,
      reserves: reserves.rule,
      meetings: meetings.rule,
      demo: demo.source,
      review: review.rule,
      pay: pay.rule,
      labels: [
        rect.quota.policyLabel,
        dev.policyLabel,
        coverage.policyLabel,
        reserves.policyLabel,
        meetings.policyLabel,
        demo.policyLabel,
        review.policyLabel,
        pay.policyLabel,
      ],
    };
  }

  it('without an override, the sentences state the city notice values and cite it in people’s words', async () => {
    const s = await sentences();
    expect(s.rectification).toContain('村党组织不低于 10%');
    expect(s.development).toContain('35 岁以下、高中文化程度以上的农村党员分别在 80% 以上');
    expect(s.coverage).toContain('职工 50 名以上的非公企业');
    expect(s.reserves).toContain('35 岁以下（含）村党组织带头人台账（常委〔2012〕5号 第八条）');
    expect(s.meetings).toContain('党群联席会议每季度至少召开 1 次');
    expect(s.demo).toBe('常委〔2012〕5号 第十条');
    expect(s.review).toContain('不少于 80 人');
    expect(s.pay).toContain('1 : 0.9 : 0.8 : 0.7');
    for (const text of Object.values(s).flat()) {
      expect(text).not.toMatch(/§|\b00[0-4]\b|@\d|#[0-9a-f]{8}/);
    }
  });

  it('a county set changes every sentence, its citation, and the policy label', async () => {
    await handle.db.insert(policySets).values({
      id: 'wuling-2026',
      version: 1,
      name: '武陵区基层党建实施细则',
      regionCode: WULING,
      fromYear: YEAR,
      toYear: null,
      effectiveDate: `${YEAR}-01-01`,
      parameters: {
        rectQuotaVillagePct: { value: 12, source: own },
        memberDevYoungMaxAge: { value: 40, source: own },
        formationOwnOrgMinEmployees: { value: 30, source: own },
        reserveLedgerMaxAge: { value: 38, source: own },
        partyPublicMeetingsPerQuarterMin: { value: 2, source: own },
        demoTargetVillage: { value: 12, source: own },
        reviewMinParticipants: { value: 100, source: own },
        payRatioPoor: { value: 0.6, source: own },
      },
    });
    try {
      const s = await sentences();
      const cite = '武组发〔2026〕2号 第三条';
      expect(s.rectification).toContain('村党组织不低于 12%');
      expect(s.rectification).toContain(cite);
      expect(s.development).toContain('40 岁以下、高中文化程度以上的农村党员');
      expect(s.development).toContain('41 岁以上或初中及以下');
      expect(s.coverage).toContain('职工 30 名以上的非公企业');
      expect(s.reserves).toContain(`38 岁以下（含）村党组织带头人台账（${cite}）`);
      expect(s.meetings).toContain(
        `党群联席会议每季度至少召开 2 次，决议以书面形式向全体村（居）民公开（${cite}）`,
      );
      expect(s.demo).toContain(cite);
      expect(s.review).toContain('不少于 100 人');
      expect(s.pay).toContain('1 : 0.9 : 0.8 : 0.6');
      for (const label of s.labels) expect(label).toMatch(/^武陵区基层党建实施细则 \+ /);

      // Exports follow too: the young leaders' ledger is named by the county's age.
      const reserves = await county.reserves.export({ regionCode: WULING });
      expect(await sheetNames(reserves.base64)).toEqual(['后备干部配备', '38岁以下台账']);
      expect(reserves.filename).toContain('38岁以下村党组织带头人台账');
    } finally {
      await handle.db.delete(policySets).where(eq(policySets.id, 'wuling-2026'));
    }
  });
});
