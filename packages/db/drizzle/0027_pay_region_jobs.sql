CREATE TYPE "public"."pay_region_job_status" AS ENUM('pending', 'done', 'cancelled', 'failed');--> statement-breakpoint
CREATE TABLE "pay_region_jobs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pay_region_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" varchar(12) NOT NULL,
	"year" smallint NOT NULL,
	"base_fen" bigint NOT NULL,
	"status" "pay_region_job_status" DEFAULT 'pending' NOT NULL,
	"townships_total" integer NOT NULL,
	"townships_done" integer DEFAULT 0 NOT NULL,
	"line_count" integer DEFAULT 0 NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"message" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "pay_region_jobs" ADD CONSTRAINT "pay_region_jobs_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_region_jobs" ADD CONSTRAINT "pay_region_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pay_region_jobs_region_year_idx" ON "pay_region_jobs" USING btree ("region_code","year");--> statement-breakpoint
-- Hand-written: row-level security like pay_runs (0001_security.sql), forced like every region table (0024).
ALTER TABLE "pay_region_jobs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pay_region_jobs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY pay_region_jobs_scope ON pay_region_jobs TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
