ALTER TABLE "reminders" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "reminders_retry_idx" ON "reminders" USING btree ("next_attempt_at") WHERE status = 'deferred';--> statement-breakpoint
CREATE INDEX "reminders_message_idx" ON "reminders" USING btree ("message_id");