import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, weekStart } from './dates';
import { isDomainError } from './errors';
import {
  assertDemoSiteSubject,
  assertMeetingRecord,
  assertReviewConsequence,
  assertReviewSchedule,
  checkDemonstrationSites,
  checkReviewMeeting,
  checkReviewSchedule,
  meetingCadence,
  overdueTerms,
  reviewConsequences,
  termStatus,
} from './governance';
import type { ReviewRating } from './governance';
import { resolvePolicy } from './policy';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}:${e.field}`;
    throw e;
  }
  return 'no error';
};
const policy = resolvePolicy([], '441900000000', 2015);

describe('joint-meeting cadence (003 §1): team meeting weekly, Party–public meeting at least quarterly', () => {
  it('finds the one week without a team meeting in Q1 2015 (12 whole weeks from Monday 5 January)', () => {
    const mondays = Array.from({ length: 12 }, (_, i) => addDays('2015-01-05', 7 * i)).filter(
      (d) => d !== '2015-02-16',
    );
    const r = meetingCadence(
      {
        from: '2015-01-01',
        to: '2015-03-31',
        meetings: [
          ...mondays.map((date) => ({ kind: 'team_joint' as const, date })),
          { kind: 'team_joint', date: '2015-01-02' },
          { kind: 'party_public_joint', date: '2015-03-15', decisionsPublished: true },
        ],
      },
      policy,
    );
    expect([r.weeks, r.missedWeeks, r.quarters, r.missedQuarters, r.unpublishedDecisions]).toEqual([
      12,
      ['2015-02-16'],
      ['2015-Q1'],
      [],
      [],
    ]);
  });

  it('a week across the year boundary counts once; partial quarters are not judged', () => {
    const r = meetingCadence(
      {
        from: '2014-12-29',
        to: '2015-01-04',
        meetings: [{ kind: 'team_joint', date: '2014-12-31' }],
      },
      policy,
    );
    expect([r.weeks, r.missedWeeks, r.quarters]).toEqual([1, [], []]);
  });

  // 2015 runs Thursday to Thursday: whole weeks from Monday 5 January to Sunday 27 December = 51
  it('over a year: a quarter without a Party–public meeting is missed; unpublished decisions are listed', () => {
    const r = meetingCadence(
      {
        from: '2015-01-01',
        to: '2015-12-31',
        meetings: [
          { kind: 'party_public_joint', date: '2015-02-01', decisionsPublished: true },
          { kind: 'party_public_joint', date: '2015-06-30', decisionsPublished: true },
          { kind: 'party_public_joint', date: '2015-10-01' },
          { kind: 'party_public_joint', date: '2016-01-01' },
        ],
      },
      policy,
    );
    expect([
      r.quarters.length,
      r.missedQuarters,
      r.unpublishedDecisions,
      r.missedWeeks.length,
    ]).toEqual([4, ['2015-Q3'], ['2015-10-01'], 51]);
  });

  it('any period and meetings: a week is missed exactly when its Monday–Sunday holds no team meeting', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 120 }),
        fc.array(fc.integer({ min: -10, max: 140 }), { maxLength: 30 }),
        (start, length, offsets) => {
          const from = addDays('2015-01-01', start);
          const to = addDays(from, length);
          const meetings = offsets.map((o) => ({
            kind: 'team_joint' as const,
            date: addDays(from, o),
          }));
          const r = meetingCadence({ from, to, meetings }, policy);
          const expected: string[] = [];
          let monday = weekStart(from);
          if (monday < from) monday = addDays(monday, 7);
          for (; addDays(monday, 6) <= to; monday = addDays(monday, 7)) {
            const sunday = addDays(monday, 6);
            if (!meetings.some((m) => m.date >= monday && m.date <= sunday)) expected.push(monday);
          }
          expect(r.missedWeeks).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
  it('rejects a period that ends before it starts', () => {
    expect(
      errorOf(() => meetingCadence({ from: '2015-02-01', to: '2015-01-01', meetings: [] }, policy)),
    ).toBe('INVALID_INPUT:to');
  });
});

describe('report-and-review meeting (004)', () => {
  const valid = {
    year: 2015,
    meetingOn: '2015-12-10',
    participants: {
      party_congress_deputy: 20,
      npc_deputy: 10,
      cppcc_member: 10,
      member_cadre: 20,
      public_rep: 20,
    },
    report: {
      submittedOn: '2015-11-20',
      reviewedBy: 'township_secretary' as const,
      reviewedOn: '2015-11-25',
    },
    feedbackOn: '2015-12-15',
  };
  it('Q4, exactly 80 participants, report reviewed by the township secretary, feedback after: valid', () => {
    expect(checkReviewMeeting(valid, policy)).toMatchObject({
      valid: true,
      issues: [],
      totalParticipants: 80,
      missingTypes: [],
    });
  });
  it('79 participants, September, wrong year, missing type', () => {
    const r = checkReviewMeeting(
      {
        ...valid,
        year: 2016,
        meetingOn: '2015-09-30',
        report: { ...valid.report, reviewedOn: '2015-09-20' },
        participants: { ...valid.participants, cppcc_member: 0, public_rep: 29 },
      },
      policy,
    );
    expect(r.issues).toEqual(['wrong_year', 'not_in_required_quarter', 'too_few_participants']);
    expect(r.missingTypes).toEqual(['cppcc_member']);
  });
  it('the steps must run preparation → meeting → feedback', () => {
    expect(
      checkReviewMeeting({ ...valid, report: { ...valid.report, reviewedBy: 'other' } }, policy)
        .issues,
    ).toEqual(['report_not_reviewed_by_township_secretary']);
    expect(
      checkReviewMeeting({ ...valid, report: { ...valid.report, reviewedOn: null } }, policy)
        .issues,
    ).toEqual(['report_not_reviewed_by_township_secretary']);
    expect(
      checkReviewMeeting(
        { ...valid, report: { ...valid.report, reviewedOn: '2015-12-11' } },
        policy,
      ).issues,
    ).toEqual(['report_reviewed_after_meeting']);
    expect(checkReviewMeeting({ ...valid, feedbackOn: null }, policy).issues).toEqual([
      'no_feedback',
    ]);
    expect(checkReviewMeeting({ ...valid, feedbackOn: '2015-12-09' }, policy).issues).toEqual([
      'feedback_before_meeting',
    ]);
  });
  it('the report covers the six content areas (004 §1)', () => {
    const r = checkReviewMeeting(
      {
        ...valid,
        report: { ...valid.report, contentAreas: ['first_responsibility', 'next_steps'] },
      },
      policy,
    );
    expect([r.issues, r.missingContent.length]).toEqual([['report_missing_content'], 4]);
  });
  it('rejects negative participant counts', () => {
    expect(
      errorOf(() =>
        checkReviewMeeting(
          { ...valid, participants: { ...valid.participants, npc_deputy: -1 } },
          policy,
        ),
      ),
    ).toBe('INVALID_INPUT:participants.npc_deputy');
  });
});

describe('review ratings (003 §6)', () => {
  it('不合格 → written reminder or admonition talk; 优秀/合格 announced', () => {
    expect(reviewConsequences('unqualified')).toEqual({
      required: [],
      options: ['written_reminder', 'admonition_talk'],
    });
    expect(reviewConsequences('excellent')).toEqual({
      required: ['announce'],
      options: ['consider_for_selection'],
    });
    expect(reviewConsequences('qualified')).toEqual({ required: ['announce'], options: [] });
    expect(errorOf(() => reviewConsequences('good' as ReviewRating))).toBe('UNKNOWN_VALUE:rating');
  });
});

describe('scheduling a report-and-review meeting (004 §2, §4): Q4 of the year, at least 80 participants', () => {
  const eighty = {
    party_congress_deputy: 10,
    npc_deputy: 10,
    cppcc_member: 10,
    member_cadre: 30,
    public_rep: 20,
  };
  it('80 participants on 1 October and on 31 December are accepted', () => {
    for (const meetingOn of ['2015-10-01', '2015-12-31']) {
      expect(
        assertReviewSchedule({ year: 2015, meetingOn, participants: eighty }, policy),
      ).toMatchObject({
        valid: true,
        issues: [],
        totalParticipants: 80,
        minParticipants: 80,
        quarterFrom: '2015-10-01',
        quarterTo: '2015-12-31',
      });
    }
  });
  it('79 participants are refused, naming the field and both numbers', () => {
    const participants = { ...eighty, public_rep: 19 };
    expect(
      checkReviewSchedule({ year: 2015, meetingOn: '2015-11-20', participants }, policy).issues,
    ).toEqual(['too_few_participants']);
    expect(() =>
      assertReviewSchedule({ year: 2015, meetingOn: '2015-11-20', participants }, policy),
    ).toThrow('参会人数（participants）：述职评议参会人员不少于 80 人，当前 79 人');
    expect(
      errorOf(() =>
        assertReviewSchedule({ year: 2015, meetingOn: '2015-11-20', participants }, policy),
      ),
    ).toBe('RULE_VIOLATION:participants');
  });
  it('30 September, or a Q4 date of another year, is refused on the date field', () => {
    expect(() =>
      assertReviewSchedule({ year: 2015, meetingOn: '2015-09-30', participants: eighty }, policy),
    ).toThrow(
      '会议日期（meetingOn）：述职评议应在 2015 年第四季度（2015-10-01 至 2015-12-31）召开，当前为 2015-09-30',
    );
    expect(
      errorOf(() =>
        assertReviewSchedule({ year: 2015, meetingOn: '2016-11-01', participants: eighty }, policy),
      ),
    ).toBe('RULE_VIOLATION:meetingOn');
  });
  it('the minimum and the quarter come from the policy', () => {
    const custom = resolvePolicy(
      [
        {
          id: 'town',
          version: 1,
          name: '测试',
          regionCode: '441900000000',
          fromYear: 2015,
          toYear: null,
          parameters: {
            reviewMinParticipants: {
              value: 100,
              source: { seed: null, section: '§1', document: '测试' },
            },
            reviewQuarter: { value: 3, source: { seed: null, section: '§1', document: '测试' } },
          },
        },
      ],
      '441900000000',
      2015,
    );
    const r = checkReviewSchedule(
      { year: 2015, meetingOn: '2015-09-30', participants: eighty },
      custom,
    );
    expect([r.issues, r.quarterFrom, r.quarterTo]).toEqual([
      ['too_few_participants'],
      '2015-07-01',
      '2015-09-30',
    ]);
  });
});

describe('consequence of a 不合格 rating before feedback (003 §6)', () => {
  it('不合格 needs a written reminder or an admonition talk; either is enough', () => {
    expect(errorOf(() => assertReviewConsequence('unqualified', null))).toBe(
      'RULE_VIOLATION:consequence',
    );
    expect(() => assertReviewConsequence('unqualified', 'written_reminder')).not.toThrow();
    expect(() => assertReviewConsequence('unqualified', 'admonition_talk')).not.toThrow();
  });
  it('优秀 and 合格 carry no consequence', () => {
    expect(() => assertReviewConsequence('qualified', null)).not.toThrow();
    expect(() => assertReviewConsequence('excellent', 'admonition_talk')).toThrow(
      '处理方式（consequence）：只有评议为“不合格”的书记才作诫勉谈话',
    );
  });
});

describe('terms (000 §8; 002 §1(4)): overdue, or postponed for rectification', () => {
  const org = { orgId: 'o', category: 'rural' as const, termEnd: '2015-03-31' };
  it('the last day of the term is still current; the next day is overdue', () => {
    expect(termStatus(org, '2015-03-31')).toEqual({
      orgId: 'o',
      status: 'current',
      daysPastEnd: 0,
    });
    expect(termStatus(org, '2015-04-01')).toEqual({
      orgId: 'o',
      status: 'overdue',
      daysPastEnd: 1,
    });
  });
  it('a soft-and-lax village with a postponed election is postponed, not overdue; others are not excused', () => {
    expect(
      termStatus({ ...org, softAndLax: true, electionPostponed: true }, '2015-06-01').status,
    ).toBe('postponed');
    expect(termStatus({ ...org, electionPostponed: true }, '2015-06-01').status).toBe('overdue');
    expect(
      termStatus(
        { ...org, category: 'street_community', softAndLax: true, electionPostponed: true },
        '2015-06-01',
      ).status,
    ).toBe('overdue');
  });
  it('lists only the orgs not current, and names a bad field', () => {
    expect(
      overdueTerms([org, { ...org, orgId: 'p', termEnd: '2016-01-01' }], '2015-12-31').map(
        (t) => t.orgId,
      ),
    ).toEqual(['o']);
    expect(errorOf(() => overdueTerms([org, { ...org, termEnd: '2015-3-1' }], '2015-12-31'))).toBe(
      'INVALID_INPUT:orgs[1].termEnd',
    );
    expect(errorOf(() => termStatus(org, 'today'))).toBe('INVALID_INPUT:asOf');
  });
});

describe('demonstration sites (001 §10)', () => {
  it('compares each category with its target; the targets total 419', () => {
    const r = checkDemonstrationSites(
      { counts: { village: 130, county: 1, township: 20 } },
      policy,
    );
    expect(r.totalTarget).toBe(419);
    expect(r.totalActual).toBe(151);
    expect(r.lines.find((l) => l.category === 'township')).toMatchObject({
      target: 25,
      shortfall: 5,
    });
    expect(r.lines.find((l) => l.category === 'village')).toMatchObject({
      target: 130,
      shortfall: 0,
    });
    expect(r.met).toBe(false);
  });
});

describe('recording a joint meeting (003 §1): decisions written, Party–public decisions published in writing', () => {
  const team = {
    kind: 'team_joint' as const,
    meetingOn: '2015-03-02',
    attendeeCount: 7,
    decisions: '研究村道硬化方案',
  };
  it('a held meeting with its decisions is accepted; publication follows a Party–public meeting', () => {
    expect(assertMeetingRecord(team, '2015-03-02')).toMatchObject({ decisionsPublishedOn: null });
    expect(
      assertMeetingRecord(
        { ...team, kind: 'party_public_joint', decisionsPublishedOn: '2015-03-05' },
        '2015-03-10',
      ).decisionsPublishedOn,
    ).toBe('2015-03-05');
  });
  it('refuses a future meeting, missing decisions, publication before the meeting or of a team meeting', () => {
    expect(errorOf(() => assertMeetingRecord(team, '2015-03-01'))).toBe('RULE_VIOLATION:meetingOn');
    expect(errorOf(() => assertMeetingRecord({ ...team, decisions: ' ' }, '2015-03-02'))).toBe(
      'INVALID_INPUT:decisions',
    );
    expect(errorOf(() => assertMeetingRecord({ ...team, attendeeCount: 0 }, '2015-03-02'))).toBe(
      'INVALID_INPUT:attendeeCount',
    );
    expect(
      errorOf(() =>
        assertMeetingRecord(
          { ...team, kind: 'party_public_joint', decisionsPublishedOn: '2015-03-01' },
          '2015-03-10',
        ),
      ),
    ).toBe('RULE_VIOLATION:decisionsPublishedOn');
    expect(
      errorOf(() =>
        assertMeetingRecord({ ...team, decisionsPublishedOn: '2015-03-03' }, '2015-03-10'),
      ),
    ).toBe('RULE_VIOLATION:decisionsPublishedOn');
  });
});

describe('a demonstration site is of its category (001 §10)', () => {
  const region = (level: 'county' | 'township' | 'village', regionKind: string | null) => ({
    type: 'region' as const,
    name: 'X',
    level,
    regionKind: regionKind as 'village' | 'community' | 'town' | 'street' | 'other' | null,
  });
  const org = (category: 'organ' | 'school' | 'health' | 'non_public' | 'rural') => ({
    type: 'org' as const,
    name: 'Y',
    category,
  });
  it('regions: county, 乡镇 vs 街道, 村 vs 社区', () => {
    expect(() => assertDemoSiteSubject('county', region('county', null))).not.toThrow();
    expect(() => assertDemoSiteSubject('township', region('township', 'town'))).not.toThrow();
    expect(() => assertDemoSiteSubject('street', region('township', 'street'))).not.toThrow();
    expect(() => assertDemoSiteSubject('village', region('village', 'village'))).not.toThrow();
    expect(() => assertDemoSiteSubject('community', region('village', 'community'))).not.toThrow();
    expect(errorOf(() => assertDemoSiteSubject('village', region('village', 'community')))).toBe(
      'RULE_VIOLATION:demoCategory',
    );
    expect(errorOf(() => assertDemoSiteSubject('street', region('township', 'town')))).toBe(
      'RULE_VIOLATION:demoCategory',
    );
  });
  it('organisations: 事业单位 covers schools and health; a village org is no 非公企业 site', () => {
    expect(() => assertDemoSiteSubject('institution', org('school'))).not.toThrow();
    expect(() => assertDemoSiteSubject('institution', org('health'))).not.toThrow();
    expect(() => assertDemoSiteSubject('organ', org('organ'))).not.toThrow();
    expect(errorOf(() => assertDemoSiteSubject('non_public', org('rural')))).toBe(
      'RULE_VIOLATION:demoCategory',
    );
    expect(errorOf(() => assertDemoSiteSubject('village', org('rural')))).toBe(
      'RULE_VIOLATION:demoCategory',
    );
  });
});
