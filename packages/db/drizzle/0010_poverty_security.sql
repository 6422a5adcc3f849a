-- Resident help for poor villages (驻村帮扶): privileges and row-level security for poor_villages,
-- poverty_teams, poverty_team_members, poverty_work_logs, village_collective_income and
-- poverty_assessments. Hand-written (drizzle-kit generate --custom), modelled on 0001_security.sql.
-- Every row carries the village's region code: a county office sees its county, a team member
-- (bound to the village) sees and writes only that village.
GRANT SELECT, INSERT, UPDATE ON poor_villages, poverty_teams, poverty_team_members,
  poverty_work_logs, village_collective_income, poverty_assessments TO dangjian_app;
--> statement-breakpoint
-- Nothing is deleted: a withdrawn team or a member who left keeps the row with its end date.
REVOKE DELETE, TRUNCATE ON poor_villages, poverty_teams, poverty_team_members,
  poverty_work_logs, village_collective_income, poverty_assessments FROM dangjian_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dangjian_app;
--> statement-breakpoint
ALTER TABLE poor_villages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY poor_villages_scope ON poor_villages TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE poverty_teams ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY poverty_teams_scope ON poverty_teams TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE poverty_team_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY poverty_team_members_scope ON poverty_team_members TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE poverty_work_logs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY poverty_work_logs_scope ON poverty_work_logs TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE village_collective_income ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY village_collective_income_scope ON village_collective_income TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE poverty_assessments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY poverty_assessments_scope ON poverty_assessments TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
-- The work log is a record: an entry is not rewritten afterwards.
REVOKE UPDATE ON poverty_work_logs FROM dangjian_app;
