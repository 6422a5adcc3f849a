ALTER TABLE "training_classes" ADD COLUMN "waitlisted_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written: the counter starts as the waiting lists stand (the signups table stays the record).
UPDATE "training_classes" c SET "waitlisted_count" = w.n
FROM (SELECT "class_id", count(*)::int AS n FROM "training_signups" WHERE "status" = 'waitlisted' GROUP BY "class_id") w
WHERE w."class_id" = c."id";--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_waitlist" CHECK ("training_classes"."waitlisted_count" >= 0 AND ("training_classes"."waitlisted_count" = 0 OR "training_classes"."confirmed_count" = "training_classes"."capacity"));