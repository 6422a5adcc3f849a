-- Training (培训): privileges, row-level security and the class-visibility rule for
-- secretary_appointments, reserve_cadres, training_classes, training_signups and
-- training_attendance. Hand-written (drizzle-kit generate --custom), modelled on 0001_security.sql.

-- A class belongs to its organiser's region and is open to everyone inside it: a trainee in a
-- village sees the city's and the county's classes. True when the caller's scope lies inside
-- `code` (code is the scope itself or one of its ancestors).
CREATE FUNCTION app_region_covers_scope(code varchar) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT starts_with(
    coalesce(current_setting('app.scope_from', true), ''),
    left(code, CASE
      WHEN substr(code, 3) = '0000000000' THEN 2
      WHEN substr(code, 5) = '00000000' THEN 4
      WHEN substr(code, 7) = '000000' THEN 6
      WHEN substr(code, 10) = '000' THEN 9
      ELSE 12
    END)
  )
$$;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON secretary_appointments, reserve_cadres, training_classes,
  training_signups, training_attendance TO dangjian_app;
--> statement-breakpoint
-- Nothing is deleted: a cancelled signup keeps its row (status cancelled) as history.
REVOKE DELETE, TRUNCATE ON secretary_appointments, reserve_cadres, training_classes,
  training_signups, training_attendance FROM dangjian_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dangjian_app;
--> statement-breakpoint
ALTER TABLE secretary_appointments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY secretary_appointments_scope ON secretary_appointments TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE reserve_cadres ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY reserve_cadres_scope ON reserve_cadres TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE training_attendance ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY training_attendance_scope ON training_attendance TO dangjian_app USING (app_in_scope(region_code)) WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
-- Classes: created only inside the caller's region; read (and their seat counters updated, by
-- a trainee's signup or cancellation) by everyone inside the organiser's region.
ALTER TABLE training_classes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY training_classes_read ON training_classes FOR SELECT TO dangjian_app
  USING (app_in_scope(region_code) OR app_region_covers_scope(region_code));
--> statement-breakpoint
CREATE POLICY training_classes_insert ON training_classes FOR INSERT TO dangjian_app
  WITH CHECK (app_in_scope(region_code));
--> statement-breakpoint
CREATE POLICY training_classes_update ON training_classes FOR UPDATE TO dangjian_app
  USING (app_in_scope(region_code) OR app_region_covers_scope(region_code))
  WITH CHECK (app_in_scope(region_code) OR app_region_covers_scope(region_code));
--> statement-breakpoint
-- Signups: a new signup is only for a person inside the caller's region, for a class the caller
-- sees. The waiting list of a visible class is readable and updatable as a whole, because a
-- cancellation promotes the next person in line, whoever's region they are in.
ALTER TABLE training_signups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY training_signups_read ON training_signups FOR SELECT TO dangjian_app
  USING (app_in_scope(region_code) OR EXISTS (SELECT 1 FROM training_classes c WHERE c.id = class_id));
--> statement-breakpoint
CREATE POLICY training_signups_insert ON training_signups FOR INSERT TO dangjian_app
  WITH CHECK (app_in_scope(region_code) AND EXISTS (SELECT 1 FROM training_classes c WHERE c.id = class_id));
--> statement-breakpoint
CREATE POLICY training_signups_update ON training_signups FOR UPDATE TO dangjian_app
  USING (EXISTS (SELECT 1 FROM training_classes c WHERE c.id = class_id))
  WITH CHECK (EXISTS (SELECT 1 FROM training_classes c WHERE c.id = class_id));
