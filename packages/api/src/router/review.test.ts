import { defined } from '@dangjian/db';
import type { DatabaseHandle } from '@dangjian/db';
import { auditLog, orgs, regions, reviewMeetings, secretaryReviews } from '@dangjian/db/schema';
import { seed, seedAccounts } from '@dangjian/db/seed';
import { createTestDatabase, TEST_DRIVERS, TEST_PII_CIPHER } from '@dangjian/db/testing';
import {
  checkReviewMeeting,
  resolvePolicy,
  REVIEW_CONTENT_AREAS,
  type ReviewRating,
} from '@dangjian/domain';
import { and, asc, between, eq, isNotNull, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing';

const WULING = '430702000000';
const DINGCHENG = '430703000000';
const QIMING = '430702001000'; // 启明街道 (武陵区), the `township` account's region

type Api = Awaited<ReturnType<typeof callerAs>>['api'];

/** 16 of each of the five participant types = 80. */
const EIGHTY = {
  party_congress_deputy: 16,
  npc_deputy: 16,
  cppcc_member: 16,
  member_cadre: 16,
  public_rep: 16,
};
const SEVENTY_NINE = { ...EIGHTY, public_rep: 15 };

/** Walks one secretary through report → review → comments → rating (→ consequence) → feedback. */
async function walk(
  api: Api,
  reviewId: number,
  year: number,
  rating: ReviewRating,
  consequence: 'written_reminder' | 'admonition_talk' | null = null,
) {
  await api.review.saveReport({
    reviewId,
    reportSummary: `${year} 年度述职报告`,
    submittedOn: `${year}-11-01`,
    contentAreas: [...REVIEW_CONTENT_AREAS],
  });
  await api.review.reviewReport({
    reviewId,
    reviewerName: '镇党委书记',
    reviewedByTownshipSecretary: true,
    reviewedOn: `${year}-11-05`,
    reviewComments: '同意',
  });
  await api.review.recordComments({ reviewId, meetingComments: '点评', questions: '提问' });
  await api.review.rate({ reviewId, rating });
  if (consequence) {
    await api.review.recordConsequence({
      reviewId,
      consequence,
      consequenceBy: '镇党委',
      consequenceOn: `${year}-11-25`,
    });
  }
  return api.review.recordFeedback({
    reviewId,
    feedbackOn: `${year}-11-28`,
    feedbackMethod: '当面反馈',
    reportPublished: true,
  });
}

describe.each(TEST_DRIVERS)('report-and-review (述职评议) on %s', (driver) => {
  let handle: DatabaseHandle;
  /** The clock stands at the end of 2026: meetings of 2026 may be recorded as held. */
  const at2026 = () => new Date('2026-12-31T04:00:00Z');
  const at2024 = () => new Date('2024-12-31T04:00:00Z');
  let township: Api;
  let county: Api;
  let county2: Api;
  let county2In2024: Api;
  /** Village/community orgs of 启明街道 with a secretary, in region order. */
  let qimingOrgs: { id: number; secretaryId: number | null }[];
  /** The first township of 鼎城区 and its village/community orgs. */
  let dc: { code: string; orgs: { id: number; secretaryId: number | null }[] };

  async function villageOrgs(code: string) {
    return handle.db
      .select({ id: orgs.id, secretaryId: orgs.secretaryId })
      .from(orgs)
      .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'village')))
      .where(
        and(between(orgs.regionCode, code, `${code.slice(0, 9)}999`), isNotNull(orgs.secretaryId)),
      )
      .orderBy(asc(orgs.regionCode), asc(orgs.id));
  }

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await seed(handle.db, { prefix: '4307', pii: TEST_PII_CIPHER });
    await seedAccounts(handle.db, { prefix: '4307' });
    ({ api: township } = await callerAs(handle, 'township', { now: at2026 }));
    ({ api: county } = await callerAs(handle, 'county_admin', { now: at2026 }));
    ({ api: county2 } = await callerAs(handle, 'county2_admin', { now: at2026 }));
    ({ api: county2In2024 } = await callerAs(handle, 'county2_admin', { now: at2024 }));
    qimingOrgs = await villageOrgs(QIMING);
    const [first] = await handle.db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.level, 'township'), eq(regions.parentCode, DINGCHENG)))
      .orderBy(asc(regions.code))
      .limit(1);
    dc = { code: defined(first).code, orgs: await villageOrgs(defined(first).code) };
  });
  afterAll(async () => {
    await handle.close();
  });

  it('scheduling with 79 participants is refused naming the field; 80 are accepted and every village/community secretary is listed', async () => {
    await expect(
      township.review.schedule({
        regionCode: QIMING,
        year: 2026,
        meetingOn: '2026-12-10',
        venue: '启明街道党群服务中心',
        participants: SEVENTY_NINE,
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '参会人数（participants）：述职评议参会人员不少于 80 人，当前 79 人',
    });
    const [none] = await handle.db
      .select({ id: reviewMeetings.id })
      .from(reviewMeetings)
      .where(and(eq(reviewMeetings.regionCode, QIMING), eq(reviewMeetings.year, 2026)));
    expect(none).toBeUndefined();

    const made = await township.review.schedule({
      regionCode: QIMING,
      year: 2026,
      meetingOn: '2026-12-10',
      venue: '启明街道党群服务中心',
      participants: EIGHTY,
      participantNames: { npc_deputy: ['张人大', '李人大'] },
    });
    expect(made).toMatchObject({ status: 'scheduled', secretaries: qimingOrgs.length });
    const view = await township.review.meeting({ regionCode: QIMING, year: 2026 });
    expect(view.minParticipants).toBe(80);
    expect(view.meeting).toMatchObject({
      meetingOn: '2026-12-10',
      status: 'scheduled',
      participants: EIGHTY,
      participantNames: { npc_deputy: ['张人大', '李人大'] },
    });
    expect(view.secretaries.map((s) => s.orgId)).toEqual(qimingOrgs.map((o) => o.id));
    expect(view.secretaries.map((s) => s.personId)).toEqual(qimingOrgs.map((o) => o.secretaryId));

    // Rescheduling keeps the same meeting and adds nobody twice; it is audited.
    const again = await township.review.schedule({
      regionCode: QIMING,
      year: 2026,
      meetingOn: '2026-12-09',
      venue: '启明街道党群服务中心',
      participants: EIGHTY,
    });
    expect(again).toEqual({ id: made.id, status: 'scheduled', secretaries: qimingOrgs.length });
    const audits = await handle.db
      .select({ target: auditLog.target })
      .from(auditLog)
      .where(eq(auditLog.procedure, 'review.schedule'));
    expect(audits).toEqual([
      { target: `review_meeting:${made.id}` },
      { target: `review_meeting:${made.id}` },
    ]);
  });

  it('a date outside the fourth quarter of the year is refused', async () => {
    for (const meetingOn of ['2026-09-30', '2027-10-01']) {
      await expect(
        township.review.schedule({
          regionCode: QIMING,
          year: 2026,
          meetingOn,
          venue: '会议室',
          participants: EIGHTY,
        }),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: `会议日期（meetingOn）：述职评议应在 2026 年第四季度（2026-10-01 至 2026-12-31）召开，当前为 ${meetingOn}`,
      });
    }
  });

  it('a meeting is held only with at least 80 participants, and comments and ratings wait for it', async () => {
    const view = await township.review.meeting({ regionCode: QIMING, year: 2026 });
    const reviewId = defined(view.secretaries[0]).id;
    await township.review.saveReport({
      reviewId,
      reportSummary: '述职报告',
      submittedOn: '2026-11-20',
      contentAreas: [...REVIEW_CONTENT_AREAS],
    });
    await expect(
      township.review.recordComments({ reviewId, meetingComments: '点评' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /尚未召开/ });
    await expect(
      township.review.markHeld({
        regionCode: QIMING,
        year: 2026,
        heldOn: '2026-12-09',
        participants: SEVENTY_NINE,
      }),
    ).rejects.toMatchObject({
      message: '参会人数（participants）：述职评议参会人员不少于 80 人，当前 79 人',
    });
    await township.review.markHeld({
      regionCode: QIMING,
      year: 2026,
      heldOn: '2026-12-09',
      participants: { ...EIGHTY, public_rep: 20 },
    });
    const held = await township.review.meeting({ regionCode: QIMING, year: 2026 });
    expect(held.meeting).toMatchObject({ status: 'held', heldOn: '2026-12-09' });
    expect(held.meeting?.participants.public_rep).toBe(20);
    // Held: the schedule is fixed now.
    await expect(
      township.review.schedule({
        regionCode: QIMING,
        year: 2026,
        meetingOn: '2026-12-10',
        venue: '会议室',
        participants: EIGHTY,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /已于 2026-12-09 召开/ });
  });

  it('feedback for a 不合格 secretary is refused until the written reminder or admonition talk is recorded', async () => {
    const view = await township.review.meeting({ regionCode: QIMING, year: 2026 });
    const reviewId = defined(view.secretaries[0]).id;
    // The report was saved above; the review by the township secretary comes before the meeting.
    await expect(
      township.review.reviewReport({
        reviewId,
        reviewerName: view.townshipSecretaryName ?? '书记',
        reviewedByTownshipSecretary: true,
        reviewedOn: '2026-12-10',
      }),
    ).rejects.toMatchObject({ message: /之前审阅/ });
    await township.review.reviewReport({
      reviewId,
      reviewerName: view.townshipSecretaryName ?? '书记',
      reviewedByTownshipSecretary: true,
      reviewedOn: '2026-11-25',
      reviewComments: '同意提交',
    });
    await expect(township.review.rate({ reviewId, rating: 'unqualified' })).rejects.toMatchObject({
      message: '请先登记点评意见，再评定等次',
    });
    await township.review.recordComments({
      reviewId,
      meetingComments: '组织生活不规范',
      participantOpinions: '群众反映差',
      questions: '整改何时完成？',
    });
    await township.review.rate({ reviewId, rating: 'unqualified' });
    await expect(
      township.review.recordFeedback({
        reviewId,
        feedbackOn: '2026-12-15',
        feedbackMethod: '当面反馈',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        '处理方式（consequence）：评议为“不合格”的书记，须先由上一级党委作出书面提醒或诫勉谈话并登记，才能反馈结果',
    });
    await township.review.recordConsequence({
      reviewId,
      consequence: 'admonition_talk',
      consequenceBy: '中共启明街道工作委员会',
      consequenceOn: '2026-12-12',
      consequenceNote: '限期整改',
    });
    const fed = await township.review.recordFeedback({
      reviewId,
      feedbackOn: '2026-12-15',
      feedbackMethod: '当面反馈',
      reportPublished: true,
    });
    expect(fed).toMatchObject({
      rating: 'unqualified',
      consequence: 'admonition_talk',
      feedbackOn: '2026-12-15',
      meetingStatus: 'held', // the other secretaries still wait for theirs
    });
    // Fed back: locked.
    await expect(township.review.rate({ reviewId, rating: 'qualified' })).rejects.toMatchObject({
      message: /已于 2026-12-15 向村（社区）党组织反馈评议结果/,
    });
    const audited = await handle.db
      .select({ procedure: auditLog.procedure })
      .from(auditLog)
      .where(eq(auditLog.target, `secretary_review:${reviewId}`))
      .orderBy(asc(auditLog.id));
    expect(audited.map((a) => a.procedure)).toEqual([
      'review.saveReport',
      'review.reviewReport',
      'review.recordComments',
      'review.rate',
      'review.recordConsequence',
      'review.recordFeedback',
    ]);
  });

  it('a consequence is only for 不合格, and feedback needs the report reviewed by the township secretary', async () => {
    const view = await township.review.meeting({ regionCode: QIMING, year: 2026 });
    const reviewId = defined(view.secretaries[1]).id;
    await township.review.saveReport({
      reviewId,
      reportSummary: '述职报告',
      submittedOn: '2026-11-20',
      contentAreas: [...REVIEW_CONTENT_AREAS],
    });
    await township.review.reviewReport({
      reviewId,
      reviewerName: '副书记',
      reviewedByTownshipSecretary: false,
      reviewedOn: '2026-11-22',
    });
    await township.review.recordComments({ reviewId, meetingComments: '点评' });
    await township.review.rate({ reviewId, rating: 'qualified' });
    await expect(
      township.review.recordConsequence({
        reviewId,
        consequence: 'written_reminder',
        consequenceBy: '镇党委',
        consequenceOn: '2026-12-12',
      }),
    ).rejects.toMatchObject({
      message: '处理方式（consequence）：只有评议为“不合格”的书记才作书面提醒',
    });
    await expect(
      township.review.recordFeedback({
        reviewId,
        feedbackOn: '2026-12-15',
        feedbackMethod: '书面',
      }),
    ).rejects.toMatchObject({ message: '不能反馈结果：述职报告未经镇党委书记审阅' });
  });

  it('the results list shows every secretary of the township with rating and consequence; the county sees them too', async () => {
    const expected = qimingOrgs.map((o, i) => ({
      orgId: o.id,
      personId: o.secretaryId,
      rating: i === 0 ? 'unqualified' : i === 1 ? 'qualified' : null,
      consequence: i === 0 ? 'admonition_talk' : null,
      feedbackOn: i === 0 ? '2026-12-15' : null,
    }));
    const pick = (
      rows: {
        orgId: number;
        personId: number;
        rating: string | null;
        consequence: string | null;
        feedbackOn: string | null;
      }[],
    ) =>
      rows.map(({ orgId, personId, rating, consequence, feedbackOn }) => ({
        orgId,
        personId,
        rating,
        consequence,
        feedbackOn,
      }));
    const own = await township.review.results({ regionCode: QIMING, year: 2026 });
    expect(pick(own.rows)).toEqual(expected);
    const wuling = await county.review.results({ regionCode: WULING, year: 2026 });
    expect(pick(wuling.rows)).toEqual(expected); // no other 武陵区 township has a 2026 meeting
    const summary = await county.review.townships({ regionCode: WULING, year: 2026 });
    const qiming = summary.rows.find((r) => r.regionCode === QIMING);
    expect(qiming).toMatchObject({
      status: 'held',
      participants: 84,
      secretaries: qimingOrgs.length,
      rated: 2,
      excellent: 0,
      qualified: 1,
      unqualified: 1,
      fedBack: 1,
    });
    expect(summary.rows.filter((r) => r.meetingId !== null)).toHaveLength(1);
  });

  it("a secretary's history lists every year's review, and the meeting is complete once every result is fed back", async () => {
    const { code, orgs: dcOrgs } = dc;
    const person = defined(defined(dcOrgs[0]).secretaryId);
    for (const [api, year] of [
      [county2In2024, 2024],
      [county2, 2026],
    ] as const) {
      await api.review.schedule({
        regionCode: code,
        year,
        meetingOn: `${year}-11-20`,
        venue: '镇会议室',
        participants: EIGHTY,
      });
      await api.review.markHeld({
        regionCode: code,
        year,
        heldOn: `${year}-11-20`,
        participants: EIGHTY,
      });
    }
    const y2024 = await county2In2024.review.meeting({ regionCode: code, year: 2024 });
    // 2024: the first secretary 不合格 with a written reminder, all others 合格.
    for (const [i, s] of y2024.secretaries.entries()) {
      const r = await walk(
        county2In2024,
        s.id,
        2024,
        i === 0 ? 'unqualified' : 'qualified',
        i === 0 ? 'written_reminder' : null,
      );
      expect(r.meetingStatus).toBe(i === y2024.secretaries.length - 1 ? 'feedback_given' : 'held');
    }
    const y2026 = await county2.review.meeting({ regionCode: code, year: 2026 });
    await walk(county2, defined(y2026.secretaries[0]).id, 2026, 'excellent');
    expect(defined(y2026.secretaries[0]).personId).toBe(person);

    const [seeded] = await handle.db
      .select({ rating: secretaryReviews.rating, consequence: secretaryReviews.consequence })
      .from(secretaryReviews)
      .where(and(eq(secretaryReviews.personId, person), eq(secretaryReviews.year, 2025)));
    const history = await county2.review.history({ personId: person });
    expect(
      history.rows.map((r) => ({ year: r.year, rating: r.rating, consequence: r.consequence })),
    ).toEqual([
      { year: 2026, rating: 'excellent', consequence: null },
      { year: 2025, ...seeded },
      { year: 2024, rating: 'unqualified', consequence: 'written_reminder' },
    ]);
    const summary = await county2.review.townships({ regionCode: DINGCHENG, year: 2024 });
    expect(summary.rows.find((r) => r.regionCode === code)).toMatchObject({
      status: 'feedback_given',
      secretaries: dcOrgs.length,
      rated: dcOrgs.length,
      unqualified: 1,
      qualified: dcOrgs.length - 1,
      fedBack: dcOrgs.length,
    });
  });

  it("a county cannot see or write another county's reviews", async () => {
    const view = await township.review.meeting({ regionCode: QIMING, year: 2026 });
    const reviewId = defined(view.secretaries[2]).id;
    for (const call of [
      () => county2.review.meeting({ regionCode: QIMING, year: 2026 }),
      () => county2.review.results({ regionCode: WULING, year: 2026 }),
      () => county2.review.townships({ regionCode: WULING, year: 2026 }),
      () =>
        county2.review.schedule({
          regionCode: QIMING,
          year: 2027,
          meetingOn: '2027-11-01',
          venue: '会议室',
          participants: EIGHTY,
        }),
    ]) {
      await expect(call()).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: /无权访问本辖区以外的区域/,
      });
    }
    await expect(
      county2.review.saveReport({
        reviewId,
        reportSummary: '越权',
        submittedOn: '2026-11-01',
        contentAreas: [],
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      county2.review.history({ personId: defined(defined(qimingOrgs[0]).secretaryId) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // 鼎城区 sees its own only.
    const own = await county2.review.results({ regionCode: DINGCHENG, year: 2026 });
    expect(own.rows.length).toBeGreaterThan(0);
    expect(own.rows.every((r) => r.regionCode.startsWith('430703'))).toBe(true);
    const [untouched] = await handle.db
      .select({ reportSummary: secretaryReviews.reportSummary })
      .from(secretaryReviews)
      .where(eq(secretaryReviews.id, reviewId));
    expect(untouched?.reportSummary).toBeNull();
  });

  it('the demo 2025 reviews: every township of the city held a valid Q4 meeting, and each 不合格 has its consequence', async () => {
    const { api: city } = await callerAs(handle, 'city_admin', { now: at2026 });
    const results = await city.review.results({ regionCode: '430700000000', year: 2025 });
    // Every village/community org of the city with a secretary, in every township that has one.
    const cityOrgs = await handle.db
      .select({ id: orgs.id, townshipCode: regions.parentCode })
      .from(orgs)
      .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'village')))
      .where(and(like(orgs.regionCode, '4307%'), isNotNull(orgs.secretaryId)));
    expect(results.rows).toHaveLength(cityOrgs.length);
    const meetings = await handle.db
      .select()
      .from(reviewMeetings)
      .where(eq(reviewMeetings.year, 2025));
    const byId = new Map(meetings.map((m) => [m.id, m]));
    const policy = resolvePolicy([], '430700000000', 2025);
    const unqualified = results.rows.filter((r) => r.rating === 'unqualified');
    expect(unqualified.length).toBeGreaterThan(0);
    expect(unqualified.every((r) => r.consequence !== null && r.consequenceOn !== null)).toBe(true);
    for (const r of results.rows) {
      const m = defined(byId.get(r.meetingId));
      const check = checkReviewMeeting(
        {
          year: 2025,
          meetingOn: defined(m.heldOn),
          participants: {
            party_congress_deputy: m.partyCongressDeputies,
            npc_deputy: m.npcDeputies,
            cppcc_member: m.cppccMembers,
            member_cadre: m.memberCadres,
            public_rep: m.publicReps,
          },
          report: {
            submittedOn: defined(r.reportSubmittedOn),
            reviewedBy: r.reviewedByTownshipSecretary ? 'township_secretary' : 'other',
            reviewedOn: r.reviewedOn,
            contentAreas: r.reportContentAreas,
          },
          feedbackOn: r.feedbackOn,
        },
        policy,
      );
      expect(check.issues).toEqual([]);
    }
    expect(meetings).toHaveLength(new Set(cityOrgs.map((o) => o.townshipCode)).size);
    expect(meetings.length).toBeGreaterThan(0);
    expect(meetings.every((m) => m.status === 'feedback_given')).toBe(true);
  });
});
