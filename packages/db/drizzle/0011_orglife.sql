CREATE TYPE "public"."demo_category" AS ENUM('county', 'township', 'street', 'village', 'community', 'organ', 'institution', 'soe', 'non_public', 'social_org');--> statement-breakpoint
CREATE TYPE "public"."enterprise_kind" AS ENUM('non_public', 'social_org');--> statement-breakpoint
CREATE TYPE "public"."member_dev_stage" AS ENUM('applicant', 'activist', 'candidate', 'probationary', 'full');--> statement-breakpoint
CREATE TYPE "public"."member_dev_unit_kind" AS ENUM('county', 'university');--> statement-breakpoint
CREATE TYPE "public"."org_meeting_kind" AS ENUM('team_joint', 'party_public_joint');--> statement-breakpoint
CREATE TABLE "demo_sites" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "demo_sites_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" smallint NOT NULL,
	"category" "demo_category" NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"org_id" integer,
	"name" text NOT NULL,
	"designated_on" date NOT NULL,
	"revoked_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_instructors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enterprise_instructors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"enterprise_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"unit" text NOT NULL,
	"assigned_on" date NOT NULL,
	"ended_on" date,
	"created_by" integer,
	CONSTRAINT "enterprise_instructors_dates" CHECK ("enterprise_instructors"."ended_on" IS NULL OR "enterprise_instructors"."ended_on" >= "enterprise_instructors"."assigned_on")
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enterprises_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" "enterprise_kind" NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"employees" integer NOT NULL,
	"member_count" integer DEFAULT 0 NOT NULL,
	"has_union" boolean DEFAULT false NOT NULL,
	"own_org_id" integer,
	"joint_org_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_counts" CHECK ("enterprises"."employees" >= 0 AND "enterprises"."member_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "member_candidates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_candidates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"gender" "gender" NOT NULL,
	"birth_date" date NOT NULL,
	"education" "education_level" NOT NULL,
	"org_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"stage" "member_dev_stage" NOT NULL,
	"applied_on" date NOT NULL,
	"activist_on" date,
	"candidate_on" date,
	"admitted_on" date,
	"full_on" date,
	"pre_filed_on" date,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_candidates_stage_dates" CHECK (("member_candidates"."stage" = 'applicant' OR "member_candidates"."activist_on" IS NOT NULL)
        AND ("member_candidates"."stage" IN ('applicant', 'activist') OR "member_candidates"."candidate_on" IS NOT NULL)
        AND ("member_candidates"."stage" NOT IN ('probationary', 'full') OR "member_candidates"."admitted_on" IS NOT NULL)
        AND ("member_candidates"."stage" <> 'full' OR "member_candidates"."full_on" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "member_dev_quotas" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_dev_quotas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"year" smallint NOT NULL,
	"quota" integer NOT NULL,
	"excess_reported_on" date,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_dev_quotas_quota" CHECK ("member_dev_quotas"."quota" >= 0)
);
--> statement-breakpoint
CREATE TABLE "member_dev_units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_dev_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" varchar(12) NOT NULL,
	"kind" "member_dev_unit_kind" NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_meetings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"kind" "org_meeting_kind" NOT NULL,
	"meeting_on" date NOT NULL,
	"convener" text NOT NULL,
	"attendees" text NOT NULL,
	"attendee_count" integer NOT NULL,
	"topics" text NOT NULL,
	"decisions" text NOT NULL,
	"decisions_published_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_meetings_attendees" CHECK ("org_meetings"."attendee_count" > 0),
	CONSTRAINT "org_meetings_published" CHECK ("org_meetings"."decisions_published_on" IS NULL OR ("org_meetings"."kind" = 'party_public_joint' AND "org_meetings"."decisions_published_on" >= "org_meetings"."meeting_on"))
);
--> statement-breakpoint
ALTER TABLE "demo_sites" ADD CONSTRAINT "demo_sites_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demo_sites" ADD CONSTRAINT "demo_sites_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demo_sites" ADD CONSTRAINT "demo_sites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_instructors" ADD CONSTRAINT "enterprise_instructors_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_instructors" ADD CONSTRAINT "enterprise_instructors_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_instructors" ADD CONSTRAINT "enterprise_instructors_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_own_org_id_orgs_id_fk" FOREIGN KEY ("own_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_joint_org_id_orgs_id_fk" FOREIGN KEY ("joint_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_candidates" ADD CONSTRAINT "member_candidates_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_candidates" ADD CONSTRAINT "member_candidates_unit_id_member_dev_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_dev_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_candidates" ADD CONSTRAINT "member_candidates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_dev_quotas" ADD CONSTRAINT "member_dev_quotas_unit_id_member_dev_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."member_dev_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_dev_quotas" ADD CONSTRAINT "member_dev_quotas_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_dev_units" ADD CONSTRAINT "member_dev_units_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_meetings" ADD CONSTRAINT "org_meetings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_meetings" ADD CONSTRAINT "org_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demo_sites_region_year_idx" ON "demo_sites" USING btree ("region_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "demo_sites_region_key" ON "demo_sites" USING btree ("year","category","region_code") WHERE "demo_sites"."org_id" IS NULL AND "demo_sites"."revoked_on" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "demo_sites_org_key" ON "demo_sites" USING btree ("year","category","org_id") WHERE "demo_sites"."org_id" IS NOT NULL AND "demo_sites"."revoked_on" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_instructors_current_key" ON "enterprise_instructors" USING btree ("enterprise_id") WHERE "enterprise_instructors"."ended_on" IS NULL;--> statement-breakpoint
CREATE INDEX "enterprise_instructors_region_idx" ON "enterprise_instructors" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "enterprise_instructors_person_idx" ON "enterprise_instructors" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "enterprises_region_code_idx" ON "enterprises" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "enterprises_own_org_idx" ON "enterprises" USING btree ("own_org_id");--> statement-breakpoint
CREATE INDEX "enterprises_joint_org_idx" ON "enterprises" USING btree ("joint_org_id");--> statement-breakpoint
CREATE INDEX "member_candidates_region_admitted_idx" ON "member_candidates" USING btree ("region_code","admitted_on");--> statement-breakpoint
CREATE INDEX "member_candidates_org_idx" ON "member_candidates" USING btree ("org_id","admitted_on");--> statement-breakpoint
CREATE INDEX "member_candidates_unit_idx" ON "member_candidates" USING btree ("unit_id","admitted_on");--> statement-breakpoint
CREATE UNIQUE INDEX "member_dev_quotas_unit_year_key" ON "member_dev_quotas" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "member_dev_quotas_region_year_idx" ON "member_dev_quotas" USING btree ("region_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "member_dev_units_region_kind_name_key" ON "member_dev_units" USING btree ("region_code","kind","name");--> statement-breakpoint
CREATE INDEX "org_meetings_region_date_idx" ON "org_meetings" USING btree ("region_code","meeting_on");--> statement-breakpoint
CREATE INDEX "org_meetings_org_date_idx" ON "org_meetings" USING btree ("org_id","meeting_on");