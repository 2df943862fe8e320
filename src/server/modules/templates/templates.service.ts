import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  SHIPPED_LANGUAGES,
  TEMPLATE_EXPORT_FORMAT,
  TEMPLATE_IDS,
  type TemplateContent,
  type TemplateDto,
  type TemplateExport,
  type TemplateId,
  type TemplateList,
  type TemplatePreview,
  type TemplateProblem,
} from '../../../contracts/templates';
import type { CalendarDate } from '../../../domain/calendar';
import { daysBetween } from '../../../domain/calendar';
import { type Database, type Db, selectRows } from '../../db/client';
import { companyLetterheads, reminderTemplates } from '../../db/schema';
import { AppError, notFound } from '../../errors/app-error';
import { writeAudit } from '../audit/audit.queries';
import type { AuthContext } from '../auth/auth.service';
import { getCompanyOrThrow } from '../companies/companies.queries';
import { getCustomerRecordRowOrThrow } from '../customer-record/customer-record.queries';
import {
  type ReminderContext,
  type ResolvedTemplate,
  renderReminderTemplate,
  type StoredTemplate,
  type TemplateSet,
  templateIn,
} from '../dunning/reminder-templates';
import { getOrganizationSettings } from '../organizations/organization-settings';
import { validateTemplate } from './template-engine';
import { findStoredTemplates, toTemplateSet } from './template-set';

/**
 * Reminder templates (TPL-1…TPL-3): the organization's and its companies' own versions of the
 * built-in templates, saved only when valid (TPL-2), previewed on a real customer, copied into a
 * new language, exported and imported as JSON. Every function starts from the caller's
 * organization; another organization's company or customer is a 404.
 */

type Caller = Pick<AuthContext, 'orgId' | 'userId' | 'role' | 'portfolio'>;
export interface TemplateScopeInput {
  companyId?: string | undefined;
}

/** The company of the scope, checked to be the caller's (404 otherwise); `null`: the organization. */
async function scopeCompanyId(db: Db, orgId: string, scope: TemplateScopeInput): Promise<string | null> {
  if (!scope.companyId) return null;
  await getCompanyOrThrow(db, orgId, scope.companyId);
  return scope.companyId;
}

async function loadScope(db: Db, orgId: string, scope: TemplateScopeInput) {
  const companyId = await scopeCompanyId(db, orgId, scope);
  const settings = await getOrganizationSettings(db, orgId);
  const stored = await findStoredTemplates(db, orgId, companyId);
  return { companyId, stored, set: toTemplateSet(stored, settings.templateLanguage) };
}

function toDto(template: ResolvedTemplate, stored: readonly StoredTemplate[]): TemplateDto {
  const row = stored.find(
    (s) =>
      s.templateId === template.templateId &&
      s.language === template.language &&
      (template.source === 'company') === (s.companyId !== null),
  );
  return {
    templateId: template.templateId as TemplateId,
    language: template.language,
    name: template.name,
    subject: template.subject,
    text: template.text,
    html: template.html,
    source: template.source,
    updatedAt: row?.updatedAt ? row.updatedAt.toISOString() : null,
  };
}

function languagesOf(set: TemplateSet, stored: readonly StoredTemplate[]): string[] {
  const languages = new Set<string>([...SHIPPED_LANGUAGES, set.defaultLanguage]);
  for (const row of stored) languages.add(row.language);
  return [...languages];
}

/** Every template of the scope in every language it exists in, with where each comes from. */
export async function listTemplates(db: Db, auth: Caller, scope: TemplateScopeInput): Promise<TemplateList> {
  const { stored, set } = await loadScope(db, auth.orgId, scope);
  const languages = languagesOf(set, stored);
  const templates: TemplateList['templates'] = [];
  for (const templateId of TEMPLATE_IDS) {
    for (const language of languages) {
      const template = templateIn(set, templateId, language);
      if (!template) continue;
      const { subject: _s, text: _t, html: _h, ...summary } = toDto(template, stored);
      templates.push(summary);
    }
  }
  return { languages, defaultLanguage: set.defaultLanguage, templates };
}

/** One template of the scope in one language, or 404 when it has no version in it. */
export async function getTemplate(
  db: Db,
  auth: Caller,
  scope: TemplateScopeInput,
  templateId: TemplateId,
  language: string,
): Promise<TemplateDto> {
  const { stored, set } = await loadScope(db, auth.orgId, scope);
  const template = templateIn(set, templateId, language);
  if (!template) throw notFound('template');
  return toDto(template, stored);
}

/** TPL-2: a refused template answers 400 with each part's first problem, position and name. */
function assertValid(
  content: Pick<TemplateContent, 'subject' | 'text' | 'html'>,
  language: string,
  where = '',
) {
  const problems = validateTemplate(content, language);
  if (problems.length === 0) return;
  const message = problems.map((p: TemplateProblem) => `${where}${p.part}: ${p.message}`).join('; ');
  throw new AppError('invalid_input', message, { problems });
}

async function upsertTemplate(
  db: Db,
  orgId: string,
  userId: string,
  companyId: string | null,
  key: { templateId: string; language: string },
  content: TemplateContent,
): Promise<void> {
  const values = {
    name: content.name,
    subject: content.subject,
    textBody: content.text,
    htmlBody: content.html,
    updatedAt: new Date(),
    updatedBy: userId,
  };
  await db
    .insert(reminderTemplates)
    .values({ orgId, companyId, ...key, ...values })
    .onConflictDoUpdate({
      target: [
        reminderTemplates.orgId,
        reminderTemplates.templateId,
        reminderTemplates.language,
        reminderTemplates.companyId,
      ],
      set: values,
    });
}

/** Saves the scope's version of a template after checking it (TPL-2); admins only (the route). */
export async function saveTemplate(
  database: Database,
  auth: Caller,
  scope: TemplateScopeInput,
  templateId: TemplateId,
  language: string,
  content: TemplateContent,
): Promise<TemplateDto> {
  const companyId = await scopeCompanyId(database.db, auth.orgId, scope);
  assertValid(content, language);
  await database.transaction(async (tx) => {
    await upsertTemplate(tx.db, auth.orgId, auth.userId, companyId, { templateId, language }, content);
    await writeAudit(tx.db, {
      orgId: auth.orgId,
      userId: auth.userId,
      action: 'template.save',
      target: `${templateId}:${language}`,
      details: { companyId, ...content },
    });
  });
  return getTemplate(database.db, auth, scope, templateId, language);
}

const scopeWhere = (orgId: string, companyId: string | null) =>
  and(
    eq(reminderTemplates.orgId, orgId),
    companyId ? eq(reminderTemplates.companyId, companyId) : isNull(reminderTemplates.companyId),
  );

/**
 * Restores the default of a template in a language: the scope's version is deleted, so the
 * company falls back to the organization's and the organization to the built-in one.
 */
export async function restoreTemplate(
  database: Database,
  auth: Caller,
  scope: TemplateScopeInput,
  templateId: TemplateId,
  language: string,
): Promise<void> {
  const companyId = await scopeCompanyId(database.db, auth.orgId, scope);
  await database.transaction(async (tx) => {
    const deleted = await tx.db
      .delete(reminderTemplates)
      .where(
        and(
          scopeWhere(auth.orgId, companyId),
          eq(reminderTemplates.templateId, templateId),
          eq(reminderTemplates.language, language),
        ),
      )
      .returning({ id: reminderTemplates.id });
    if (deleted.length === 0) throw notFound('template version');
    await writeAudit(tx.db, {
      orgId: auth.orgId,
      userId: auth.userId,
      action: 'template.restore',
      target: `${templateId}:${language}`,
      details: { companyId },
    });
  });
}

/**
 * Adds a language by copying every template of another one into it (TPL-1); versions already
 * written in the new language are kept. Returns how many were copied.
 */
export async function addLanguage(
  database: Database,
  auth: Caller,
  scope: TemplateScopeInput,
  from: string,
  to: string,
): Promise<{ imported: number }> {
  if (from === to) throw new AppError('invalid_input', 'to: choose another language than the one copied');
  const { companyId, set } = await loadScope(database.db, auth.orgId, scope);
  let copied = 0;
  await database.transaction(async (tx) => {
    for (const templateId of TEMPLATE_IDS) {
      const source = templateIn(set, templateId, from);
      if (!source || set.stored.get(`${templateId}:${to}`)?.companyId === companyId) continue;
      const { name, subject, text, html } = source;
      await upsertTemplate(
        tx.db,
        auth.orgId,
        auth.userId,
        companyId,
        { templateId, language: to },
        {
          name,
          subject,
          text,
          html,
        },
      );
      copied++;
    }
    if (copied === 0) throw new AppError('invalid_input', `from: no template in ${from} to copy`);
    await writeAudit(tx.db, {
      orgId: auth.orgId,
      userId: auth.userId,
      action: 'template.language.add',
      target: to,
      details: { companyId, from, copied },
    });
  });
  return { imported: copied };
}

/** The scope's own versions as a JSON file (TPL-1): what an import elsewhere writes back. */
export async function exportTemplates(
  db: Db,
  auth: Caller,
  scope: TemplateScopeInput,
): Promise<TemplateExport> {
  const companyId = await scopeCompanyId(db, auth.orgId, scope);
  const stored = (await findStoredTemplates(db, auth.orgId, companyId)).filter(
    (s) => s.companyId === companyId,
  );
  stored.sort((a, b) => a.templateId.localeCompare(b.templateId) || a.language.localeCompare(b.language));
  return {
    format: TEMPLATE_EXPORT_FORMAT,
    version: 1,
    templates: stored.map((s) => ({
      templateId: s.templateId as TemplateId,
      language: s.language,
      name: s.name,
      subject: s.subject,
      text: s.text,
      html: s.html,
    })),
  };
}

/**
 * Writes an exported file into the scope, all or nothing: every template is checked first
 * (TPL-2), and one refused template refuses the file, naming it.
 */
export async function importTemplates(
  database: Database,
  auth: Caller,
  scope: TemplateScopeInput,
  file: TemplateExport,
): Promise<{ imported: number }> {
  const companyId = await scopeCompanyId(database.db, auth.orgId, scope);
  const seen = new Set<string>();
  for (const t of file.templates) {
    const key = `${t.templateId}:${t.language}`;
    if (seen.has(key)) throw new AppError('invalid_input', `templates: ${key} appears twice`);
    seen.add(key);
    assertValid(t, t.language, `${key} `);
  }
  await database.transaction(async (tx) => {
    for (const { templateId, language, ...content } of file.templates)
      await upsertTemplate(tx.db, auth.orgId, auth.userId, companyId, { templateId, language }, content);
    await writeAudit(tx.db, {
      orgId: auth.orgId,
      userId: auth.userId,
      action: 'template.import',
      details: { companyId, count: file.templates.length },
    });
  });
  return { imported: file.templates.length };
}

const LEVEL_OF: Record<TemplateId, { kind: string; level: string | null }> = {
  'standard-notice': { kind: 'notice', level: null },
  'standard-r1': { kind: 'reminder', level: 'R1' },
  'standard-r2': { kind: 'reminder', level: 'R2' },
  'standard-r3': { kind: 'reminder', level: 'R3' },
  'standard-formal-notice': { kind: 'reminder', level: 'R4' },
  'standard-thank-you': { kind: 'thankYou', level: null },
  'standard-r1-letter': { kind: 'reminder', level: 'R1' },
  'standard-r2-letter': { kind: 'reminder', level: 'R2' },
};

interface PreviewItemRow {
  piece_ref: string;
  document_date: string;
  due_date: string;
  amount: number;
  original_amount: number | null;
  currency: string | null;
}

/**
 * The email a customer would receive with a template (TPL-1): its real open items — those not
 * yet due for a notice, the overdue ones otherwise (all open debits when none is) — its contact,
 * the company's signatory, and the caller as the sender. `draft` previews unsaved text, checked
 * like a save.
 */
export async function previewTemplate(
  db: Db,
  auth: Caller & Pick<AuthContext, 'name' | 'email'>,
  body: {
    companyId: string;
    customerId: string;
    templateId: TemplateId;
    language?: string | undefined;
    draft?: Pick<TemplateContent, 'subject' | 'text' | 'html'> | undefined;
  },
  today: CalendarDate,
): Promise<TemplatePreview> {
  const { set } = await loadScope(db, auth.orgId, { companyId: body.companyId });
  const customer = await getCustomerRecordRowOrThrow(db, auth, body.customerId);
  if (customer.company_id !== body.companyId) throw notFound('customer');
  const step = LEVEL_OF[body.templateId];
  const rows = await selectRows<PreviewItemRow>(
    db,
    sql`select e.piece_ref, o.document_date::text as document_date, o.due_date::text as due_date,
        o.amount::bigint as amount, e.original_amount::bigint as original_amount, e.currency
      from open_items o
      join entries e on e.org_id = o.org_id and e.company_id = o.company_id and e.entry_key = o.entry_key
      where o.org_id = ${auth.orgId} and o.company_id = ${body.companyId}
        and o.customer_account = ${customer.account} and o.amount > 0
      order by o.due_date, e.piece_ref limit 500`,
  );
  const items = rows.map((r) => ({ ...r, amount: Number(r.amount) }));
  const upcoming = items.filter((i) => i.due_date > today);
  const overdue = items.filter((i) => i.due_date <= today);
  const chosen = (step.kind === 'notice' ? upcoming : overdue).length
    ? step.kind === 'notice'
      ? upcoming
      : overdue
    : items;
  const [extra] = await selectRows<{ custom_fields: Record<string, string>; contact_name: string | null }>(
    db,
    sql`select c.custom_fields,
        coalesce(nullif(c.manual_contact->>'name', ''),
          (select k.name from contacts k where k.org_id = c.org_id and k.company_id = c.company_id
             and k.customer_account = c.account and coalesce(k.name, '') <> ''
           order by k.is_primary desc, k.name limit 1)) as contact_name
      from customers c where c.org_id = ${auth.orgId} and c.id = ${customer.id}`,
  );
  const [letterhead] = await db
    .select({ name: companyLetterheads.signatoryName, title: companyLetterheads.signatoryTitle })
    .from(companyLetterheads)
    .where(and(eq(companyLetterheads.orgId, auth.orgId), eq(companyLetterheads.companyId, body.companyId)));
  const signature = letterhead?.name
    ? [letterhead.name, letterhead.title].filter(Boolean).join('\n')
    : undefined;
  const context: ReminderContext = {
    company: {
      name: customer.company_name,
      currency: customer.currency,
      ...(signature ? { signature } : {}),
    },
    customer: {
      account: customer.account,
      name: customer.name,
      contactName: extra?.contact_name ?? null,
      email: customer.manual_contact.email || customer.sync_email || null,
      customFields: extra?.custom_fields ?? {},
    },
    reminder: {
      level: step.level,
      kind: step.kind,
      total: chosen.reduce((sum, i) => sum + i.amount, 0),
      itemCount: chosen.length,
    },
    items: chosen.map((i) => ({
      piece: i.piece_ref,
      documentDate: i.document_date,
      dueDate: i.due_date,
      amount: i.amount,
      daysLate: Math.max(0, daysBetween(i.due_date, today)),
      originalAmount: i.original_amount === null ? null : Number(i.original_amount),
      originalCurrency: i.currency,
    })),
    sender: { name: auth.name, email: auth.email },
    today,
  };
  const language = body.language ?? customer.manual_contact.language ?? customer.sync_language;
  let previewSet = set;
  if (body.draft) {
    const draftLanguage = body.language ?? set.defaultLanguage;
    assertValid(body.draft, draftLanguage);
    // The draft stands in for the template in the language asked for.
    const draft: StoredTemplate = {
      templateId: body.templateId,
      language: draftLanguage,
      name: 'draft',
      ...body.draft,
      companyId: null,
    };
    previewSet = { ...set, stored: new Map([...set.stored, [`${body.templateId}:${draftLanguage}`, draft]]) };
  }
  const rendered = renderReminderTemplate(
    body.templateId,
    body.draft ? (body.language ?? set.defaultLanguage) : (language ?? ''),
    context,
    previewSet,
  );
  return {
    language: rendered.language,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    customer: { id: customer.id, account: customer.account, name: customer.name },
    itemCount: chosen.length,
  };
}
