ALTER TABLE "pay_runs" ADD COLUMN "policy_label" text;--> statement-breakpoint
ALTER TABLE "pay_runs" ADD COLUMN "unpaid" jsonb DEFAULT '[]'::jsonb NOT NULL;