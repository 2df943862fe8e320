import { and, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { reminderTemplates } from '../../db/schema';
import type { StoredTemplate, TemplateSet } from '../dunning/reminder-templates';
import { getOrganizationSettings } from '../organizations/organization-settings';

/**
 * The stored versions that apply to a scope (TPL-1): with a company, its own versions before the
 * organization's; without, the organization's only.
 */
export async function findStoredTemplates(
  db: Db,
  orgId: string,
  companyId: string | null,
): Promise<StoredTemplate[]> {
  const rows = await db
    .select({
      templateId: reminderTemplates.templateId,
      language: reminderTemplates.language,
      name: reminderTemplates.name,
      subject: reminderTemplates.subject,
      text: reminderTemplates.textBody,
      html: reminderTemplates.htmlBody,
      companyId: reminderTemplates.companyId,
      updatedAt: reminderTemplates.updatedAt,
    })
    .from(reminderTemplates)
    .where(
      and(
        eq(reminderTemplates.orgId, orgId),
        companyId
          ? or(isNull(reminderTemplates.companyId), eq(reminderTemplates.companyId, companyId))
          : isNull(reminderTemplates.companyId),
      ),
    );
  return rows;
}

/** A set from stored versions: a company's version hides the organization's of the same key. */
export function toTemplateSet(stored: readonly StoredTemplate[], defaultLanguage: string): TemplateSet {
  const byKey = new Map<string, StoredTemplate>();
  for (const row of stored) {
    const key = `${row.templateId}:${row.language}`;
    if (!byKey.get(key)?.companyId) byKey.set(key, row);
  }
  return { defaultLanguage, stored: byKey };
}

/**
 * What a company's reminders are written with (TPL-1): its versions, the organization's, the
 * organization's default language; `renderReminderTemplate(id, language, context, set)` takes it.
 * Load it once per run or send, not per reminder.
 * @example const set = await loadTemplateSet(db, orgId, companyId);
 */
export async function loadTemplateSet(db: Db, orgId: string, companyId: string): Promise<TemplateSet> {
  const settings = await getOrganizationSettings(db, orgId);
  return toTemplateSet(await findStoredTemplates(db, orgId, companyId), settings.templateLanguage);
}
