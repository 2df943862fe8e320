CREATE TABLE "invoice_document_pieces" (
	"org_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"piece_ref" text NOT NULL,
	"document_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_document_pieces_org_id_company_id_piece_ref_pk" PRIMARY KEY("org_id","company_id","piece_ref")
);
--> statement-breakpoint
CREATE TABLE "invoice_documents" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_documents_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "mail_attachments" (
	"org_id" uuid NOT NULL,
	"mail_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"document_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	CONSTRAINT "mail_attachments_org_id_mail_id_ordinal_pk" PRIMARY KEY("org_id","mail_id","ordinal")
);
--> statement-breakpoint
CREATE INDEX "invoice_document_pieces_document_idx" ON "invoice_document_pieces" USING btree ("org_id","document_id");--> statement-breakpoint
CREATE INDEX "invoice_documents_company_idx" ON "invoice_documents" USING btree ("org_id","company_id");--> statement-breakpoint
CREATE INDEX "mail_attachments_document_idx" ON "mail_attachments" USING btree ("org_id","document_id");