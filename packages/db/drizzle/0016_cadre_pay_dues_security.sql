-- Cadres' basic pay (003 §4.3) and non-public dues entries (001 §22): privileges and row-level
-- security. Hand-written (drizzle-kit generate --custom), modelled on 0012_orglife_security.sql.
-- Each row carries the region code of its village/community or of its org: a county sees its
-- county, a township its township.
GRANT SELECT, INSERT, UPDATE, DELETE ON cadre_basic_pay TO dangjian_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON non_public_dues_entries TO dangjian_app;
--> statement-breakpoint
-- A payment or return is a ledger line: never deleted or rewritten, only voided with a reason.
REVOKE DELETE, TRUNCATE ON non_public_dues_entries FROM dangjian_app;
--> statement-breakpoint
GRANT UPDATE (voided_at, void_reason) ON non_public_dues_entries TO dangjian_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dangjian_app;
--> statement-breakpoint
ALTER TABLE cadre_basic_pay ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY cadre_basic_pay_scope ON cadre_basic_pay TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE non_public_dues_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY non_public_dues_entries_scope ON non_public_dues_entries TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
