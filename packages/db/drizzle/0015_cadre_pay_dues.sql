CREATE TYPE "public"."cadre_post" AS ENUM('secretary', 'secretary_director', 'deputy_secretary', 'director', 'deputy_director', 'committee_member');--> statement-breakpoint
CREATE TYPE "public"."dues_entry_kind" AS ENUM('paid', 'returned');--> statement-breakpoint
CREATE TABLE "cadre_basic_pay" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cadre_basic_pay_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" smallint NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"person_id" integer NOT NULL,
	"post" "cadre_post" NOT NULL,
	"basic_pay_fen" bigint NOT NULL,
	"note" text,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cadre_basic_pay_nonnegative" CHECK ("cadre_basic_pay"."basic_pay_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "non_public_dues_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "non_public_dues_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" smallint NOT NULL,
	"org_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"kind" "dues_entry_kind" NOT NULL,
	"on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	CONSTRAINT "non_public_dues_entries_positive" CHECK ("non_public_dues_entries"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "cadre_basic_pay" ADD CONSTRAINT "cadre_basic_pay_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_basic_pay" ADD CONSTRAINT "cadre_basic_pay_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_basic_pay" ADD CONSTRAINT "cadre_basic_pay_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "non_public_dues_entries" ADD CONSTRAINT "non_public_dues_entries_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "non_public_dues_entries" ADD CONSTRAINT "non_public_dues_entries_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "non_public_dues_entries" ADD CONSTRAINT "non_public_dues_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cadre_basic_pay_unit_year_person_key" ON "cadre_basic_pay" USING btree ("region_code","year","person_id");--> statement-breakpoint
CREATE INDEX "cadre_basic_pay_person_id_idx" ON "cadre_basic_pay" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "non_public_dues_entries_region_year_idx" ON "non_public_dues_entries" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "non_public_dues_entries_org_year_idx" ON "non_public_dues_entries" USING btree ("org_id","year");