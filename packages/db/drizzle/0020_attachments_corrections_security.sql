-- Attachments (issue 16) and rectification corrections: privileges and row-level security, as
-- 0012_orglife_security.sql. Hand-written (drizzle-kit generate --custom).
-- Nothing is deleted or rewritten: an attachment is evidence; a correction is history.
GRANT SELECT, INSERT ON attachments, attachment_blobs, rectification_corrections TO dangjian_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON attachments, attachment_blobs, rectification_corrections FROM dangjian_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dangjian_app;
--> statement-breakpoint
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY attachments_scope ON attachments TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE rectification_corrections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY rectification_corrections_scope ON rectification_corrections TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
-- The bytes carry no region of their own (one row per distinct content): a caller reads a blob
-- only when an attachment it can see (row-level security of attachments applies inside the
-- subquery) points at it. Any caller may add content; it is keyed by its own SHA-256.
ALTER TABLE attachment_blobs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY attachment_blobs_read ON attachment_blobs FOR SELECT TO dangjian_app USING (EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = attachment_blobs.sha256));
--> statement-breakpoint
CREATE POLICY attachment_blobs_add ON attachment_blobs FOR INSERT TO dangjian_app WITH CHECK (sha256 ~ '^[0-9a-f]{64}$');
