CREATE TYPE "public"."review_consequence_kind" AS ENUM('written_reminder', 'admonition_talk');--> statement-breakpoint
CREATE TYPE "public"."review_meeting_status" AS ENUM('scheduled', 'held', 'feedback_given');--> statement-breakpoint
CREATE TYPE "public"."review_rating" AS ENUM('excellent', 'qualified', 'unqualified');--> statement-breakpoint
CREATE TABLE "review_meetings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "review_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" varchar(12) NOT NULL,
	"year" smallint NOT NULL,
	"meeting_on" date NOT NULL,
	"venue" text NOT NULL,
	"status" "review_meeting_status" DEFAULT 'scheduled' NOT NULL,
	"held_on" date,
	"party_congress_deputies" integer DEFAULT 0 NOT NULL,
	"npc_deputies" integer DEFAULT 0 NOT NULL,
	"cppcc_members" integer DEFAULT 0 NOT NULL,
	"member_cadres" integer DEFAULT 0 NOT NULL,
	"public_reps" integer DEFAULT 0 NOT NULL,
	"participant_names" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"policy_version" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_meetings_participants_nonnegative" CHECK ("review_meetings"."party_congress_deputies" >= 0 AND "review_meetings"."npc_deputies" >= 0 AND "review_meetings"."cppcc_members" >= 0 AND "review_meetings"."member_cadres" >= 0 AND "review_meetings"."public_reps" >= 0),
	CONSTRAINT "review_meetings_held_on_status" CHECK (("review_meetings"."status" = 'scheduled') = ("review_meetings"."held_on" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "secretary_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "secretary_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"year" smallint NOT NULL,
	"report_summary" text,
	"report_submitted_on" date,
	"report_content_areas" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reviewer_name" text,
	"reviewed_by_township_secretary" boolean,
	"reviewed_on" date,
	"review_comments" text,
	"meeting_comments" text,
	"participant_opinions" text,
	"questions" text,
	"rating" "review_rating",
	"consequence" "review_consequence_kind",
	"consequence_by" text,
	"consequence_on" date,
	"consequence_note" text,
	"feedback_on" date,
	"feedback_method" text,
	"report_published" boolean DEFAULT false NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "secretary_reviews_consequence_unqualified" CHECK ("secretary_reviews"."consequence" IS NULL OR "secretary_reviews"."rating" = 'unqualified')
);
--> statement-breakpoint
ALTER TABLE "review_meetings" ADD CONSTRAINT "review_meetings_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meetings" ADD CONSTRAINT "review_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_reviews" ADD CONSTRAINT "secretary_reviews_meeting_id_review_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."review_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_reviews" ADD CONSTRAINT "secretary_reviews_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_reviews" ADD CONSTRAINT "secretary_reviews_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_reviews" ADD CONSTRAINT "secretary_reviews_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_meetings_region_year_key" ON "review_meetings" USING btree ("region_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "secretary_reviews_meeting_org_key" ON "secretary_reviews" USING btree ("meeting_id","org_id");--> statement-breakpoint
CREATE INDEX "secretary_reviews_person_idx" ON "secretary_reviews" USING btree ("person_id","year");--> statement-breakpoint
CREATE INDEX "secretary_reviews_region_year_idx" ON "secretary_reviews" USING btree ("region_code","year");