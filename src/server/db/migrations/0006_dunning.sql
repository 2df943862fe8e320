CREATE TABLE "company_dunning_settings" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"options" jsonb NOT NULL,
	"automation_time" text,
	"time_zone" text DEFAULT 'Europe/Paris' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_dunning_settings_org_id_company_id_pk" PRIMARY KEY("org_id","company_id")
);
--> statement-breakpoint
CREATE TABLE "customer_dunning" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"customer_account" text NOT NULL,
	"profile_id" uuid,
	"stop_reason" text,
	"dispute_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_dunning_org_id_company_id_customer_account_pk" PRIMARY KEY("org_id","company_id","customer_account")
);
--> statement-breakpoint
CREATE TABLE "dunning_actions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"customer_account" text NOT NULL,
	"kind" text NOT NULL,
	"item_keys" jsonb NOT NULL,
	"counts_for_scenario" boolean DEFAULT false NOT NULL,
	"outcome" text,
	"comment" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"user_id" uuid,
	"acted_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dunning_actions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "dunning_profiles" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"scenario" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dunning_profiles_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "dunning_runs" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"day" date NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"report" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "dunning_runs_org_id_company_id_day_pk" PRIMARY KEY("org_id","company_id","day")
);
--> statement-breakpoint
CREATE TABLE "dunning_tasks" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"key" text NOT NULL,
	"customer_account" text NOT NULL,
	"channel" text NOT NULL,
	"level" text,
	"item_keys" jsonb NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"comment" text,
	"done_by" uuid,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dunning_tasks_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "item_dunning" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"entry_key" text collate "C" NOT NULL,
	"level" text DEFAULT 'none' NOT NULL,
	"last_reminder_date" date,
	"stop_reason" text,
	"dispute_reason" text,
	"is_in_collection" boolean DEFAULT false NOT NULL,
	"thanked_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_dunning_org_id_company_id_entry_key_pk" PRIMARY KEY("org_id","company_id","entry_key")
);
--> statement-breakpoint
CREATE TABLE "item_promises" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"entry_key" text collate "C" NOT NULL,
	"amount" bigint NOT NULL,
	"promised_for" date NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_promises_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "letter_batches" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"reminder_ids" jsonb NOT NULL,
	"pdf" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_batches_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "reminder_documents" (
	"org_id" uuid NOT NULL,
	"reminder_id" uuid NOT NULL,
	"pdf" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_documents_org_id_reminder_id_pk" PRIMARY KEY("org_id","reminder_id")
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"key" text NOT NULL,
	"customer_account" text NOT NULL,
	"kind" text NOT NULL,
	"step_index" integer NOT NULL,
	"level" text,
	"channel" text NOT NULL,
	"template_id" text,
	"items" jsonb NOT NULL,
	"total" bigint NOT NULL,
	"currency" text NOT NULL,
	"is_disputed" boolean DEFAULT false NOT NULL,
	"planned_for" date NOT NULL,
	"status" text NOT NULL,
	"actor" text NOT NULL,
	"user_id" uuid,
	"claimed_at" timestamp with time zone,
	"message_id" text,
	"mail_id" uuid,
	"content" jsonb,
	"sent_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminders_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "cc_addresses" text;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "message_id" text;--> statement-breakpoint
CREATE INDEX "dunning_actions_customer_idx" ON "dunning_actions" USING btree ("org_id","company_id","customer_account","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_profiles_name_idx" ON "dunning_profiles" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_profiles_default_idx" ON "dunning_profiles" USING btree ("org_id") WHERE is_default;--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_tasks_key_idx" ON "dunning_tasks" USING btree ("org_id","company_id","key");--> statement-breakpoint
CREATE INDEX "dunning_tasks_open_idx" ON "dunning_tasks" USING btree ("org_id","status","due_date");--> statement-breakpoint
CREATE INDEX "item_promises_item_idx" ON "item_promises" USING btree ("org_id","company_id","entry_key");--> statement-breakpoint
CREATE INDEX "letter_batches_company_idx" ON "letter_batches" USING btree ("org_id","company_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_key_idx" ON "reminders" USING btree ("org_id","company_id","key");--> statement-breakpoint
CREATE INDEX "reminders_status_idx" ON "reminders" USING btree ("org_id","company_id","status");--> statement-breakpoint
CREATE INDEX "reminders_customer_idx" ON "reminders" USING btree ("org_id","company_id","customer_account","created_at");