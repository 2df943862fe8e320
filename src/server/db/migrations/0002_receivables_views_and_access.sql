CREATE TABLE "kpi_snapshots" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"day" date NOT NULL,
	"balance" bigint NOT NULL,
	"overdue" bigint NOT NULL,
	"not_due" bigint NOT NULL,
	"buckets" jsonb NOT NULL,
	"customers_with_balance" integer NOT NULL,
	"kpis" jsonb NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_snapshots_org_id_company_id_day_pk" PRIMARY KEY("org_id","company_id","day")
);
--> statement-breakpoint
CREATE TABLE "monthly_flows" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"month" date NOT NULL,
	"invoiced" bigint NOT NULL,
	"credited" bigint NOT NULL,
	"collected" bigint NOT NULL,
	"net" bigint NOT NULL,
	CONSTRAINT "monthly_flows_org_id_company_id_month_pk" PRIMARY KEY("org_id","company_id","month")
);
--> statement-breakpoint
CREATE TABLE "mail_messages" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text,
	"status" text NOT NULL,
	"sent_at" timestamp with time zone,
	"transport_reply" text,
	CONSTRAINT "mail_messages_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "user_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "customer_summaries" ADD COLUMN "max_days_late" integer;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "is_consumer" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "invited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "invited_by" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "kpi_snapshots" ADD CONSTRAINT "kpi_snapshots_org_id_company_id_companies_org_id_id_fk" FOREIGN KEY ("org_id","company_id") REFERENCES "public"."companies"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_messages_created_idx" ON "mail_messages" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "user_tokens_user_idx" ON "user_tokens" USING btree ("org_id","user_id");