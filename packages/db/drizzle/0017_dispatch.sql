CREATE TYPE "public"."dispatch_kind" AS ENUM('work_team', 'first_secretary', 'township_contact');--> statement-breakpoint
CREATE TYPE "public"."graduate_post" AS ENUM('secretary', 'deputy_secretary');--> statement-breakpoint
CREATE TABLE "graduate_officials" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "graduate_officials_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"in_village_since" date NOT NULL,
	"post" "graduate_post",
	"post_since" date,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "graduate_officials_post_since" CHECK (("graduate_officials"."post" IS NULL) = ("graduate_officials"."post_since" IS NULL)),
	CONSTRAINT "graduate_officials_post_after_start" CHECK ("graduate_officials"."post_since" IS NULL OR "graduate_officials"."post_since" >= "graduate_officials"."in_village_since"),
	CONSTRAINT "graduate_officials_dates" CHECK ("graduate_officials"."ended_on" IS NULL OR "graduate_officials"."ended_on" >= "graduate_officials"."in_village_since")
);
--> statement-breakpoint
CREATE TABLE "org_dispatches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_dispatches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"year" smallint NOT NULL,
	"kind" "dispatch_kind" NOT NULL,
	"cadre_name" text NOT NULL,
	"unit" text NOT NULL,
	"post" text,
	"leader" boolean DEFAULT false NOT NULL,
	"first_secretary" boolean DEFAULT false NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_dispatches_dates" CHECK ("org_dispatches"."to_date" IS NULL OR "org_dispatches"."to_date" >= "org_dispatches"."from_date"),
	CONSTRAINT "org_dispatches_leader_in_team" CHECK (NOT "org_dispatches"."leader" OR "org_dispatches"."kind" = 'work_team'),
	CONSTRAINT "org_dispatches_leader_first_secretary" CHECK (NOT "org_dispatches"."leader" OR "org_dispatches"."first_secretary"),
	CONSTRAINT "org_dispatches_first_secretary_kind" CHECK ("org_dispatches"."kind" <> 'first_secretary' OR "org_dispatches"."first_secretary")
);
--> statement-breakpoint
ALTER TABLE "graduate_officials" ADD CONSTRAINT "graduate_officials_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_dispatches" ADD CONSTRAINT "org_dispatches_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_dispatches" ADD CONSTRAINT "org_dispatches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "graduate_officials_current_key" ON "graduate_officials" USING btree ("person_id") WHERE "graduate_officials"."ended_on" IS NULL;--> statement-breakpoint
CREATE INDEX "graduate_officials_region_idx" ON "graduate_officials" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "org_dispatches_org_year_idx" ON "org_dispatches" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "org_dispatches_region_year_idx" ON "org_dispatches" USING btree ("region_code","year");