ALTER TABLE "mail_attachments" ALTER COLUMN "document_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_attachments" ADD COLUMN "content" "bytea";--> statement-breakpoint
ALTER TABLE "mail_attachments" ADD CONSTRAINT "mail_attachments_one_source" CHECK (("mail_attachments"."document_id" is null) <> ("mail_attachments"."content" is null));