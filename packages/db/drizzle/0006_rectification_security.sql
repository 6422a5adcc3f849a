-- Soft-and-lax rectification (整顿软弱涣散, 002; 000 §1, §3): privileges and row-level security for
-- rectification_cases, rectification_problems and rectification_entries, as 0001_security.sql does
-- for the other tables. Hand-written (drizzle-kit generate --custom).
-- Nothing is deleted: a carried-over case is a new row, the old one stays as history.
GRANT SELECT, INSERT, UPDATE ON rectification_cases, rectification_problems TO dangjian_app;
--> statement-breakpoint
-- The ledger (台账) is append-only for the application.
GRANT SELECT, INSERT ON rectification_entries TO dangjian_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON rectification_cases, rectification_problems, rectification_entries FROM dangjian_app;
--> statement-breakpoint
REVOKE UPDATE ON rectification_entries FROM dangjian_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dangjian_app;
--> statement-breakpoint
-- Every row carries the org's region_code: visible and writable only inside the caller's range.
ALTER TABLE rectification_cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY rectification_cases_scope ON rectification_cases TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE rectification_problems ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY rectification_problems_scope ON rectification_problems TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE rectification_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY rectification_entries_scope ON rectification_entries TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
-- 群众认可一件、销号一件 (000 §1): a closed item stays closed, with its confirmation, for everyone
-- including the owner. Only an open item may change.
CREATE FUNCTION rectification_closed_item_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.closed_on IS NOT NULL THEN
    RAISE EXCEPTION '已销号的问题不可修改或撤销' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rectification_problems_closed_immutable BEFORE UPDATE OR DELETE ON rectification_problems
  FOR EACH ROW EXECUTE FUNCTION rectification_closed_item_immutable();
