CREATE TYPE "public"."region_kind" AS ENUM('village', 'community', 'town', 'street', 'other');--> statement-breakpoint
CREATE TYPE "public"."region_level" AS ENUM('province', 'city', 'county', 'township', 'village');--> statement-breakpoint
CREATE TYPE "public"."education_level" AS ENUM('primary_or_below', 'junior_high', 'high_school', 'college', 'bachelor', 'postgraduate');--> statement-breakpoint
CREATE TYPE "public"."field_category" AS ENUM('rural', 'street_community', 'soe', 'organ', 'school', 'health', 'public_institution', 'non_public', 'social_org');--> statement-breakpoint
CREATE TYPE "public"."gender" AS ENUM('male', 'female');--> statement-breakpoint
CREATE TYPE "public"."org_kind" AS ENUM('committee', 'general_branch', 'branch');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('city_admin', 'county_admin', 'township', 'secretary', 'training_organiser', 'poverty_office', 'team_member');--> statement-breakpoint
CREATE TYPE "public"."grade" AS ENUM('good', 'fair', 'average', 'poor');--> statement-breakpoint
CREATE TYPE "public"."pay_mode" AS ENUM('base', 'pool');--> statement-breakpoint
CREATE TYPE "public"."pay_run_status" AS ENUM('committed', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."fund_kind" AS ENUM('operating_funds', 'secretary_annual_pay', 'departed_cadre_subsidy', 'non_public_activity_funds');--> statement-breakpoint
CREATE TYPE "public"."region_stat_key" AS ENUM('rural_labour_avg_income', 'farmer_net_income_per_capita', 'average_social_wage', 'hardship_fund_finance', 'hardship_fund_dues');--> statement-breakpoint
CREATE TABLE "regions" (
	"code" varchar(12) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" "region_level" NOT NULL,
	"kind" "region_kind",
	"parent_code" varchar(12)
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "orgs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" "org_kind" NOT NULL,
	"category" "field_category" NOT NULL,
	"parent_id" integer,
	"region_code" varchar(12) NOT NULL,
	"secretary_id" integer,
	"member_count" integer DEFAULT 0 NOT NULL,
	"term_start" date,
	"term_end" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orgs_member_count_nonnegative" CHECK ("orgs"."member_count" >= 0),
	CONSTRAINT "orgs_term_order" CHECK ("orgs"."term_end" IS NULL OR "orgs"."term_start" IS NULL OR "orgs"."term_end" > "orgs"."term_start")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "people_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"gender" "gender" NOT NULL,
	"birth_date" date,
	"education" "education_level",
	"phone" varchar(20),
	"id_number_enc" text,
	"region_code" varchar(12) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "login_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" varchar(64) NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"success" boolean NOT NULL,
	"ip" "inet"
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" "inet",
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" varchar(64) NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"person_id" integer,
	"disabled" boolean DEFAULT false NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"username" varchar(64),
	"role" "role",
	"actor_region_code" varchar(12),
	"region_code" varchar(12),
	"procedure" text NOT NULL,
	"target" text,
	"before" jsonb,
	"after" jsonb,
	"ip" "inet"
);
--> statement-breakpoint
CREATE TABLE "policy_sets" (
	"id" varchar(64) NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"region_code" varchar(12),
	"from_year" smallint,
	"to_year" smallint,
	"effective_date" date NOT NULL,
	"parameters" jsonb NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_sets_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "org_changes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"username" varchar(64),
	"field" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "org_grades" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_grades_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"year" smallint NOT NULL,
	"grade" "grade" NOT NULL,
	"reason" text,
	"graded_by" integer,
	"graded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"superseded_by" integer
);
--> statement-breakpoint
CREATE TABLE "pay_run_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pay_run_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"run_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"org_id" integer NOT NULL,
	"secretary_id" integer,
	"grade" "grade" NOT NULL,
	"ratio_permille" smallint NOT NULL,
	"amount_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pay_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pay_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" varchar(12) NOT NULL,
	"year" smallint NOT NULL,
	"mode" "pay_mode" NOT NULL,
	"base_fen" bigint NOT NULL,
	"pool_fen" bigint,
	"total_fen" bigint NOT NULL,
	"policy_version" text NOT NULL,
	"status" "pay_run_status" DEFAULT 'committed' NOT NULL,
	"supersedes_id" integer,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_records" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" smallint NOT NULL,
	"kind" "fund_kind" NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"org_id" integer,
	"person_id" integer,
	"amount_fen" bigint NOT NULL,
	"subsidised_pension" boolean DEFAULT false NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "region_stats" (
	"region_code" varchar(12) NOT NULL,
	"year" smallint NOT NULL,
	"key" "region_stat_key" NOT NULL,
	"value_fen" bigint NOT NULL,
	"source" text,
	CONSTRAINT "region_stats_region_code_year_key_pk" PRIMARY KEY("region_code","year","key")
);
--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_parent_code_regions_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_parent_id_orgs_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_secretary_id_people_id_fk" FOREIGN KEY ("secretary_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_sets" ADD CONSTRAINT "policy_sets_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_sets" ADD CONSTRAINT "policy_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_changes" ADD CONSTRAINT "org_changes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_changes" ADD CONSTRAINT "org_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_grades" ADD CONSTRAINT "org_grades_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_grades" ADD CONSTRAINT "org_grades_graded_by_users_id_fk" FOREIGN KEY ("graded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_grades" ADD CONSTRAINT "org_grades_superseded_by_org_grades_id_fk" FOREIGN KEY ("superseded_by") REFERENCES "public"."org_grades"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_run_lines" ADD CONSTRAINT "pay_run_lines_run_id_pay_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pay_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_run_lines" ADD CONSTRAINT "pay_run_lines_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_run_lines" ADD CONSTRAINT "pay_run_lines_secretary_id_people_id_fk" FOREIGN KEY ("secretary_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_runs" ADD CONSTRAINT "pay_runs_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_runs" ADD CONSTRAINT "pay_runs_supersedes_id_pay_runs_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."pay_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_runs" ADD CONSTRAINT "pay_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_records" ADD CONSTRAINT "fund_records_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_records" ADD CONSTRAINT "fund_records_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_records" ADD CONSTRAINT "fund_records_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_stats" ADD CONSTRAINT "region_stats_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "regions_parent_code_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "orgs_region_code_idx" ON "orgs" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "orgs_parent_id_idx" ON "orgs" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "orgs_secretary_id_idx" ON "orgs" USING btree ("secretary_id");--> statement-breakpoint
CREATE INDEX "people_region_code_idx" ON "people" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "login_attempts_username_at_idx" ON "login_attempts" USING btree ("username","at");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_key" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "users_region_code_idx" ON "users" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "audit_log_region_code_at_idx" ON "audit_log" USING btree ("region_code","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_user_id_idx" ON "audit_log" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "policy_sets_region_code_idx" ON "policy_sets" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "org_changes_org_id_at_idx" ON "org_changes" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "org_changes_region_code_idx" ON "org_changes" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "org_grades_current_key" ON "org_grades" USING btree ("org_id","year") WHERE "org_grades"."superseded_at" IS NULL;--> statement-breakpoint
CREATE INDEX "org_grades_region_year_idx" ON "org_grades" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "pay_run_lines_run_id_idx" ON "pay_run_lines" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "pay_run_lines_region_code_idx" ON "pay_run_lines" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "pay_runs_region_year_idx" ON "pay_runs" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "fund_records_region_year_kind_idx" ON "fund_records" USING btree ("region_code","year","kind");