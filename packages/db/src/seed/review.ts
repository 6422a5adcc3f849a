import {
  addDays,
  REVIEW_CONTENT_AREAS,
  resolvePolicy,
  type ReviewConsequence,
  type ReviewRating,
} from '@dangjian/domain';
import { and, asc, between, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../client';
import { orgs, people, regions, reviewMeetings } from '../schema/index';
import { createRandom, hashString } from './random';
import { defined } from '../defined';

/**
 * Demo report-and-review (述职评议, 004) for REVIEW_DEMO_YEAR, deterministic and set-based: every
 * township with village/community orgs held its meeting in Q4 with 80–130 participants by type;
 * every secretary submitted a report covering the six content areas, reviewed by the township
 * secretary before the meeting, was commented and rated (about 30 % 优秀, 1.5 % 不合格, the rest
 * 合格), and had the result fed back; each 不合格 secretary got a written reminder or an
 * admonition talk from the township committee before the feedback (003 §6). Fictional text.
 */
export const REVIEW_DEMO_YEAR = 2025;

const CHUNK = 1000;

const MEETING_COMMENTS = [
  '履行第一责任人职责到位，班子团结，“四议两公开”落实较好；下一步要加强党员教育管理。',
  '抓党建工作思路清晰，服务群众意识强；存在问题整改不够及时，需进一步压实责任。',
  '组织生活制度落实较好，结对帮扶有成效；村级经费使用公开不够规范，需改进。',
  '对照问题清单整改有进展；发展党员工作相对滞后，明年要加大力度。',
];
const WEAK_COMMENTS = [
  '对党建工作重视不够、研究不多，组织生活不规范，群众反映问题解决不力，须限期整改。',
  '班子不够团结，“三会一课”流于形式，整改措施落实不到位，群众满意度低。',
];
const OPINIONS = [
  '参会人员普遍认可，建议加大村级集体经济发展力度。',
  '建议进一步规范村务公开，及时回应群众关切。',
  '建议加强对流动党员和老党员的联系服务。',
];
const QUESTIONS = [
  '村级活动场所改造进度如何？',
  '困难党员慰问资金如何使用？',
  '软弱涣散问题整改何时销号？',
  null,
  null,
];
const FEEDBACK_METHODS = ['召开村党组织会议当面反馈', '书面反馈', '镇党委书记约谈反馈'];

interface ReviewSeedOptions {
  from: string;
  to: string;
  prefix: string;
}

export async function seedReviews(
  tx: Database,
  options: ReviewSeedOptions,
): Promise<{ meetings: number; reviews: number; unqualified: number }> {
  const rnd = createRandom(hashString(`${options.prefix || 'CN'}:review`));
  const year = REVIEW_DEMO_YEAR;
  const village = alias(regions, 'village');
  const [villageOrgs, committees] = await Promise.all([
    tx
      .select({
        orgId: orgs.id,
        regionCode: orgs.regionCode,
        personId: orgs.secretaryId,
        townshipCode: village.parentCode,
      })
      .from(orgs)
      .innerJoin(village, and(eq(village.code, orgs.regionCode), eq(village.level, 'village')))
      .where(and(between(orgs.regionCode, options.from, options.to), isNotNull(orgs.secretaryId)))
      .orderBy(asc(orgs.regionCode), asc(orgs.id)),
    tx
      .select({ regionCode: orgs.regionCode, orgName: orgs.name, secretaryName: people.name })
      .from(orgs)
      .innerJoin(regions, and(eq(regions.code, orgs.regionCode), eq(regions.level, 'township')))
      .leftJoin(people, eq(people.id, orgs.secretaryId))
      .where(and(between(orgs.regionCode, options.from, options.to), isNull(orgs.parentId)))
      .orderBy(asc(orgs.regionCode), asc(orgs.id)),
  ]);
  const committee = new Map<string, { orgName: string; secretaryName: string | null }>();
  for (const c of committees) if (!committee.has(c.regionCode)) committee.set(c.regionCode, c);
  const byTownship = new Map<string, typeof villageOrgs>();
  for (const o of villageOrgs) {
    if (!o.townshipCode) continue;
    const list = byTownship.get(o.townshipCode) ?? [];
    list.push(o);
    byTownship.set(o.townshipCode, list);
  }
  const townships = [...byTownship.keys()].sort();
  if (townships.length === 0) return { meetings: 0, reviews: 0, unqualified: 0 };

  // No department policy sets exist at seed time: every township resolves to the shipped default.
  const policyVersion = resolvePolicy([], defined(townships[0]), year).version;
  const plans = townships.map((code) => {
    const heldOn = `${year}-${rnd.chance(0.4) ? '11' : '12'}-${String(rnd.int(1, 20)).padStart(2, '0')}`;
    return {
      regionCode: code,
      year,
      meetingOn: heldOn,
      heldOn,
      venue: `${
        committee
          .get(code)
          ?.orgName.replace(/^中共/, '')
          .replace(/(工作)?委员会$/, '') ?? ''
      }党群服务中心会议室`,
      status: 'feedback_given' as const,
      partyCongressDeputies: rnd.int(8, 15),
      npcDeputies: rnd.int(6, 12),
      cppccMembers: rnd.int(4, 10),
      memberCadres: rnd.int(32, 45),
      publicReps: rnd.int(30, 48),
      policyVersion,
    };
  });
  const inserted = await tx
    .insert(reviewMeetings)
    .values(plans)
    .returning({ id: reviewMeetings.id, regionCode: reviewMeetings.regionCode });
  const meetingId = new Map(inserted.map((m) => [m.regionCode, m.id]));

  let unqualified = 0;
  const rows = plans.flatMap((plan) => {
    const c = committee.get(plan.regionCode);
    return (byTownship.get(plan.regionCode) ?? []).map((o) => {
      const x = rnd.next();
      const rating: ReviewRating = x < 0.3 ? 'excellent' : x < 0.985 ? 'qualified' : 'unqualified';
      const submittedOn = addDays(plan.heldOn, -rnd.int(10, 20));
      const reviewedOn = addDays(submittedOn, rnd.int(1, 5));
      const weak = rating === 'unqualified';
      const consequence: ReviewConsequence | null = weak
        ? rnd.chance(0.5)
          ? 'written_reminder'
          : 'admonition_talk'
        : null;
      const consequenceOn = weak ? addDays(plan.heldOn, rnd.int(2, 6)) : null;
      if (weak) unqualified += 1;
      return {
        meetingId: defined(meetingId.get(plan.regionCode)),
        orgId: o.orgId,
        personId: defined(o.personId),
        regionCode: o.regionCode,
        reportSubmittedOn: submittedOn,
        reviewerName: c?.secretaryName ?? '镇党委书记',
        reviewedOn,
        reviewComments: weak
          ? '问题查摆不深，整改措施不具体，请修改完善。'
          : '报告实事求是，同意提交会议述职。',
        meetingComments: weak ? rnd.pick(WEAK_COMMENTS) : rnd.pick(MEETING_COMMENTS),
        participantOpinions: rnd.pick(OPINIONS),
        questions: rnd.pick(QUESTIONS),
        rating,
        consequence,
        consequenceBy: weak ? (c?.orgName ?? '乡镇党委') : null,
        consequenceOn,
        consequenceNote: weak
          ? consequence === 'admonition_talk'
            ? '镇党委书记进行诫勉谈话，责令限期整改。'
            : '镇党委印发书面提醒，明确整改事项和时限。'
          : null,
        feedbackOn: addDays(plan.heldOn, rnd.int(7, 14)),
        feedbackMethod: rnd.pick(FEEDBACK_METHODS),
        reportPublished: rnd.chance(0.6),
      };
    });
  });
  // One INSERT … SELECT FROM unnest(…) per chunk: a column array per varying field, the
  // constant ones as literals (far fewer bind parameters than a multi-row VALUES).
  const summary = `${year} 年度抓基层党建工作述职报告（演示数据）：履行第一责任人职责、班子建设、服务型党组织建设、党员教育管理、基础保障情况及下一步打算。`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const col = <K extends keyof (typeof rows)[number]>(k: K) => sql.param(part.map((r) => r[k]));
    await tx.execute(sql`
      insert into secretary_reviews (
        meeting_id, org_id, person_id, region_code, year, report_summary, report_submitted_on,
        report_content_areas, reviewer_name, reviewed_by_township_secretary, reviewed_on,
        review_comments, meeting_comments, participant_opinions, questions, rating, consequence,
        consequence_by, consequence_on, consequence_note, feedback_on, feedback_method,
        report_published
      )
      select v.meeting_id, v.org_id, v.person_id, v.region_code, ${year}::smallint, ${summary},
        v.submitted_on::date, ${JSON.stringify(REVIEW_CONTENT_AREAS)}::jsonb, v.reviewer_name, true,
        v.reviewed_on::date, v.review_comments, v.meeting_comments, v.participant_opinions,
        v.questions, v.rating::review_rating, v.consequence::review_consequence_kind,
        v.consequence_by, v.consequence_on::date, v.consequence_note, v.feedback_on::date,
        v.feedback_method, v.report_published
      from unnest(
        ${col('meetingId')}::int[], ${col('orgId')}::int[], ${col('personId')}::int[],
        ${col('regionCode')}::text[], ${col('reportSubmittedOn')}::text[],
        ${col('reviewerName')}::text[], ${col('reviewedOn')}::text[],
        ${col('reviewComments')}::text[], ${col('meetingComments')}::text[],
        ${col('participantOpinions')}::text[], ${col('questions')}::text[],
        ${col('rating')}::text[], ${col('consequence')}::text[], ${col('consequenceBy')}::text[],
        ${col('consequenceOn')}::text[], ${col('consequenceNote')}::text[],
        ${col('feedbackOn')}::text[], ${col('feedbackMethod')}::text[],
        ${col('reportPublished')}::boolean[]
      ) as v(meeting_id, org_id, person_id, region_code, submitted_on, reviewer_name, reviewed_on,
        review_comments, meeting_comments, participant_opinions, questions, rating, consequence,
        consequence_by, consequence_on, consequence_note, feedback_on, feedback_method,
        report_published)
    `);
  }
  return { meetings: inserted.length, reviews: rows.length, unqualified };
}
