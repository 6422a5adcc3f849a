-- Trigram indexes for substring search (ILIKE '%…%'); pg_trgm is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "regions_name_trgm_idx" ON "regions" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "orgs_name_trgm_idx" ON "orgs" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "people_name_trgm_idx" ON "people" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "people_phone_trgm_idx" ON "people" USING gin ("phone" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_username_trgm_idx" ON "users" USING gin ("username" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_display_name_trgm_idx" ON "users" USING gin ("display_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "pay_run_lines_org_id_idx" ON "pay_run_lines" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "pay_run_lines_secretary_id_idx" ON "pay_run_lines" USING btree ("secretary_id");--> statement-breakpoint
CREATE INDEX "fund_records_org_id_idx" ON "fund_records" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "fund_records_person_id_idx" ON "fund_records" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "poverty_assessments_team_id_idx" ON "poverty_assessments" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "enterprises_name_trgm_idx" ON "enterprises" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "member_candidates_name_trgm_idx" ON "member_candidates" USING gin ("name" gin_trgm_ops);