-- Report-and-review (述职评议, 004): privileges and row-level security for review_meetings and
-- secretary_reviews, as 0001_security.sql does for the other tables. Hand-written
-- (drizzle-kit generate --custom). Rows are never deleted: a review is corrected, not removed.
GRANT SELECT, INSERT, UPDATE ON review_meetings, secretary_reviews TO dangjian_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON review_meetings, secretary_reviews FROM dangjian_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dangjian_app;
--> statement-breakpoint
-- A meeting belongs to its township (region_code = the township's code); a secretary's review to
-- the village/community org's region. Visible and writable only inside the caller's range.
ALTER TABLE review_meetings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY review_meetings_scope ON review_meetings TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE secretary_reviews ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY secretary_reviews_scope ON secretary_reviews TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
