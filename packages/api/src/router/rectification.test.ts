import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import {
  auditLog,
  orgs,
  people,
  rectificationCases,
  rectificationProblems,
  regions,
} from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import { and, asc, between, count, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { regionCodeRange } from '@dangjian/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';
import { cellText } from '../xlsx/workbook';

const CITY = '430700000000';
const WULING = '430702000000';
const DINGCHENG = '430703000000';
const YEAR = 2031; // no seeded cases: hand-built ones only
const NOW = () => new Date('2032-03-01T02:00:00Z');

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

const plan = (problems: number, deadline = '2031-06-30') => ({
  workTeam: { leader: '李组长（组织委员）', members: ['王成员'] },
  leadingCadre: { name: '周书记', post: '镇党委副书记' },
  problems: Array.from({ length: problems }, (_, i) => ({
    description: `问题${i + 1}`,
    measures: [`措施${i + 1}`],
    goal: `目标${i + 1}`,
    deadline,
    responsiblePerson: `责任人${i + 1}`,
  })),
});
const confirmation = (on: string) => ({
  confirmedBy: '村党支部书记 张三',
  confirmedOn: on,
  method: 'mass_meeting' as const,
  evidence: '党员群众大会记录',
});

async function readWorkbook(base64: string) {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return wb;
}

/** half-up percentage to 0.01 as the ratio the sheet stores (41.18% → 0.4118); "——" when nothing to measure. */
function pct(n: number, d: number): number | string {
  return d === 0 ? '——' : Math.floor((n * 20000 + d) / (2 * d)) / 10000;
}

describe.each(TEST_DRIVERS)('rectification on %s', (driver) => {
  let handle: DatabaseHandle;
  let county: Api; // 武陵区
  let county2: Api; // 鼎城区

  /** Village-level orgs of a region, by category, lowest id first. */
  async function villageOrgs(regionCode: string, category: 'rural' | 'street_community') {
    return handle.db
      .select({ id: orgs.id, name: orgs.name, regionCode: orgs.regionCode })
      .from(orgs)
      .innerJoin(regions, eq(regions.code, orgs.regionCode))
      .where(
        and(
          between(
            orgs.regionCode,
            regionCodeRange(regionCode).from,
            regionCodeRange(regionCode).to,
          ),
          eq(regions.level, 'village'),
          eq(orgs.category, category),
        ),
      )
      .orderBy(asc(orgs.id));
  }

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    county = (await callerAs(handle, 'county_admin', { now: NOW })).api;
    county2 = (await callerAs(handle, 'county2_admin', { now: NOW })).api;
  });
  afterAll(async () => {
    await handle.close();
  });

  it('closing an item without a recorded public confirmation is refused in Chinese and changes nothing; with one it closes', async () => {
    const township = defined(
      (
        await handle.db
          .select({ code: regions.code })
          .from(regions)
          .where(and(eq(regions.level, 'township'), between(regions.code, WULING, '430702999999')))
          .orderBy(asc(regions.code))
          .limit(1)
      )[0],
    ).code;
    const [org] = await villageOrgs(township, 'street_community').then(async (c) =>
      c.length ? c : villageOrgs(township, 'rural'),
    );
    const { id } = await county.rectification.create({
      orgId: defined(org).id,
      year: YEAR,
      criteria: ['weak_service'],
      ...plan(1),
    });
    const detail = await county.rectification.byId({ id });
    const problemId = defined(detail.problems[0]).id;
    await expect(
      county.rectification.closeItem({ problemId, closedOn: '2031-05-01' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        '群众认可（closure.publicConfirmation）：销号须记录群众认可情况（由谁确认、以何种方式、何时确认）：群众认可一件、销号一件（000 §1）',
    });
    await expect(
      county.rectification.closeItem({
        problemId,
        closedOn: '2031-05-01',
        publicConfirmation: { ...confirmation('2031-05-01'), confirmedBy: '' },
      }),
    ).rejects.toThrow('应记录由谁确认群众认可');
    const [still] = await handle.db
      .select({ closedOn: rectificationProblems.closedOn })
      .from(rectificationProblems)
      .where(eq(rectificationProblems.id, problemId));
    expect(still?.closedOn).toBeNull();

    // Acceptance before every item is closed is refused too.
    await expect(
      county.rectification.accept({
        caseId: id,
        acceptedOn: '2031-06-01',
        passed: true,
        publicOpinionHeard: true,
      }),
    ).rejects.toThrow('尚未经群众认可销号，不能验收');

    await county.rectification.closeItem({
      problemId,
      closedOn: '2031-05-01',
      publicConfirmation: confirmation('2031-04-28'),
    });
    const closed = await county.rectification.byId({ id });
    expect(closed.problems[0]).toMatchObject({
      closedOn: '2031-05-01',
      confirmation: { confirmedBy: '村党支部书记 张三', method: 'mass_meeting' },
    });
    expect(closed.status).toBe('ready_for_acceptance');
    await county.rectification.accept({
      caseId: id,
      acceptedOn: '2031-06-01',
      passed: true,
      publicOpinionHeard: true,
    });
    const accepted = await county.rectification.byId({ id });
    expect(accepted.acceptance).toMatchObject({ by: 'county', passed: true });
    expect(accepted.status).toBe('accepted');
    const audits = await handle.db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.target, `rectification_problem:${problemId}`));
    expect(audits[0]?.n).toBe(1);
  });

  it('the quota is 10 % of village orgs and 5 % of community and other-field orgs, rounded up, and met only when every group is', async () => {
    // A rural township of 鼎城区 with at least 11 village orgs (so 10 % rounds up to 2 or more).
    const townships = await handle.db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.level, 'township'), between(regions.code, DINGCHENG, '430703999999')))
      .orderBy(asc(regions.code));
    let code = '';
    for (const t of townships) {
      if ((await villageOrgs(t.code, 'rural')).length >= 11) {
        code = t.code;
        break;
      }
    }
    expect(code).not.toBe('');
    const all = await handle.db
      .select({ id: orgs.id, category: orgs.category })
      .from(orgs)
      .where(between(orgs.regionCode, code, regionCodeRange(code).to))
      .orderBy(asc(orgs.id));
    const n = { village: 0, community: 0, other: 0 };
    for (const o of all) {
      if (o.category === 'rural') n.village++;
      else if (o.category === 'street_community') n.community++;
      else n.other++;
    }
    const required = {
      village: Math.ceil((n.village * 10) / 100),
      community: Math.ceil((n.community * 5) / 100),
      other: Math.ceil((n.other * 5) / 100),
    };
    expect(required.village).toBeGreaterThanOrEqual(2);

    const villages = await villageOrgs(code, 'rural');
    const others = all.filter((o) => o.category !== 'rural' && o.category !== 'street_community');
    const list = async () => county2.rectification.list({ regionCode: code, year: YEAR });
    for (const v of villages.slice(0, required.village - 1)) {
      await county2.rectification.create({
        orgId: v.id,
        year: YEAR,
        criteria: ['team_disunited'],
        ...plan(1),
      });
    }
    for (const o of others.slice(0, required.other)) {
      await county2.rectification.create({
        orgId: o.id,
        year: YEAR,
        criteria: ['rules_on_paper'],
        ...plan(1),
      });
    }
    const short = await list();
    const village = defined(short.quota.lines.find((l) => l.group === 'village'));
    expect(village).toMatchObject({
      orgCount: n.village,
      required: required.village,
      listed: required.village - 1,
      shortfall: 1,
      met: false,
    });
    expect(short.quota.met).toBe(false);

    await county2.rectification.create({
      orgId: defined(villages[required.village - 1]).id,
      year: YEAR,
      criteria: ['team_disunited'],
      keyFlags: ['vote_buying'],
      electionPostponed: true,
      ...plan(1),
    });
    const enough = await list();
    expect(enough.quota.lines.map((l) => [l.group, l.required, l.listed, l.met])).toEqual([
      ['village', required.village, required.village, true],
      ['community', required.community, 0, required.community === 0],
      ['other', required.other, required.other, true],
    ]);
    expect(enough.quota.met).toBe(required.community === 0);
    expect(enough.items.find((i) => i.keyRectification)?.electionPostponed).toBe(true);

    // A postponed election is for village orgs only (002 §1).
    await expect(
      county2.rectification.create({
        orgId: defined(others[others.length - 1]).id,
        year: YEAR + 5,
        criteria: ['term_overdue'],
        electionPostponed: true,
        ...plan(1),
      }),
    ).rejects.toThrow('只有软弱涣散村党组织可以推迟换届选举');
  });

  it('carry-over moves last year’s unfinished cases once, keeps the old case and its ledger as history, and flags overdue items', async () => {
    const villages = await villageOrgs('430703100000', 'rural').then(async (v) =>
      v.length >= 2 ? v : villageOrgs(DINGCHENG, 'rural'),
    );
    const [a, b] = [defined(villages[villages.length - 1]), defined(villages[villages.length - 2])];
    const from = YEAR + 1;
    const to = YEAR + 2;
    const caseA = await county2.rectification.create({
      orgId: a.id,
      year: from,
      criteria: ['secretary_incompetent'],
      ...plan(2, '2032-02-01'),
    });
    const caseB = await county2.rectification.create({
      orgId: b.id,
      year: from,
      criteria: ['weak_service'],
      ...plan(1, '2032-02-01'),
    });
    const a0 = await county2.rectification.byId({ id: caseA.id });
    // 2032-03-01 is past the deadline of 2032-02-01: both open items are 29 days overdue.
    expect(a0.problems.map((p) => p.daysOverdue)).toEqual([29, 29]);
    await county2.rectification.addEntry({
      problemId: defined(a0.problems[0]).id,
      entryDate: '2032-01-10',
      note: '召开班子会议',
    });
    await county2.rectification.closeItem({
      problemId: defined(a0.problems[0]).id,
      closedOn: '2032-01-20',
      publicConfirmation: confirmation('2032-01-18'),
    });
    const b0 = await county2.rectification.byId({ id: caseB.id });
    await county2.rectification.closeItem({
      problemId: defined(b0.problems[0]).id,
      closedOn: '2032-01-20',
      publicConfirmation: confirmation('2032-01-20'),
    });
    await county2.rectification.accept({
      caseId: caseB.id,
      acceptedOn: '2032-02-01',
      passed: true,
      publicOpinionHeard: true,
    });

    const before = await county2.rectification.list({ regionCode: DINGCHENG, year: to });
    expect(before.pendingCarryOver).toBe(1);
    const first = await county2.rectification.carryOver({ regionCode: DINGCHENG, toYear: to });
    expect(first).toEqual({ carried: 1, alreadyCarried: 0 });
    const second = await county2.rectification.carryOver({ regionCode: DINGCHENG, toYear: to });
    expect(second).toEqual({ carried: 0, alreadyCarried: 1 });

    const rows = await handle.db
      .select({
        id: rectificationCases.id,
        orgId: rectificationCases.orgId,
        year: rectificationCases.year,
        carriedOverFromId: rectificationCases.carriedOverFromId,
        firstListedYear: rectificationCases.firstListedYear,
      })
      .from(rectificationCases)
      .where(sql`${rectificationCases.orgId} in (${a.id}, ${b.id})`)
      .orderBy(asc(rectificationCases.year), asc(rectificationCases.id));
    expect(rows.map((r) => [r.orgId, r.year, r.carriedOverFromId, r.firstListedYear])).toEqual([
      [a.id, from, null, from],
      [b.id, from, null, from],
      [a.id, to, caseA.id, from],
    ]);
    const carried = await county2.rectification.byId({ id: defined(rows[2]).id });
    expect(carried.history).toEqual([{ id: caseA.id, year: from, status: 'in_progress' }]);
    expect(carried.problems[0]).toMatchObject({ carried: true, closedOn: '2032-01-20' });
    expect(defined(carried.problems[0]).entries.map((e) => [e.note, e.year])).toEqual([
      ['召开班子会议', from],
    ]);
    expect(defined(carried.problems[1]).closedOn).toBeNull();
    // The old case is history now: no more writes to it.
    await expect(
      county2.rectification.addEntry({
        problemId: defined(a0.problems[1]).id,
        entryDate: '2032-02-10',
        note: '补记',
      }),
    ).rejects.toMatchObject({ message: `该整顿对象已结转至 ${to} 年，请在 ${to} 年的台账中记录` });
    const old = await county2.rectification.byId({ id: caseA.id });
    expect(old.problems.map((p) => p.closedOn)).toEqual(['2032-01-20', null]);
  });

  it('a county user neither sees nor writes another county’s cases', async () => {
    const [other] = await handle.db
      .select({ id: rectificationCases.id, problemId: rectificationProblems.id })
      .from(rectificationCases)
      .innerJoin(rectificationProblems, eq(rectificationProblems.caseId, rectificationCases.id))
      .where(
        and(
          between(rectificationCases.regionCode, DINGCHENG, '430703999999'),
          eq(rectificationCases.year, 2026),
          sql`${rectificationProblems.closedOn} is null`,
        ),
      )
      .limit(1);
    await expect(county.rectification.byId({ id: defined(other).id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      county.rectification.closeItem({
        problemId: defined(other).problemId,
        closedOn: '2026-05-01',
        publicConfirmation: confirmation('2026-05-01'),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      county.rectification.list({ regionCode: DINGCHENG, year: 2026 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      county.rectification.exportForm({ regionCode: CITY, year: 2026, form: 'summary' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const own = await county.rectification.list({ regionCode: WULING, year: 2026 });
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((i) => i.regionCode.startsWith('430702'))).toBe(true);
    const [still] = await handle.db
      .select({ closedOn: rectificationProblems.closedOn })
      .from(rectificationProblems)
      .where(eq(rectificationProblems.id, defined(other).problemId));
    expect(still?.closedOn).toBeNull();
  });

  it('the city’s 附件1-3 re-open with ExcelJS, carry the notice’s headings, and equal the ledger counted row by row', async () => {
    const city = (await callerAs(handle, 'city_admin', { now: NOW })).api;
    const started = performance.now();
    const summary = await city.rectification.exportForm({
      regionCode: CITY,
      year: 2026,
      form: 'summary',
    });
    const summaryMs = performance.now() - started;
    console.log(`附件1 for the whole city: ${summaryMs.toFixed(0)} ms on ${driver}`);

    // Independent count: every org of the city with its 2026 case (if any), by county and category.
    const orgRows = await handle.db
      .select({
        county: regions.name,
        category: orgs.category,
        kind: orgs.kind,
        criteria: rectificationCases.criteria,
      })
      .from(orgs)
      .innerJoin(regions, eq(regions.code, sql`rpad(left(${orgs.regionCode}, 6), 12, '0')`))
      .leftJoin(
        rectificationCases,
        and(eq(rectificationCases.orgId, orgs.id), eq(rectificationCases.year, 2026)),
      )
      .where(between(orgs.regionCode, CITY, '430799999999'));
    const CRITERIA = [
      'team_incomplete',
      'secretary_incompetent',
      'team_disunited',
      'term_overdue',
      'rules_on_paper',
      'weak_service',
    ];
    const CATEGORY = { rural: '农村', street_community: '街道社区' } as Record<string, string>;

    const wb = await readWorkbook(summary.base64);
    const counties = [...new Set(orgRows.map((r) => r.county))];
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['常德市（合计）', ...counties]),
    );
    expect(wb.worksheets).toHaveLength(counties.length + 1);
    let checkedTables = 0;
    for (const sheet of wb.worksheets) {
      const lines: string[][] = [];
      sheet.eachRow((row) => {
        lines.push([1, 2, 3, 4, 5].map((c) => cellText(row.getCell(c).value)));
      });
      const unit = sheet.name === '常德市（合计）' ? null : sheet.name;
      expect(lines[0]?.[0]).toBe('附件1');
      expect(lines[1]?.[0]).toBe('软弱涣散基层党组织情况汇总表');
      for (let i = 0; i < lines.length; i++) {
        const meta = /^填报单位：(.+?)\s+党组织类别：(.+?)\s+填表时间：(.+)$/.exec(
          defined(defined(lines[i])[0]),
        );
        if (!meta) continue;
        const category = Object.entries(CATEGORY).find(([, l]) => l === meta[2])?.[0];
        if (!category) continue; // the rural and community tables are checked cell by cell
        expect(meta[1]).toBe(unit ?? '常德市（合计）');
        expect(meta[3]).toBe('2032年3月1日');
        const head = defined(lines[i + 1]);
        expect(head.slice(2)).toEqual([
          '数量（个）',
          '占填报单位所辖基层党组织总数比例（%）',
          '占软弱涣散基层党组织总数比例（%）',
        ]);
        const mine = orgRows.filter(
          (r) => r.category === category && (unit === null || r.county === unit),
        );
        const total = mine.length;
        const soft = mine.filter((r) => r.criteria !== null).length;
        const num = (s: string) => (s === '——' ? s : Number(s));
        expect(lines[i + 2]).toEqual([
          '所辖基层党组织',
          '所辖基层党组织',
          String(total),
          '——',
          '——',
        ]);
        ['committee', 'general_branch', 'branch'].forEach((kind, k) => {
          const c = mine.filter((r) => r.kind === kind).length;
          const line = defined(lines[i + 3 + k]);
          expect(line[1]).toBe(['党委', '党总支', '党支部'][k]);
          expect([Number(line[2]), num(defined(line[3]))]).toEqual([c, pct(c, total)]);
        });
        const softLine = defined(lines[i + 6]);
        expect(softLine[0]).toBe('软弱涣散基层党组织');
        expect([Number(softLine[2]), num(defined(softLine[3])), softLine[4]]).toEqual([
          soft,
          pct(soft, total),
          '——',
        ]);
        CRITERIA.forEach((criterion, k) => {
          const c = mine.filter((r) => r.criteria?.includes(criterion)).length;
          const line = defined(lines[i + 7 + k]);
          expect(defined(line[1]).startsWith(`（${k + 1}）`)).toBe(true);
          expect([Number(line[2]), num(defined(line[3])), num(defined(line[4]))]).toEqual([
            c,
            pct(c, total),
            pct(c, soft),
          ]);
        });
        checkedTables++;
      }
    }
    // 11 sheets × (农村, 街道社区 where the unit has such orgs)
    expect(checkedTables).toBeGreaterThanOrEqual(counties.length + 1);
    expect(wb.getWorksheet('常德市（合计）')).toBeDefined();

    // 附件2 / 附件3: one sheet per county; rows equal the year's cases (all, or the election ones).
    const cases = await handle.db
      .select({
        county: regions.name,
        name: orgs.name,
        members: orgs.memberCount,
        category: orgs.category,
        criteria: rectificationCases.criteria,
        keyFlags: rectificationCases.keyFlags,
        postponed: rectificationCases.electionPostponed,
        level: sql<string>`(select level from regions v where v.code = ${rectificationCases.regionCode})`,
        secretary: people.name,
        phone: people.phone,
      })
      .from(rectificationCases)
      .innerJoin(orgs, eq(orgs.id, rectificationCases.orgId))
      .innerJoin(
        regions,
        eq(regions.code, sql`rpad(left(${rectificationCases.regionCode}, 6), 12, '0')`),
      )
      .leftJoin(people, eq(people.id, orgs.secretaryId))
      .where(
        and(
          between(rectificationCases.regionCode, CITY, '430799999999'),
          eq(rectificationCases.year, 2026),
        ),
      );
    for (const form of ['brief', 'election'] as const) {
      const file = await city.rectification.exportForm({ regionCode: CITY, year: 2026, form });
      const book = await readWorkbook(file.base64);
      expect(book.worksheets.map((w) => w.name)).toEqual(
        counties.slice().sort((x, y) => counties.indexOf(x) - counties.indexOf(y)),
      );
      const headings =
        form === 'brief'
          ? [
              '序号',
              '软弱涣散基层党组织名称',
              '党员数',
              '主要问题',
              '党组织书记姓名',
              '党组织书记联系方式',
            ]
          : [
              '序号',
              '村党组织名称',
              '党员数',
              '主要问题',
              '整顿措施',
              '换届选举完成时间',
              '党组织书记姓名',
              '党组织书记联系方式',
            ];
      let total = 0;
      for (const sheet of book.worksheets) {
        expect(cellText(sheet.getCell(1, 1).value)).toBe(form === 'brief' ? '附件2' : '附件3');
        expect(cellText(sheet.getCell(2, 1).value)).toBe(
          form === 'brief'
            ? '软弱涣散基层党组织简要情况一览表'
            : '党组织换届选举难点村简要情况一览表',
        );
        expect(headings.map((_, c) => cellText(sheet.getCell(4, c + 1).value))).toEqual(headings);
        const got: string[] = [];
        // the table's rows (numbered in 序号) end where the signature block begins
        for (let r = 5; /^\d+$/.test(cellText(sheet.getCell(r, 1).value)); r++) {
          const row = sheet.getRow(r);
          got.push(
            [
              cellText(row.getCell(2).value),
              cellText(row.getCell(3).value),
              cellText(row.getCell(headings.length - 1).value),
              cellText(row.getCell(headings.length).value),
            ].join('|'),
          );
        }
        const expected = cases
          .filter((c) => c.county === sheet.name)
          .filter(
            (c) =>
              form === 'brief' ||
              (c.category === 'rural' &&
                c.level === 'village' &&
                (c.postponed ||
                  c.criteria.includes('term_overdue') ||
                  c.keyFlags.includes('vote_buying'))),
          )
          .map((c) => [c.name, String(c.members), c.secretary ?? '', c.phone ?? ''].join('|'));
        expect(got.sort()).toEqual(expected.sort());
        total += got.length;
      }
      if (form === 'brief') expect(total).toBe(cases.length);
      else expect(total).toBeGreaterThan(0);
    }
  });
});
