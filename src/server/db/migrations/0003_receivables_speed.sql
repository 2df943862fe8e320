-- Trigram index for the customer search (a trusted extension: no superuser needed).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "owner_monthly_flows" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"sales_rep" text NOT NULL,
	"collector" text NOT NULL,
	"month" date NOT NULL,
	"invoiced" bigint NOT NULL,
	"credited" bigint NOT NULL,
	"collected" bigint NOT NULL,
	"net" bigint NOT NULL,
	CONSTRAINT "owner_monthly_flows_org_id_company_id_sales_rep_collector_month_pk" PRIMARY KEY("org_id","company_id","sales_rep","collector","month")
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "search_text" text GENERATED ALWAYS AS (name || chr(31) || account) STORED;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "group_key_external" text GENERATED ALWAYS AS (nullif(translate(btrim(regexp_replace(external_id, '[\t\n\v\f\r \u00a0]+', ' ', 'g'), ' '), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), '')) STORED;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "group_key_registration" text GENERATED ALWAYS AS (case when regexp_replace(translate(registration_number, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), '[^A-Z0-9]+', '', 'g') = '' then null
    when regexp_replace(translate(registration_number, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), '[^A-Z0-9]+', '', 'g') ~ '^[0-9]{9}$' then regexp_replace(translate(registration_number, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), '[^A-Z0-9]+', '', 'g')
    when regexp_replace(translate(registration_number, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), '[^A-Z0-9]+', '', 'g') ~ '^[0-9]{14}$' then left(regexp_replace(translate(registration_number, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), '[^A-Z0-9]+', '', 'g'), 9)
    when regexp_replace(translate(registration_number, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), '[^A-Z0-9]+', '', 'g') ~ '^FR[0-9A-Z]{2}[0-9]{9}$' then substr(regexp_replace(translate(registration_number, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), '[^A-Z0-9]+', '', 'g'), 5)
    else regexp_replace(translate(registration_number, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), '[^A-Z0-9]+', '', 'g') end) STORED;--> statement-breakpoint
ALTER TABLE "kpi_snapshots" ADD COLUMN "customers_overdue" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_snapshots" ADD COLUMN "by_owner" jsonb;--> statement-breakpoint
CREATE INDEX "customers_group_external_idx" ON "customers" USING btree ("org_id","group_key_external");--> statement-breakpoint
CREATE INDEX "customers_group_registration_idx" ON "customers" USING btree ("org_id","group_key_registration");--> statement-breakpoint
CREATE INDEX "customers_sales_rep_idx" ON "customers" USING btree ("org_id","sales_rep");--> statement-breakpoint
CREATE INDEX "customers_collector_idx" ON "customers" USING btree ("org_id","collector");--> statement-breakpoint
CREATE INDEX "customers_search_trgm_idx" ON "customers" USING gin ("search_text" gin_trgm_ops) WITH (fastupdate=false);;--> statement-breakpoint
-- The owners' flows of ledgers imported before this migration (later syncs derive them).
INSERT INTO "owner_monthly_flows" ("org_id", "company_id", "sales_rep", "collector", "month", "invoiced", "credited", "collected", "net")
SELECT e.org_id, e.company_id, coalesce(c.sales_rep, ''), coalesce(c.collector, ''), date_trunc('month', e.entry_date)::date,
  coalesce(sum(e.debit) FILTER (WHERE coalesce(co.options->'salesJournals', '[]'::jsonb) ? e.journal_code), 0),
  coalesce(sum(e.credit) FILTER (WHERE coalesce(co.options->'salesJournals', '[]'::jsonb) ? e.journal_code), 0),
  coalesce(sum(e.credit) FILTER (WHERE NOT coalesce(co.options->'salesJournals', '[]'::jsonb) ? e.journal_code
    AND upper(btrim(e.journal_code)) NOT IN ('AN', 'RAN', 'ANO', 'ANX', 'OUV')), 0),
  sum(e.debit - e.credit)
FROM "entries" e
JOIN "customers" c ON c.org_id = e.org_id AND c.company_id = e.company_id AND c.account = e.customer_account
JOIN "companies" co ON co.org_id = e.org_id AND co.id = e.company_id
WHERE e.gone_at IS NULL
GROUP BY 1, 2, 3, 4, 5;
