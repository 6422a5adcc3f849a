-- Dispatch by grade (选派, 001 §9) and college-graduate village officials (大学生村官, 001 §6):
-- privileges and row-level security for org_dispatches and graduate_officials. Hand-written
-- (drizzle-kit generate --custom), modelled on 0012_orglife_security.sql. Every row carries the
-- region code of the org (dispatch) or the village (official): a county sees its county, a
-- township its township.
GRANT SELECT, INSERT, UPDATE ON org_dispatches, graduate_officials TO dangjian_app;
--> statement-breakpoint
-- Nothing is deleted: an ended dispatch or a former official keeps its row with its end date.
REVOKE DELETE, TRUNCATE ON org_dispatches, graduate_officials FROM dangjian_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dangjian_app;
--> statement-breakpoint
ALTER TABLE org_dispatches ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_dispatches_scope ON org_dispatches TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE graduate_officials ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY graduate_officials_scope ON graduate_officials TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
