ALTER TABLE "training_classes" ADD COLUMN "start_time" time DEFAULT '08:30' NOT NULL;--> statement-breakpoint
ALTER TABLE "training_classes" ADD COLUMN "end_time" time DEFAULT '17:30' NOT NULL;--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_times" CHECK ("training_classes"."end_time" > "training_classes"."start_time");