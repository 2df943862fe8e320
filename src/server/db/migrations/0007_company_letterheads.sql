CREATE TABLE "company_letterheads" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"address" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"phone" text,
	"email" text,
	"place" text,
	"signatory_name" text,
	"signatory_title" text,
	"legal_form" text,
	"share_capital" bigint,
	"siren" text,
	"rcs_city" text,
	"vat_number" text,
	"logo" "bytea",
	"logo_type" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_letterheads_org_id_company_id_pk" PRIMARY KEY("org_id","company_id")
);
--> statement-breakpoint
ALTER TABLE "company_letterheads" ADD CONSTRAINT "company_letterheads_org_id_company_id_companies_org_id_id_fk" FOREIGN KEY ("org_id","company_id") REFERENCES "public"."companies"("org_id","id") ON DELETE cascade ON UPDATE no action;