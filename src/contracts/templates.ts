import { z } from 'zod';

/**
 * Reminder templates over HTTP (TPL-1…TPL-3), and the one variable catalogue: the editor shows
 * it, the server validates every template against it before saving (TPL-2) and fills it when it
 * renders.
 */

export const TEMPLATE_VARIABLE_TYPES = ['text', 'amount', 'date', 'number', 'list', 'map'] as const;
export type TemplateVariableType = (typeof TEMPLATE_VARIABLE_TYPES)[number];

export interface TemplateVariable {
  /** `items[].piece`: a field of each element of the list `items` (use it as `item.piece` in a loop). */
  path: string;
  type: TemplateVariableType;
  fr: string;
  en: string;
}

/** TPL-2: every variable a template may use. Amounts are cents (`money` formats them), dates `YYYY-MM-DD`. */
export const TEMPLATE_VARIABLES: readonly TemplateVariable[] = [
  { path: 'customer.name', type: 'text', fr: 'Nom du client', en: "Customer's name" },
  { path: 'customer.account', type: 'text', fr: 'Code (compte) du client', en: "Customer's code (account)" },
  { path: 'customer.contactName', type: 'text', fr: 'Nom du contact', en: "Contact's name" },
  { path: 'customer.email', type: 'text', fr: 'Adresse e-mail du client', en: "Customer's email address" },
  {
    path: 'customer.customFields',
    type: 'map',
    fr: 'Champs personnalisés du client (customer.customFields.nom)',
    en: "Customer's custom fields (customer.customFields.name)",
  },
  { path: 'company.name', type: 'text', fr: 'Nom de la société', en: 'Company name' },
  { path: 'company.currency', type: 'text', fr: 'Devise de la société', en: "Company's currency" },
  { path: 'company.signature', type: 'text', fr: 'Signature de la société', en: "Company's signature" },
  {
    path: 'company.legalMentions',
    type: 'text',
    fr: 'Mentions légales : pénalités de retard et indemnité de 40 €',
    en: 'Legal mentions: late-payment penalties and the €40 indemnity',
  },
  { path: 'reminder.level', type: 'text', fr: 'Niveau de relance (R1, R2…)', en: 'Reminder level (R1, R2…)' },
  {
    path: 'reminder.kind',
    type: 'text',
    fr: 'Type : notice, reminder, thankYou',
    en: 'Kind: notice, reminder, thankYou',
  },
  { path: 'reminder.total', type: 'amount', fr: 'Total dû de la relance', en: 'Total due in the reminder' },
  { path: 'reminder.overdueTotal', type: 'amount', fr: 'Total échu', en: 'Total overdue' },
  { path: 'reminder.itemCount', type: 'number', fr: 'Nombre de pièces', en: 'Number of items' },
  { path: 'reminder.oldestDueDate', type: 'date', fr: 'Plus ancienne échéance', en: 'Oldest due date' },
  { path: 'reminder.maxDaysLate', type: 'number', fr: 'Plus grand retard (jours)', en: 'Most days late' },
  {
    path: 'reminder.portalLink',
    type: 'text',
    fr: 'Lien vers le portail client',
    en: 'Customer portal link',
  },
  { path: 'items', type: 'list', fr: 'Pièces de la relance', en: 'Items in the reminder' },
  { path: 'items[].piece', type: 'text', fr: 'Numéro de pièce', en: 'Piece reference' },
  { path: 'items[].documentDate', type: 'date', fr: 'Date de la pièce', en: 'Document date' },
  { path: 'items[].dueDate', type: 'date', fr: "Date d'échéance", en: 'Due date' },
  { path: 'items[].amount', type: 'amount', fr: 'Montant restant dû', en: 'Open amount' },
  { path: 'items[].daysLate', type: 'number', fr: 'Jours de retard', en: 'Days late' },
  {
    path: 'items[].originalAmount',
    type: 'amount',
    fr: 'Montant en devise d’origine (vide si même devise)',
    en: 'Amount in the original currency (empty if the same)',
  },
  {
    path: 'items[].originalCurrency',
    type: 'text',
    fr: 'Devise d’origine (vide si même devise)',
    en: 'Original currency (empty if the same)',
  },
  { path: 'sender.name', type: 'text', fr: "Nom de l'expéditeur", en: "Sender's name" },
  { path: 'sender.email', type: 'text', fr: "E-mail de l'expéditeur", en: "Sender's email" },
  { path: 'today', type: 'date', fr: 'Date du jour', en: "Today's date" },
];

/** Filters of our own, besides Liquid's standard ones (`upcase`, `default`, `date`…). */
export const TEMPLATE_FILTERS = [
  {
    name: 'money',
    fr: 'Montant : {{ x | money }} ou {{ x | money: "USD" }}',
    en: 'Amount: {{ x | money }} or {{ x | money: "USD" }}',
  },
  {
    name: 'short_date',
    fr: 'Date courte dans la langue du modèle',
    en: "Short date in the template's language",
  },
  { name: 'date_fr', fr: 'Date JJ/MM/AAAA', en: 'Date DD/MM/YYYY' },
] as const;

/** The built-in template ids: the scenario steps name them (DUN-3). */
export const TEMPLATE_IDS = [
  'standard-notice',
  'standard-r1',
  'standard-r2',
  'standard-r3',
  'standard-formal-notice',
  'standard-thank-you',
  'standard-r1-letter',
  'standard-r2-letter',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const SHIPPED_LANGUAGES = ['fr', 'en'] as const;

export const templateLanguageSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'a language is a two- or three-letter lower-case code, e.g. de');

export const TEMPLATE_SOURCES = ['builtIn', 'organization', 'company'] as const;
export type TemplateSource = (typeof TEMPLATE_SOURCES)[number];

/** Liquid sources of a template. `html: null`: the HTML part is made from the text. */
export const templateContentSchema = z.object({
  name: z.string().trim().min(1).max(200),
  subject: z.string().min(1).max(1000),
  text: z.string().min(1).max(100_000),
  html: z.string().max(200_000).nullable(),
});
export type TemplateContent = z.infer<typeof templateContentSchema>;

export const templateScopeQuerySchema = z.object({
  /** Absent: the organization's versions; else this company's, before the organization's. */
  companyId: z.uuid().optional(),
});

export const templateParamsSchema = z.object({
  templateId: z.enum(TEMPLATE_IDS),
  language: templateLanguageSchema,
});

export const templateSchema = templateContentSchema.extend({
  templateId: z.enum(TEMPLATE_IDS),
  language: templateLanguageSchema,
  /** Where this version comes from; a company sees the organization's when it has none. */
  source: z.enum(TEMPLATE_SOURCES),
  updatedAt: z.string().nullable(),
});
export type TemplateDto = z.infer<typeof templateSchema>;

export const templateListSchema = z.object({
  languages: z.array(templateLanguageSchema),
  defaultLanguage: templateLanguageSchema,
  templates: z.array(templateSchema.omit({ subject: true, text: true, html: true })),
});
export type TemplateList = z.infer<typeof templateListSchema>;

/** Where a refused template is wrong (TPL-2): the part, line and column (from 1), and the name. */
export const templateProblemSchema = z.object({
  part: z.enum(['subject', 'text', 'html']),
  kind: z.enum(['unknownVariable', 'unknownFilter', 'forbiddenTag', 'syntax', 'limit']),
  name: z.string().nullable(),
  line: z.number().int(),
  column: z.number().int(),
  message: z.string(),
});
export type TemplateProblem = z.infer<typeof templateProblemSchema>;

export const addLanguageBodySchema = z.object({
  from: templateLanguageSchema,
  to: templateLanguageSchema,
});

export const templatePreviewBodySchema = z.object({
  companyId: z.uuid(),
  customerId: z.uuid(),
  templateId: z.enum(TEMPLATE_IDS),
  /** Absent: the customer's language, else the organization's default, else French (TPL-1). */
  language: templateLanguageSchema.optional(),
  /** The editor's unsaved text; absent: the saved (or built-in) template. */
  draft: templateContentSchema.omit({ name: true }).optional(),
});

export const templatePreviewSchema = z.object({
  language: templateLanguageSchema,
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  customer: z.object({ id: z.string(), account: z.string(), name: z.string() }),
  itemCount: z.number().int(),
});
export type TemplatePreview = z.infer<typeof templatePreviewSchema>;

export const TEMPLATE_EXPORT_FORMAT = 'encours-reminder-templates';

/** The JSON file of export and import (TPL-1): the versions of one scope, nothing else. */
export const templateExportSchema = z.object({
  format: z.literal(TEMPLATE_EXPORT_FORMAT),
  version: z.literal(1),
  templates: z
    .array(
      templateContentSchema.extend({ templateId: z.enum(TEMPLATE_IDS), language: templateLanguageSchema }),
    )
    .max(1000),
});
export type TemplateExport = z.infer<typeof templateExportSchema>;

export const templateImportResultSchema = z.object({ imported: z.number().int() });
