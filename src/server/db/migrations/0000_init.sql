CREATE TABLE "column_mappings" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "column_mappings_org_id_company_id_kind_pk" PRIMARY KEY("org_id","company_id","kind")
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"default_terms" text DEFAULT '30 days net' NOT NULL,
	"receivable_prefixes" text[] DEFAULT '{"411","416"}' NOT NULL,
	"freshness_hours" integer DEFAULT 24 NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companies_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "payment_methods" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"is_automatic" boolean DEFAULT false NOT NULL,
	CONSTRAINT "payment_methods_org_id_company_id_code_pk" PRIMARY KEY("org_id","company_id","code")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"org_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"action" text NOT NULL,
	"target" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "audit_log_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"customer_account" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"name" text,
	"email" text,
	"phone" text,
	"role" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_org_id_company_id_customer_account_id_pk" PRIMARY KEY("org_id","company_id","customer_account","id")
);
--> statement-breakpoint
CREATE TABLE "customer_summaries" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"customer_account" text NOT NULL,
	"balance" bigint NOT NULL,
	"overdue" bigint NOT NULL,
	"not_due" bigint NOT NULL,
	"buckets" jsonb NOT NULL,
	"open_item_count" integer NOT NULL,
	"oldest_due_date" date,
	"as_of" date NOT NULL,
	CONSTRAINT "customer_summaries_org_id_company_id_customer_account_pk" PRIMARY KEY("org_id","company_id","customer_account")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"account" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"external_id" text,
	"registration_number" text,
	"sales_rep" text,
	"collector" text,
	"terms" text,
	"sync_email" text,
	"sync_phone" text,
	"sync_address" jsonb,
	"sync_language" text,
	"manual_contact" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_in_source" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_org_id_company_id_account_pk" PRIMARY KEY("org_id","company_id","account")
);
--> statement-breakpoint
CREATE TABLE "entries" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"entry_key" text collate "C" NOT NULL,
	"customer_account" text NOT NULL,
	"journal_code" text NOT NULL,
	"entry_number" text NOT NULL,
	"entry_date" date NOT NULL,
	"account_number" text NOT NULL,
	"piece_ref" text NOT NULL,
	"document_date" date NOT NULL,
	"source_due_date" date,
	"label" text NOT NULL,
	"debit" bigint NOT NULL,
	"credit" bigint NOT NULL,
	"original_amount" bigint,
	"currency" text,
	"payment_method" text,
	"lettering_code" text NOT NULL,
	"lettering_date" date,
	"custom_fields" jsonb,
	"source_line" integer NOT NULL,
	"gone_at" timestamp with time zone,
	"sync_id" uuid NOT NULL,
	CONSTRAINT "entries_org_id_company_id_entry_key_pk" PRIMARY KEY("org_id","company_id","entry_key")
);
--> statement-breakpoint
CREATE TABLE "open_items" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"entry_key" text collate "C" NOT NULL,
	"customer_account" text NOT NULL,
	"amount" bigint NOT NULL,
	"document_date" date NOT NULL,
	"due_date" date NOT NULL,
	"is_partial" boolean NOT NULL,
	CONSTRAINT "open_items_org_id_company_id_entry_key_pk" PRIMARY KEY("org_id","company_id","entry_key")
);
--> statement-breakpoint
CREATE TABLE "syncs" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"user_id" uuid,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"report" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "syncs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"role" text NOT NULL,
	"locale" text DEFAULT 'fr' NOT NULL,
	"portfolio" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "column_mappings" ADD CONSTRAINT "column_mappings_org_id_company_id_companies_org_id_id_fk" FOREIGN KEY ("org_id","company_id") REFERENCES "public"."companies"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_methods" ADD CONSTRAINT "payment_methods_org_id_company_id_companies_org_id_id_fk" FOREIGN KEY ("org_id","company_id") REFERENCES "public"."companies"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_org_id_company_id_companies_org_id_id_fk" FOREIGN KEY ("org_id","company_id") REFERENCES "public"."companies"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_org_id_company_id_companies_org_id_id_fk" FOREIGN KEY ("org_id","company_id") REFERENCES "public"."companies"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "syncs" ADD CONSTRAINT "syncs_org_id_company_id_companies_org_id_id_fk" FOREIGN KEY ("org_id","company_id") REFERENCES "public"."companies"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "companies_code_key" ON "companies" USING btree ("org_id","code");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_summaries_overdue_idx" ON "customer_summaries" USING btree ("org_id","overdue");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_id_key" ON "customers" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "customers" USING btree ("org_id","company_id","name");--> statement-breakpoint
CREATE INDEX "open_items_customer_idx" ON "open_items" USING btree ("org_id","company_id","customer_account","due_date");--> statement-breakpoint
CREATE INDEX "syncs_company_idx" ON "syncs" USING btree ("org_id","company_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));