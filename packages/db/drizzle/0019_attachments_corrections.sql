CREATE TABLE "rectification_corrections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rectification_corrections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"problem_id" integer,
	"region_code" varchar(12) NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"by_user" integer,
	"by_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectification_corrections_kind" CHECK ("rectification_corrections"."kind" IN ('add_problem', 'correct_problem', 'correct_case', 'withdraw_problem', 'withdraw_case'))
);
--> statement-breakpoint
CREATE TABLE "attachment_blobs" (
	"sha256" char(64) PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" varchar(12) NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" integer NOT NULL,
	"filename" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" char(64) NOT NULL,
	"uploaded_by" integer,
	"uploaded_by_name" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_owner_kind" CHECK ("attachments"."owner_kind" IN ('rect_entry', 'work_log', 'org_meeting')),
	CONSTRAINT "attachments_size" CHECK ("attachments"."size" > 0),
	CONSTRAINT "attachments_sha256_hex" CHECK ("attachments"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "rectification_cases" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rectification_cases" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "rectification_cases" ADD COLUMN "withdrawn_by" integer;--> statement-breakpoint
ALTER TABLE "rectification_problems" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rectification_problems" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "rectification_problems" ADD COLUMN "withdrawn_by" integer;--> statement-breakpoint
ALTER TABLE "rectification_corrections" ADD CONSTRAINT "rectification_corrections_case_id_rectification_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."rectification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_corrections" ADD CONSTRAINT "rectification_corrections_problem_id_rectification_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."rectification_problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_corrections" ADD CONSTRAINT "rectification_corrections_by_user_users_id_fk" FOREIGN KEY ("by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rectification_corrections_case_idx" ON "rectification_corrections" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "rectification_corrections_region_idx" ON "rectification_corrections" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "attachments_owner_idx" ON "attachments" USING btree ("owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "attachments_region_idx" ON "attachments" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "attachments_sha256_idx" ON "attachments" USING btree ("sha256");--> statement-breakpoint
ALTER TABLE "rectification_cases" ADD CONSTRAINT "rectification_cases_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_problems" ADD CONSTRAINT "rectification_problems_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;