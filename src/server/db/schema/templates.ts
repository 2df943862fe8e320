import { foreignKey, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { orgId } from './columns';
import { companies } from './companies';

/**
 * An organization's own version of a reminder template (TPL-1, docs/adr/0005): one per template
 * id and language, for the whole organization (`company_id` null) or for one of its companies.
 * The built-in templates are the default; a missing row means "the default", so restoring the
 * default deletes the row. Subject and bodies are Liquid, validated before they are saved
 * (TPL-2).
 */
export const reminderTemplates = pgTable(
  'reminder_templates',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    /** `null`: every company of the organization; else this company only, before the organization's. */
    companyId: uuid('company_id'),
    /** The id a scenario step names (`standard-r1`…). */
    templateId: text('template_id').notNull(),
    /** A lower-case language code (`fr`, `en`, `de`…). */
    language: text('language').notNull(),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    /** `null`: the HTML part is made from the text. */
    htmlBody: text('html_body'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // One version per scope, template and language; `null` (the organization) counts as one scope.
    unique('reminder_templates_scope_key')
      .on(t.orgId, t.templateId, t.language, t.companyId)
      .nullsNotDistinct(),
    // A company's versions go with it; the organization's (`company_id` null) are not checked.
    foreignKey({ columns: [t.orgId, t.companyId], foreignColumns: [companies.orgId, companies.id] }).onDelete(
      'cascade',
    ),
  ],
);
