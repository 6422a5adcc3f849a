CREATE TABLE "security_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "security_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" varchar(32) NOT NULL,
	"username" varchar(64),
	"user_id" integer,
	"role" "role",
	"ip" "inet",
	"procedure" text,
	"region_code" varchar(12),
	"detail" text,
	"suppressed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "security_events_at_idx" ON "security_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "security_events_kind_ip_at_idx" ON "security_events" USING btree ("kind","ip","at");--> statement-breakpoint
CREATE INDEX "security_events_username_at_idx" ON "security_events" USING btree ("username","at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_at_idx" ON "login_attempts" USING btree ("ip","at");