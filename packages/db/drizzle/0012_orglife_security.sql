-- Organisation life (组织生活): privileges and row-level security for enterprises,
-- enterprise_instructors, member_dev_units, member_dev_quotas, member_candidates, org_meetings and
-- demo_sites. Hand-written (drizzle-kit generate --custom), modelled on 0008_training_security.sql.
-- Every row carries the region code of what it belongs to (the enterprise, the county, the
-- developing org, the meeting's org, the site): a county sees its county, a township its township.
GRANT SELECT, INSERT, UPDATE ON enterprises, enterprise_instructors, member_dev_units,
  member_dev_quotas, member_candidates, org_meetings, demo_sites TO dangjian_app;
--> statement-breakpoint
-- Nothing is deleted: a replaced instructor, a withdrawn candidate or a revoked site keeps its row.
REVOKE DELETE, TRUNCATE ON enterprises, enterprise_instructors, member_dev_units,
  member_dev_quotas, member_candidates, org_meetings, demo_sites FROM dangjian_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dangjian_app;
--> statement-breakpoint
ALTER TABLE enterprises ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY enterprises_scope ON enterprises TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE enterprise_instructors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY enterprise_instructors_scope ON enterprise_instructors TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE member_dev_units ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY member_dev_units_scope ON member_dev_units TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE member_dev_quotas ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY member_dev_quotas_scope ON member_dev_quotas TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE member_candidates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY member_candidates_scope ON member_candidates TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE org_meetings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_meetings_scope ON org_meetings TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE demo_sites ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY demo_sites_scope ON demo_sites TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
-- A meeting record is a minute: written once; only the publication of its decisions is added later.
REVOKE UPDATE ON org_meetings FROM dangjian_app;
--> statement-breakpoint
GRANT UPDATE (decisions_published_on) ON org_meetings TO dangjian_app;
