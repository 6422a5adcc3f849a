import { defined, inRegion, type Database } from '@dangjian/db';
import {
  orgs,
  people,
  regions,
  reviewMeetings,
  secretaryReviews,
  type ReviewMeetingRow,
  type SecretaryReviewRow,
} from '@dangjian/db/schema';
import {
  assertReviewConsequence,
  assertReviewSchedule,
  checkReviewMeeting,
  countSchema,
  isoDateSchema,
  REVIEW_CONTENT_AREAS,
  REVIEW_ISSUE_LABELS,
  REVIEW_PARTICIPANT_TYPES,
  regionCodeRange,
  regionCodeSchema,
  regionLevelOf,
  reviewConsequenceSchema,
  reviewRatingSchema,
  yearSchema,
  type ReviewParticipantType,
  reviewMeetingText,
} from '@dangjian/domain';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { loadPolicy } from '../policy';
import { bad, notFound } from '../errors';
import { idSchema, labelledText, optionalText } from '../schemas';
import { regionProcedure } from '../procedures';
import { createTRPCRouter, scopedProcedure, type AuditEntry, type SessionUser } from '../trpc';
import { requireRegion } from '../queries/region';

/**
 * Annual report-and-review of village/community secretaries (述职评议, 004; ratings 003 §6).
 * One meeting per township and year; one review row per village/community org of the township,
 * created when the meeting is scheduled, walking the steps 会前准备 (report, review by the
 * township secretary) → 述职评议 (comments, opinions, questions, rating) → 反馈结果 (feedback,
 * with the consequence for 不合格 first). The rules come from @dangjian/domain
 * (assertReviewSchedule, checkReviewMeeting, assertReviewConsequence).
 */

/** Participant type → meeting column. */
const PARTICIPANT_COLUMNS = {
  party_congress_deputy: 'partyCongressDeputies',
  npc_deputy: 'npcDeputies',
  cppcc_member: 'cppccMembers',
  member_cadre: 'memberCadres',
  public_rep: 'publicReps',
} as const satisfies Record<ReviewParticipantType, keyof ReviewMeetingRow>;

type Participants = Record<ReviewParticipantType, number>;

const MAX_PARTICIPANTS_PER_TYPE = 100_000;
const participantCount = countSchema.max(
  MAX_PARTICIPANTS_PER_TYPE,
  `每类参会人数不能超过 ${MAX_PARTICIPANTS_PER_TYPE}`,
);
const participantsSchema = z.object(
  Object.fromEntries(REVIEW_PARTICIPANT_TYPES.map((t) => [t, participantCount])) as Record<
    ReviewParticipantType,
    typeof participantCount
  >,
);
const participantNamesSchema = z
  .partialRecord(
    z.enum(REVIEW_PARTICIPANT_TYPES),
    z.array(z.string().trim().min(1, '姓名不能为空').max(50, '姓名不能超过 50 个字')).max(2000),
  )
  .default({});

const meetingKey = z.object({ regionCode: regionCodeSchema, year: yearSchema });

function participantsOf(m: ReviewMeetingRow): Participants {
  return Object.fromEntries(
    REVIEW_PARTICIPANT_TYPES.map((t) => [t, m[PARTICIPANT_COLUMNS[t]]]),
  ) as Participants;
}

function participantColumns(p: Participants) {
  return Object.fromEntries(
    REVIEW_PARTICIPANT_TYPES.map((t) => [PARTICIPANT_COLUMNS[t], p[t]]),
  ) as Record<(typeof PARTICIPANT_COLUMNS)[ReviewParticipantType], number>;
}

/** The region must be a township (street): meetings are organised by the township committee. */
async function requireTownship(db: Database, code: string) {
  const township = await requireRegion(db, code);
  if (township.level !== 'township' || regionLevelOf(township.code) !== 'township') {
    bad(`述职评议由乡镇（街道）党（工）委组织，「${township.name}」不是乡镇（街道）`);
  }
  return township;
}

/** The township committee's secretary (the org of the township itself, without a parent). */
async function townshipSecretaryName(db: Database, code: string): Promise<string | null> {
  const [row] = await db
    .select({ name: people.name })
    .from(orgs)
    .innerJoin(people, eq(people.id, orgs.secretaryId))
    .where(and(eq(orgs.regionCode, code), sql`${orgs.parentId} is null`))
    .orderBy(asc(orgs.id))
    .limit(1);
  return row?.name ?? null;
}

async function findMeeting(db: Database, regionCode: string, year: number, lock = false) {
  const q = db
    .select()
    .from(reviewMeetings)
    .where(and(eq(reviewMeetings.regionCode, regionCode), eq(reviewMeetings.year, year)));
  const [row] = await (lock ? q.for('update') : q);
  return row ?? null;
}

const village = alias(regions, 'village');
const township = alias(regions, 'township');

/** Review rows with their org, secretary, village and township: the columns every list shows. */
function reviewRows(db: Database) {
  return db
    .select({
      id: secretaryReviews.id,
      meetingId: secretaryReviews.meetingId,
      year: secretaryReviews.year,
      orgId: secretaryReviews.orgId,
      orgName: orgs.name,
      regionCode: secretaryReviews.regionCode,
      villageName: village.name,
      townshipCode: reviewMeetings.regionCode,
      townshipName: township.name,
      meetingStatus: reviewMeetings.status,
      meetingOn: reviewMeetings.meetingOn,
      heldOn: reviewMeetings.heldOn,
      personId: secretaryReviews.personId,
      personName: people.name,
      reportSummary: secretaryReviews.reportSummary,
      reportSubmittedOn: secretaryReviews.reportSubmittedOn,
      reportContentAreas: secretaryReviews.reportContentAreas,
      reviewerName: secretaryReviews.reviewerName,
      reviewedByTownshipSecretary: secretaryReviews.reviewedByTownshipSecretary,
      reviewedOn: secretaryReviews.reviewedOn,
      reviewComments: secretaryReviews.reviewComments,
      meetingComments: secretaryReviews.meetingComments,
      participantOpinions: secretaryReviews.participantOpinions,
      questions: secretaryReviews.questions,
      rating: secretaryReviews.rating,
      consequence: secretaryReviews.consequence,
      consequenceBy: secretaryReviews.consequenceBy,
      consequenceOn: secretaryReviews.consequenceOn,
      consequenceNote: secretaryReviews.consequenceNote,
      feedbackOn: secretaryReviews.feedbackOn,
      feedbackMethod: secretaryReviews.feedbackMethod,
      reportPublished: secretaryReviews.reportPublished,
    })
    .from(secretaryReviews)
    .innerJoin(reviewMeetings, eq(reviewMeetings.id, secretaryReviews.meetingId))
    .innerJoin(orgs, eq(orgs.id, secretaryReviews.orgId))
    .innerJoin(people, eq(people.id, secretaryReviews.personId))
    .innerJoin(village, eq(village.code, secretaryReviews.regionCode))
    .innerJoin(township, eq(township.code, reviewMeetings.regionCode));
}

/** One secretary's review with its meeting, locked for the step being written. */
async function loadReview(db: Database, reviewId: number) {
  const [row] = await db
    .select({ review: secretaryReviews, meeting: reviewMeetings })
    .from(secretaryReviews)
    .innerJoin(reviewMeetings, eq(reviewMeetings.id, secretaryReviews.meetingId))
    .where(eq(secretaryReviews.id, reviewId))
    .for('update');
  if (!row) notFound('书记述职记录');
  if (row.review.feedbackOn !== null) {
    bad(`已于 ${row.review.feedbackOn} 向村（社区）党组织反馈评议结果，不能再修改`);
  }
  return row;
}

/** The date the meeting was (or will be) held: the real date once held, else the scheduled one. */
function meetingDate(m: ReviewMeetingRow): string {
  return m.heldOn ?? m.meetingOn;
}

function requireHeld(m: ReviewMeetingRow): string {
  if (m.status !== 'held' || m.heldOn === null) {
    bad(`述职评议会议尚未召开（计划 ${m.meetingOn}），请先登记会议召开后再记录点评和评议等次`);
  }
  return m.heldOn;
}

type StepWrite = Partial<
  Omit<SecretaryReviewRow, 'id' | 'meetingId' | 'orgId' | 'personId' | 'regionCode' | 'year'>
>;

/** Writes one step of one secretary's review and records it in the audit log. */
async function writeStep(
  ctx: {
    db: Database;
    user: SessionUser;
    audit: (entry: AuditEntry) => void;
    now: () => Date;
  },
  review: SecretaryReviewRow,
  changes: StepWrite,
) {
  const [updated] = await ctx.db
    .update(secretaryReviews)
    .set({ ...changes, updatedBy: ctx.user.id, updatedAt: ctx.now() })
    .where(eq(secretaryReviews.id, review.id))
    .returning();
  const before = Object.fromEntries(
    Object.keys(changes).map((k) => [k, review[k as keyof SecretaryReviewRow]]),
  );
  ctx.audit({
    target: `secretary_review:${review.id}`,
    regionCode: review.regionCode,
    before,
    after: changes,
  });
  return defined(updated);
}

const scheduleInput = meetingKey.extend({
  meetingOn: isoDateSchema,
  venue: labelledText('会议地点', 200),
  participants: participantsSchema,
  participantNames: participantNamesSchema,
});

const heldInput = meetingKey.extend({
  heldOn: isoDateSchema,
  participants: participantsSchema,
  participantNames: participantNamesSchema,
});

export const reviewRouter = createTRPCRouter({
  /**
   * Every township in a region with its meeting for the year (status, dates, participants) and
   * the counts of its secretaries by step and rating: one grouped query.
   */
  townships: regionProcedure.input(meetingKey).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const s = secretaryReviews;
    const rows = await ctx.db
      .select({
        regionCode: regions.code,
        name: regions.name,
        meetingId: reviewMeetings.id,
        status: reviewMeetings.status,
        meetingOn: reviewMeetings.meetingOn,
        heldOn: reviewMeetings.heldOn,
        participants: sql<
          number | null
        >`(${reviewMeetings.partyCongressDeputies} + ${reviewMeetings.npcDeputies} + ${reviewMeetings.cppccMembers} + ${reviewMeetings.memberCadres} + ${reviewMeetings.publicReps})::int`,
        secretaries: sql<number>`count(${s.id})::int`,
        reported: sql<number>`count(${s.reportSubmittedOn})::int`,
        rated: sql<number>`count(${s.rating})::int`,
        excellent: sql<number>`(count(*) filter (where ${s.rating} = 'excellent'))::int`,
        qualified: sql<number>`(count(*) filter (where ${s.rating} = 'qualified'))::int`,
        unqualified: sql<number>`(count(*) filter (where ${s.rating} = 'unqualified'))::int`,
        fedBack: sql<number>`count(${s.feedbackOn})::int`,
      })
      .from(regions)
      .leftJoin(
        reviewMeetings,
        and(eq(reviewMeetings.regionCode, regions.code), eq(reviewMeetings.year, input.year)),
      )
      .leftJoin(s, eq(s.meetingId, reviewMeetings.id))
      .where(and(eq(regions.level, 'township'), inRegion(regions.code, region.code)))
      .groupBy(regions.code, reviewMeetings.id)
      .orderBy(asc(regions.code));
    return { regionCode: region.code, regionName: region.name, year: input.year, rows };
  }),

  /**
   * One township's meeting for a year (null before it is scheduled), every secretary's review,
   * the policy minimum and quarter, and the township secretary who reviews the reports.
   */
  meeting: scopedProcedure.input(meetingKey).query(async ({ ctx, input }) => {
    const t = await requireTownship(ctx.db, input.regionCode);
    const policy = await loadPolicy(ctx.db, t.code, input.year);
    const meeting = await findMeeting(ctx.db, t.code, input.year);
    const secretaries = meeting
      ? await reviewRows(ctx.db)
          .where(eq(secretaryReviews.meetingId, meeting.id))
          .orderBy(asc(secretaryReviews.regionCode), asc(secretaryReviews.orgId))
      : [];
    return {
      regionCode: t.code,
      regionName: t.name,
      year: input.year,
      townshipSecretaryName: await townshipSecretaryName(ctx.db, t.code),
      minParticipants: policy.values.reviewMinParticipants,
      quarter: policy.values.reviewQuarter,
      policyVersion: policy.version,
      /** When and with how many the meeting is held, in people's words, from the policy in force. */
      rule: reviewMeetingText(policy),
      policyLabel: policy.label,
      meeting: meeting
        ? {
            id: meeting.id,
            meetingOn: meeting.meetingOn,
            venue: meeting.venue,
            status: meeting.status,
            heldOn: meeting.heldOn,
            participants: participantsOf(meeting),
            participantNames: meeting.participantNames,
            policyVersion: meeting.policyVersion,
          }
        : null,
      secretaries,
    };
  }),

  /**
   * Schedules (or reschedules, while not yet held) a township's meeting: the date must lie in
   * the required quarter of the year and the participants reach the policy minimum
   * (assertReviewSchedule). Adds a review row for each village/community org of the township
   * with a secretary (one INSERT … SELECT; orgs already listed are kept).
   */
  schedule: scopedProcedure.input(scheduleInput).mutation(async ({ ctx, input }) => {
    const t = await requireTownship(ctx.db, input.regionCode);
    const policy = await loadPolicy(ctx.db, t.code, input.year);
    assertReviewSchedule(
      { year: input.year, meetingOn: input.meetingOn, participants: input.participants },
      policy,
    );
    const existing = await findMeeting(ctx.db, t.code, input.year, true);
    if (existing && existing.status !== 'scheduled') {
      bad(`${t.name} ${input.year} 年度述职评议会议已于 ${existing.heldOn} 召开，不能再修改日程`);
    }
    const values = {
      meetingOn: input.meetingOn,
      venue: input.venue,
      ...participantColumns(input.participants),
      participantNames: input.participantNames,
      policyVersion: policy.version,
      updatedAt: ctx.now(),
    };
    const [meeting] = existing
      ? await ctx.db
          .update(reviewMeetings)
          .set(values)
          .where(eq(reviewMeetings.id, existing.id))
          .returning()
      : await ctx.db
          .insert(reviewMeetings)
          .values({ ...values, regionCode: t.code, year: input.year, createdBy: ctx.user.id })
          .returning();
    const m = defined(meeting);
    const range = regionCodeRange(t.code);
    const added = (await ctx.db.execute(sql`
      insert into secretary_reviews (meeting_id, org_id, person_id, region_code, year, updated_by)
      select ${m.id}::int, o.id, o.secretary_id, o.region_code, ${input.year}::smallint, ${ctx.user.id}::int
      from orgs o join regions v on v.code = o.region_code and v.level = 'village'
      where o.region_code between ${range.from} and ${range.to} and o.secretary_id is not null
      order by o.region_code, o.id
      on conflict (meeting_id, org_id) do nothing
      returning id
    `)) as { rows: { id: number }[] };
    const [total] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(secretaryReviews)
      .where(eq(secretaryReviews.meetingId, m.id));
    if ((total?.n ?? 0) === 0) bad(`${t.name}没有配备书记的村（社区）党组织，无法安排述职评议`);
    ctx.audit({
      target: `review_meeting:${m.id}`,
      regionCode: t.code,
      before: existing
        ? {
            meetingOn: existing.meetingOn,
            venue: existing.venue,
            participants: participantsOf(existing),
          }
        : null,
      after: {
        year: input.year,
        meetingOn: input.meetingOn,
        venue: input.venue,
        participants: input.participants,
        secretariesAdded: added.rows.length,
      },
    });
    return { id: m.id, status: m.status, secretaries: total?.n ?? 0 };
  }),

  /** Records that the meeting was held, with the real date and attendance (checked again). */
  markHeld: scopedProcedure.input(heldInput).mutation(async ({ ctx, input }) => {
    const t = await requireTownship(ctx.db, input.regionCode);
    const existing = await findMeeting(ctx.db, t.code, input.year, true);
    if (!existing) bad(`${t.name} ${input.year} 年度述职评议会议尚未安排`);
    if (existing.status !== 'scheduled') bad(`${t.name} ${input.year} 年度述职评议会议已登记召开`);
    // Today in China (UTC+8, no daylight saving): a meeting cannot be recorded before it happens.
    const today = new Date(ctx.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    if (input.heldOn > today) bad(`实际召开日期（heldOn）：不能晚于今天（${today}）`);
    const policy = await loadPolicy(ctx.db, t.code, input.year);
    assertReviewSchedule(
      { year: input.year, meetingOn: input.heldOn, participants: input.participants },
      policy,
    );
    const after = {
      status: 'held' as const,
      heldOn: input.heldOn,
      ...participantColumns(input.participants),
      participantNames: input.participantNames,
      policyVersion: policy.version,
      updatedAt: ctx.now(),
    };
    await ctx.db.update(reviewMeetings).set(after).where(eq(reviewMeetings.id, existing.id));
    ctx.audit({
      target: `review_meeting:${existing.id}`,
      regionCode: t.code,
      before: { status: existing.status, participants: participantsOf(existing) },
      after: { status: 'held', heldOn: input.heldOn, participants: input.participants },
    });
    return { id: existing.id, status: 'held' as const };
  }),

  /** 会前准备: the secretary's written report (summary, submitted date, the content areas covered). */
  saveReport: scopedProcedure
    .input(
      z.object({
        reviewId: idSchema,
        reportSummary: labelledText('述职报告', 5000),
        submittedOn: isoDateSchema,
        contentAreas: z.array(z.enum(REVIEW_CONTENT_AREAS)).max(REVIEW_CONTENT_AREAS.length),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { review, meeting } = await loadReview(ctx.db, input.reviewId);
      if (input.submittedOn > meetingDate(meeting)) {
        bad(
          `报告提交日期（submittedOn）：述职报告应在述职评议会议（${meetingDate(meeting)}）之前提交`,
        );
      }
      return writeStep(ctx, review, {
        reportSummary: input.reportSummary,
        reportSubmittedOn: input.submittedOn,
        reportContentAreas: [...new Set(input.contentAreas)],
      });
    }),

  /** 会前准备: the report reviewed by the township secretary (004 二(一) 述职报告报镇党委书记审阅). */
  reviewReport: scopedProcedure
    .input(
      z.object({
        reviewId: idSchema,
        reviewerName: labelledText('审阅人', 50),
        reviewedByTownshipSecretary: z.boolean(),
        reviewedOn: isoDateSchema,
        reviewComments: optionalText('审阅意见', 2000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { review, meeting } = await loadReview(ctx.db, input.reviewId);
      if (review.reportSubmittedOn === null) bad('请先登记述职报告，再登记审阅');
      if (input.reviewedOn < review.reportSubmittedOn) {
        bad(`审阅日期（reviewedOn）：不能早于报告提交日期（${review.reportSubmittedOn}）`);
      }
      if (input.reviewedOn > meetingDate(meeting)) {
        bad(`审阅日期（reviewedOn）：述职报告应在述职评议会议（${meetingDate(meeting)}）之前审阅`);
      }
      return writeStep(ctx, review, {
        reviewerName: input.reviewerName,
        reviewedByTownshipSecretary: input.reviewedByTownshipSecretary,
        reviewedOn: input.reviewedOn,
        reviewComments: input.reviewComments,
      });
    }),

  /** 述职评议: the township secretary's comments (点评), participants' opinions, questions raised. */
  recordComments: scopedProcedure
    .input(
      z.object({
        reviewId: idSchema,
        meetingComments: labelledText('点评意见', 2000),
        participantOpinions: optionalText('评议意见', 2000),
        questions: optionalText('现场提问', 2000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { review, meeting } = await loadReview(ctx.db, input.reviewId);
      requireHeld(meeting);
      if (review.reviewedOn === null) bad('述职报告尚未经审阅，请先登记审阅');
      return writeStep(ctx, review, {
        meetingComments: input.meetingComments,
        participantOpinions: input.participantOpinions,
        questions: input.questions,
      });
    }),

  /** 述职评议: the rating 优秀 / 合格 / 不合格 (003 §6). A changed rating drops a consequence. */
  rate: scopedProcedure
    .input(z.object({ reviewId: idSchema, rating: reviewRatingSchema }))
    .mutation(async ({ ctx, input }) => {
      const { review, meeting } = await loadReview(ctx.db, input.reviewId);
      requireHeld(meeting);
      if (review.meetingComments === null) bad('请先登记点评意见，再评定等次');
      return writeStep(ctx, review, {
        rating: input.rating,
        ...(input.rating === 'unqualified'
          ? {}
          : { consequence: null, consequenceBy: null, consequenceOn: null, consequenceNote: null }),
      });
    }),

  /** The upper-level committee's consequence for a 不合格 secretary (003 §6). */
  recordConsequence: scopedProcedure
    .input(
      z.object({
        reviewId: idSchema,
        consequence: reviewConsequenceSchema,
        consequenceBy: labelledText('处理机关', 100),
        consequenceOn: isoDateSchema,
        consequenceNote: optionalText('处理情况说明', 2000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { review, meeting } = await loadReview(ctx.db, input.reviewId);
      const heldOn = requireHeld(meeting);
      if (review.rating === null) bad('请先评定等次');
      assertReviewConsequence(review.rating, input.consequence);
      if (input.consequenceOn < heldOn) {
        bad(`处理日期（consequenceOn）：不能早于述职评议会议（${heldOn}）`);
      }
      return writeStep(ctx, review, {
        consequence: input.consequence,
        consequenceBy: input.consequenceBy,
        consequenceOn: input.consequenceOn,
        consequenceNote: input.consequenceNote,
      });
    }),

  /**
   * 反馈结果: the result fed back to the village Party org. Needs a rating; a 不合格 rating needs
   * its consequence first (assertReviewConsequence); the whole review must pass
   * checkReviewMeeting (Q4, participants, report reviewed by the township secretary before the
   * meeting, six content areas, feedback after the meeting). When the last secretary of the
   * meeting has had feedback, the meeting becomes feedback_given.
   */
  recordFeedback: scopedProcedure
    .input(
      z.object({
        reviewId: idSchema,
        feedbackOn: isoDateSchema,
        feedbackMethod: labelledText('反馈方式', 200),
        reportPublished: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { review, meeting } = await loadReview(ctx.db, input.reviewId);
      const heldOn = requireHeld(meeting);
      if (review.rating === null) bad('请先评定等次，再反馈结果');
      assertReviewConsequence(review.rating, review.consequence);
      if (review.reportSubmittedOn === null) bad('请先登记述职报告');
      const policy = await loadPolicy(ctx.db, meeting.regionCode, meeting.year);
      const check = checkReviewMeeting(
        {
          year: meeting.year,
          meetingOn: heldOn,
          participants: participantsOf(meeting),
          report: {
            submittedOn: review.reportSubmittedOn,
            reviewedBy: review.reviewedByTownshipSecretary ? 'township_secretary' : 'other',
            reviewedOn: review.reviewedOn,
            contentAreas: review.reportContentAreas,
          },
          feedbackOn: input.feedbackOn,
        },
        policy,
      );
      if (!check.valid) {
        bad(`不能反馈结果：${check.issues.map((i) => REVIEW_ISSUE_LABELS[i]).join('；')}`);
      }
      const updated = await writeStep(ctx, review, {
        feedbackOn: input.feedbackOn,
        feedbackMethod: input.feedbackMethod,
        reportPublished: input.reportPublished,
      });
      const done = await ctx.db
        .update(reviewMeetings)
        .set({ status: 'feedback_given', updatedAt: ctx.now() })
        .where(
          and(
            eq(reviewMeetings.id, meeting.id),
            eq(reviewMeetings.status, 'held'),
            sql`not exists (select 1 from secretary_reviews s where s.meeting_id = ${meeting.id} and s.feedback_on is null)`,
          ),
        )
        .returning({ id: reviewMeetings.id });
      if (done.length > 0) {
        ctx.audit({
          target: `review_meeting:${meeting.id}`,
          regionCode: meeting.regionCode,
          before: { status: 'held' },
          after: { status: 'feedback_given' },
        });
      }
      return { ...updated, meetingStatus: done.length > 0 ? 'feedback_given' : meeting.status };
    }),

  /** Every secretary reviewed in a region (a township, or a whole county/city) for a year. */
  results: regionProcedure.input(meetingKey).query(async ({ ctx, input }) => {
    const { region } = ctx;
    const rows = await reviewRows(ctx.db)
      .where(
        and(
          eq(secretaryReviews.year, input.year),
          inRegion(secretaryReviews.regionCode, region.code),
        ),
      )
      .orderBy(asc(secretaryReviews.regionCode), asc(secretaryReviews.orgId));
    return { regionCode: region.code, regionName: region.name, year: input.year, rows };
  }),

  /** A secretary's reviews across years, newest first. */
  history: scopedProcedure.input(z.object({ personId: idSchema })).query(async ({ ctx, input }) => {
    const [person] = await ctx.db
      .select({ id: people.id, name: people.name, regionCode: people.regionCode })
      .from(people)
      .where(eq(people.id, input.personId));
    if (!person) notFound('人员');
    const rows = await reviewRows(ctx.db)
      .where(eq(secretaryReviews.personId, person.id))
      .orderBy(desc(secretaryReviews.year), asc(secretaryReviews.id));
    return { person, rows };
  }),
});
