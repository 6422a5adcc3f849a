CREATE TYPE "public"."training_signup_status" AS ENUM('confirmed', 'waitlisted', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."trainee_role" AS ENUM('secretary', 'reserve');--> statement-breakpoint
CREATE TYPE "public"."training_kind" AS ENUM('rotation', 'special', 'model_class', 'county_class', 'reserve', 'township_cadre', 'other');--> statement-breakpoint
CREATE TYPE "public"."training_level" AS ENUM('city', 'county', 'township');--> statement-breakpoint
CREATE TABLE "reserve_cadres" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reserve_cadres_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"since" date NOT NULL,
	"until" date
);
--> statement-breakpoint
CREATE TABLE "secretary_appointments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "secretary_appointments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"appointed_on" date NOT NULL,
	"ended_on" date
);
--> statement-breakpoint
CREATE TABLE "training_attendance" (
	"class_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"session_date" date NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"present" boolean NOT NULL,
	"marked_by" integer,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_attendance_class_id_person_id_session_date_pk" PRIMARY KEY("class_id","person_id","session_date")
);
--> statement-breakpoint
CREATE TABLE "training_classes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_classes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" "training_kind" NOT NULL,
	"level" "training_level" NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"days" smallint NOT NULL,
	"hours" smallint,
	"venue" text NOT NULL,
	"capacity" integer NOT NULL,
	"eligible_roles" "trainee_role"[] NOT NULL,
	"eligible_regions" varchar(12)[] DEFAULT '{}' NOT NULL,
	"new_secretaries_only" boolean DEFAULT false NOT NULL,
	"description" text,
	"confirmed_count" integer DEFAULT 0 NOT NULL,
	"signup_seq" integer DEFAULT 0 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_classes_dates" CHECK ("training_classes"."end_date" >= "training_classes"."start_date"),
	CONSTRAINT "training_classes_days" CHECK ("training_classes"."days" > 0 AND "training_classes"."days" <= "training_classes"."end_date" - "training_classes"."start_date" + 1),
	CONSTRAINT "training_classes_capacity" CHECK ("training_classes"."capacity" > 0),
	CONSTRAINT "training_classes_seats" CHECK ("training_classes"."confirmed_count" >= 0 AND "training_classes"."confirmed_count" <= "training_classes"."capacity")
);
--> statement-breakpoint
CREATE TABLE "training_signups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_signups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"class_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"status" "training_signup_status" NOT NULL,
	"seq" integer NOT NULL,
	"signed_up_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"enrolled_by" integer,
	"completed_on" date,
	"completed_days" smallint,
	CONSTRAINT "training_signups_completion" CHECK ("training_signups"."completed_on" IS NULL OR ("training_signups"."status" = 'confirmed' AND "training_signups"."completed_days" > 0))
);
--> statement-breakpoint
ALTER TABLE "reserve_cadres" ADD CONSTRAINT "reserve_cadres_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_cadres" ADD CONSTRAINT "reserve_cadres_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_appointments" ADD CONSTRAINT "secretary_appointments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretary_appointments" ADD CONSTRAINT "secretary_appointments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_class_id_training_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_signups" ADD CONSTRAINT "training_signups_class_id_training_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_signups" ADD CONSTRAINT "training_signups_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_signups" ADD CONSTRAINT "training_signups_enrolled_by_users_id_fk" FOREIGN KEY ("enrolled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reserve_cadres_person_org_key" ON "reserve_cadres" USING btree ("person_id","org_id");--> statement-breakpoint
CREATE INDEX "reserve_cadres_region_idx" ON "reserve_cadres" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "secretary_appointments_org_person_key" ON "secretary_appointments" USING btree ("org_id","person_id","appointed_on");--> statement-breakpoint
CREATE INDEX "secretary_appointments_person_idx" ON "secretary_appointments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "secretary_appointments_region_idx" ON "secretary_appointments" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "training_attendance_region_idx" ON "training_attendance" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "training_classes_region_start_idx" ON "training_classes" USING btree ("region_code","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "training_signups_class_person_key" ON "training_signups" USING btree ("class_id","person_id");--> statement-breakpoint
CREATE INDEX "training_signups_class_status_seq_idx" ON "training_signups" USING btree ("class_id","status","seq");--> statement-breakpoint
CREATE INDEX "training_signups_person_idx" ON "training_signups" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "training_signups_region_idx" ON "training_signups" USING btree ("region_code");