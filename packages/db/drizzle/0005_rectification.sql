CREATE TYPE "public"."public_confirmation_method" AS ENUM('mass_meeting', 'representative_review', 'survey', 'public_notice');--> statement-breakpoint
CREATE TYPE "public"."rectification_acceptance_level" AS ENUM('county', 'township');--> statement-breakpoint
CREATE TYPE "public"."rectification_status" AS ENUM('listed', 'in_progress', 'accepted');--> statement-breakpoint
CREATE TABLE "rectification_cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rectification_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"year" smallint NOT NULL,
	"first_listed_year" smallint NOT NULL,
	"criteria" text[] NOT NULL,
	"key_flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"election_postponed" boolean DEFAULT false NOT NULL,
	"election_completion_date" date,
	"status" "rectification_status" DEFAULT 'listed' NOT NULL,
	"carried_over_from_id" integer,
	"work_team_leader" text NOT NULL,
	"work_team_members" text[] DEFAULT '{}'::text[] NOT NULL,
	"leading_cadre_name" text NOT NULL,
	"leading_cadre_post" text NOT NULL,
	"acceptance_by" "rectification_acceptance_level",
	"accepted_on" date,
	"acceptance_passed" boolean,
	"public_opinion_heard" boolean,
	"accepted_by_user" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectification_cases_criteria_nonempty" CHECK (cardinality("rectification_cases"."criteria") >= 1),
	CONSTRAINT "rectification_cases_acceptance_complete" CHECK (("rectification_cases"."acceptance_by" IS NULL) = ("rectification_cases"."accepted_on" IS NULL) AND ("rectification_cases"."acceptance_by" IS NULL) = ("rectification_cases"."acceptance_passed" IS NULL)),
	CONSTRAINT "rectification_cases_accepted_status" CHECK (("rectification_cases"."status" = 'accepted') = ("rectification_cases"."acceptance_passed" IS TRUE))
);
--> statement-breakpoint
CREATE TABLE "rectification_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rectification_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"problem_id" integer NOT NULL,
	"case_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"entry_date" date NOT NULL,
	"note" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" integer,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_problems" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rectification_problems_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"position" smallint NOT NULL,
	"description" text NOT NULL,
	"measures" text[] NOT NULL,
	"goal" text NOT NULL,
	"deadline" date NOT NULL,
	"responsible_person" text NOT NULL,
	"carried_from_problem_id" integer,
	"closed_on" date,
	"confirmed_by" text,
	"confirmed_on" date,
	"confirmation_method" "public_confirmation_method",
	"confirmation_evidence" text,
	"closed_by_user" integer,
	CONSTRAINT "rectification_problems_closed_with_confirmation" CHECK ("rectification_problems"."closed_on" IS NULL OR ("rectification_problems"."confirmed_by" IS NOT NULL AND "rectification_problems"."confirmed_on" IS NOT NULL AND "rectification_problems"."confirmation_method" IS NOT NULL AND "rectification_problems"."confirmation_evidence" IS NOT NULL AND "rectification_problems"."confirmed_on" <= "rectification_problems"."closed_on"))
);
--> statement-breakpoint
ALTER TABLE "rectification_cases" ADD CONSTRAINT "rectification_cases_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_cases" ADD CONSTRAINT "rectification_cases_carried_over_from_id_rectification_cases_id_fk" FOREIGN KEY ("carried_over_from_id") REFERENCES "public"."rectification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_cases" ADD CONSTRAINT "rectification_cases_accepted_by_user_users_id_fk" FOREIGN KEY ("accepted_by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_cases" ADD CONSTRAINT "rectification_cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_entries" ADD CONSTRAINT "rectification_entries_problem_id_rectification_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."rectification_problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_entries" ADD CONSTRAINT "rectification_entries_case_id_rectification_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."rectification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_entries" ADD CONSTRAINT "rectification_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_problems" ADD CONSTRAINT "rectification_problems_case_id_rectification_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."rectification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_problems" ADD CONSTRAINT "rectification_problems_carried_from_problem_id_rectification_problems_id_fk" FOREIGN KEY ("carried_from_problem_id") REFERENCES "public"."rectification_problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_problems" ADD CONSTRAINT "rectification_problems_closed_by_user_users_id_fk" FOREIGN KEY ("closed_by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rectification_cases_org_year_key" ON "rectification_cases" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "rectification_cases_region_year_idx" ON "rectification_cases" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "rectification_cases_carried_over_from_idx" ON "rectification_cases" USING btree ("carried_over_from_id");--> statement-breakpoint
CREATE INDEX "rectification_entries_problem_idx" ON "rectification_entries" USING btree ("problem_id","entry_date");--> statement-breakpoint
CREATE INDEX "rectification_entries_case_idx" ON "rectification_entries" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "rectification_entries_region_idx" ON "rectification_entries" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "rectification_problems_case_idx" ON "rectification_problems" USING btree ("case_id","position");--> statement-breakpoint
CREATE INDEX "rectification_problems_region_idx" ON "rectification_problems" USING btree ("region_code");