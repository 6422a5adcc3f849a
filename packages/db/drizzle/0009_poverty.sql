CREATE TYPE "public"."poverty_help_level" AS ENUM('city', 'county');--> statement-breakpoint
CREATE TYPE "public"."poverty_member_role" AS ENUM('leader', 'member');--> statement-breakpoint
CREATE TYPE "public"."poverty_rating" AS ENUM('outstanding', 'competent', 'passive');--> statement-breakpoint
CREATE TYPE "public"."poverty_task_area" AS ENUM('build_team', 'infrastructure_industry', 'solve_problems', 'civic_harmony');--> statement-breakpoint
CREATE TABLE "poor_villages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "poor_villages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" varchar(12) NOT NULL,
	"org_id" integer,
	"identified_year" smallint NOT NULL,
	"helped_by" "poverty_help_level" NOT NULL,
	"households" integer NOT NULL,
	"poor_households" integer NOT NULL,
	"poor_people" integer NOT NULL,
	"baseline_income_fen" bigint NOT NULL,
	"exited_year" smallint,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poor_villages_figures" CHECK ("poor_villages"."households" >= 0 AND "poor_villages"."poor_households" >= 0 AND "poor_villages"."poor_households" <= "poor_villages"."households" AND "poor_villages"."poor_people" >= "poor_villages"."poor_households" AND "poor_villages"."baseline_income_fen" >= 0),
	CONSTRAINT "poor_villages_exit_after_identification" CHECK ("poor_villages"."exited_year" IS NULL OR "poor_villages"."exited_year" >= "poor_villages"."identified_year")
);
--> statement-breakpoint
CREATE TABLE "poverty_assessments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "poverty_assessments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" smallint NOT NULL,
	"team_id" integer NOT NULL,
	"member_id" integer,
	"region_code" varchar(12) NOT NULL,
	"rating" "poverty_rating" NOT NULL,
	"comments" text NOT NULL,
	"promotion_priority" boolean DEFAULT false NOT NULL,
	"public_criticism" boolean DEFAULT false NOT NULL,
	"correction_deadline" date,
	"assessed_by" integer,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poverty_assessments_passive_deadline" CHECK ("poverty_assessments"."rating" <> 'passive' OR "poverty_assessments"."correction_deadline" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "poverty_team_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "poverty_team_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"name" text NOT NULL,
	"post" text,
	"phone" varchar(20),
	"role" "poverty_member_role" NOT NULL,
	"first_secretary_org_id" integer,
	"user_id" integer,
	"from_date" date NOT NULL,
	"to_date" date,
	CONSTRAINT "poverty_team_members_dates" CHECK ("poverty_team_members"."to_date" IS NULL OR "poverty_team_members"."to_date" >= "poverty_team_members"."from_date"),
	CONSTRAINT "poverty_team_members_first_secretary_is_leader" CHECK ("poverty_team_members"."first_secretary_org_id" IS NULL OR "poverty_team_members"."role" = 'leader')
);
--> statement-breakpoint
CREATE TABLE "poverty_teams" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "poverty_teams_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"village_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"unit" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poverty_teams_dates" CHECK ("poverty_teams"."end_date" IS NULL OR "poverty_teams"."end_date" >= "poverty_teams"."start_date")
);
--> statement-breakpoint
CREATE TABLE "poverty_work_logs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "poverty_work_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"member_id" integer,
	"date" date NOT NULL,
	"area" "poverty_task_area" NOT NULL,
	"summary" text NOT NULL,
	"households_reached" integer DEFAULT 0 NOT NULL,
	"funds_fen" bigint DEFAULT 0 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poverty_work_logs_figures" CHECK ("poverty_work_logs"."households_reached" >= 0 AND "poverty_work_logs"."funds_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "village_collective_income" (
	"village_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"income_fen" bigint NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "village_collective_income_nonnegative" CHECK ("village_collective_income"."income_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "poor_villages" ADD CONSTRAINT "poor_villages_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poor_villages" ADD CONSTRAINT "poor_villages_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poor_villages" ADD CONSTRAINT "poor_villages_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poverty_assessments" ADD CONSTRAINT "poverty_assessments_team_id_poverty_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."poverty_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poverty_assessments" ADD CONSTRAINT "poverty_assessments_member_id_poverty_team_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."poverty_team_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poverty_assessments" ADD CONSTRAINT "poverty_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poverty_team_members" ADD CONSTRAINT "poverty_team_members_team_id_poverty_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."poverty_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poverty_team_members" ADD CONSTRAINT "poverty_team_members_first_secretary_org_id_orgs_id_fk" FOREIGN KEY ("first_secretary_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poverty_team_members" ADD CONSTRAINT "poverty_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poverty_teams" ADD CONSTRAINT "poverty_teams_village_id_poor_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."poor_villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poverty_work_logs" ADD CONSTRAINT "poverty_work_logs_team_id_poverty_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."poverty_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poverty_work_logs" ADD CONSTRAINT "poverty_work_logs_village_id_poor_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."poor_villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poverty_work_logs" ADD CONSTRAINT "poverty_work_logs_member_id_poverty_team_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."poverty_team_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poverty_work_logs" ADD CONSTRAINT "poverty_work_logs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "village_collective_income" ADD CONSTRAINT "village_collective_income_village_id_poor_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."poor_villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "village_collective_income" ADD CONSTRAINT "village_collective_income_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "poor_villages_region_key" ON "poor_villages" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "poverty_assessments_unit_key" ON "poverty_assessments" USING btree ("year","team_id") WHERE "poverty_assessments"."member_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "poverty_assessments_cadre_key" ON "poverty_assessments" USING btree ("year","member_id") WHERE "poverty_assessments"."member_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "poverty_assessments_region_year_idx" ON "poverty_assessments" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "poverty_team_members_team_idx" ON "poverty_team_members" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "poverty_team_members_region_idx" ON "poverty_team_members" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "poverty_team_members_user_idx" ON "poverty_team_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "poverty_team_members_one_leader" ON "poverty_team_members" USING btree ("team_id") WHERE "poverty_team_members"."role" = 'leader' AND "poverty_team_members"."to_date" IS NULL;--> statement-breakpoint
CREATE INDEX "poverty_teams_village_idx" ON "poverty_teams" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "poverty_teams_region_idx" ON "poverty_teams" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "poverty_work_logs_region_date_idx" ON "poverty_work_logs" USING btree ("region_code","date");--> statement-breakpoint
CREATE INDEX "poverty_work_logs_village_date_idx" ON "poverty_work_logs" USING btree ("village_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "village_collective_income_key" ON "village_collective_income" USING btree ("village_id","year");--> statement-breakpoint
CREATE INDEX "village_collective_income_region_idx" ON "village_collective_income" USING btree ("region_code","year");