ALTER TABLE "policy_sets" ADD COLUMN "kind" varchar(16) DEFAULT 'local' NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_sets" ADD COLUMN "notice_id" varchar(3);--> statement-breakpoint
ALTER TABLE "policy_sets" ADD CONSTRAINT "policy_sets_kind_check" CHECK ("kind" IN ('local', 'adopted') AND ("kind" = 'local' OR "notice_id" IS NOT NULL));
--> statement-breakpoint
-- Each rectification quota group has its own rounding now: a stored set that rounded all three
-- the same way keeps that for each group.
UPDATE "policy_sets" SET "parameters" = ("parameters" - 'rectQuotaRounding')
  || jsonb_build_object(
    'rectQuotaVillageRounding', "parameters"->'rectQuotaRounding',
    'rectQuotaCommunityRounding', "parameters"->'rectQuotaRounding',
    'rectQuotaOtherRounding', "parameters"->'rectQuotaRounding')
  WHERE "parameters" ? 'rectQuotaRounding';
