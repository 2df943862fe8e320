import {
  customFieldsOf,
  defaultSignature,
  legalMentions,
  type RenderedTemplate,
  renderTemplate,
  type TemplateScope,
} from '../templates/template-engine';

/**
 * The default reminder templates, French and English, one per step of the Standard scenario and
 * a generic one per step kind (DUN-2, issue 4 point 5). They are Liquid, rendered by the sandboxed
 * engine of `templates/template-engine.ts`; an organization or a company may store its own
 * version of each (TPL-1, `templates/`), which `renderReminderTemplate` takes with a `TemplateSet`.
 */

export const TEMPLATE_LANGUAGES = ['fr', 'en'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export interface ReminderTemplate {
  subject: string;
  text: string;
  /** `null` or absent: the HTML part is made from the text. */
  html?: string | null;
}

/**
 * What the caller knows of a reminder; `completeScope` fills the rest of the catalogue (TPL-2:
 * `contracts/templates.ts`). Amounts are cents, dates `YYYY-MM-DD`: the filters format them.
 */
export interface ReminderContext {
  company: { name: string; currency: string; signature?: string };
  customer: {
    account: string;
    name: string;
    contactName?: string | null;
    email?: string | null;
    customFields?: Record<string, string>;
  };
  reminder: {
    level: string | null;
    total: number;
    itemCount: number;
    kind?: string;
    portalLink?: string | null;
  };
  items: {
    piece: string;
    documentDate: string;
    dueDate: string;
    amount: number;
    daysLate: number;
    /** TPL-3: the amount in the item's own currency, when it is not the company's. */
    originalAmount?: number | null;
    originalCurrency?: string | null;
  }[];
  /** Who the reminder is from (DUN-11); absent: the company's accounts receivable. */
  sender?: { name: string; email: string | null };
  today: string;
}

const ITEMS_FR = `{% for item in items %}- {{ item.piece }} du {{ item.documentDate | date_fr }}, échéance {{ item.dueDate | date_fr }} : {{ item.amount | money }}{% if item.daysLate > 0 %} ({{ item.daysLate }} jours de retard){% endif %}
{% endfor %}Total : {{ reminder.total | money }}`;
const ITEMS_EN = `{% for item in items %}- {{ item.piece }} of {{ item.documentDate }}, due {{ item.dueDate }}: {{ item.amount | money }}{% if item.daysLate > 0 %} ({{ item.daysLate }} days late){% endif %}
{% endfor %}Total: {{ reminder.total | money }}`;
const SIGN_FR = `\n\nCordialement,\nLe service comptabilité clients de {{ company.name }}`;
const SIGN_EN = `\n\nKind regards,\nAccounts receivable, {{ company.name }}`;

const NOTICE: Record<TemplateLanguage, ReminderTemplate> = {
  fr: {
    subject: '{{ company.name }} : échéances à venir',
    text: `Bonjour,\n\nPour rappel, les factures suivantes arrivent à échéance prochainement :\n\n${ITEMS_FR}\n\nSi le règlement est déjà parti, merci de ne pas tenir compte de ce message.${SIGN_FR}`,
  },
  en: {
    subject: '{{ company.name }}: invoices falling due soon',
    text: `Hello,\n\nA friendly reminder that the following invoices fall due soon:\n\n${ITEMS_EN}\n\nIf the payment is already on its way, please disregard this message.${SIGN_EN}`,
  },
};

const FIRST: Record<TemplateLanguage, ReminderTemplate> = {
  fr: {
    subject: '{{ company.name }} : factures échues, compte {{ customer.account }}',
    text: `Bonjour,\n\nSauf erreur de notre part, les factures suivantes restent impayées à ce jour :\n\n${ITEMS_FR}\n\nNous vous remercions de bien vouloir procéder à leur règlement. Si celui-ci est en cours, merci de ne pas tenir compte de ce message.${SIGN_FR}`,
  },
  en: {
    subject: '{{ company.name }}: overdue invoices, account {{ customer.account }}',
    text: `Hello,\n\nUnless we are mistaken, the following invoices are still unpaid:\n\n${ITEMS_EN}\n\nWe would be grateful if you could settle them. If the payment is on its way, please disregard this message.${SIGN_EN}`,
  },
};

const SECOND: Record<TemplateLanguage, ReminderTemplate> = {
  fr: {
    subject: '{{ company.name }} : deuxième relance, compte {{ customer.account }}',
    text: `Bonjour,\n\nMalgré notre précédente relance, les factures suivantes restent impayées :\n\n${ITEMS_FR}\n\nMerci de procéder à leur règlement sous huit jours, ou de nous indiquer ce qui le retient.${SIGN_FR}`,
  },
  en: {
    subject: '{{ company.name }}: second reminder, account {{ customer.account }}',
    text: `Hello,\n\nDespite our previous reminder, the following invoices are still unpaid:\n\n${ITEMS_EN}\n\nPlease settle them within eight days, or let us know what is holding the payment.${SIGN_EN}`,
  },
};

const FORMAL: Record<TemplateLanguage, ReminderTemplate> = {
  fr: {
    subject: 'Mise en demeure de payer, compte {{ customer.account }}',
    text: `Madame, Monsieur,\n\nMalgré nos relances, les sommes suivantes restent dues à {{ company.name }} :\n\n${ITEMS_FR}\n\nPar la présente, nous vous mettons en demeure de régler cette somme sous huit jours. À défaut, nous engagerons une procédure de recouvrement. Des pénalités de retard et une indemnité forfaitaire de 40 € pour frais de recouvrement par facture sont exigibles (articles L441-10 et D441-5 du Code de commerce).${SIGN_FR}`,
  },
  en: {
    subject: 'Formal notice to pay, account {{ customer.account }}',
    text: `Dear Sir or Madam,\n\nDespite our reminders, the following sums are still owed to {{ company.name }}:\n\n${ITEMS_EN}\n\nWe hereby formally request payment of this sum within eight days, failing which we will start recovery proceedings. Late-payment penalties and a fixed recovery fee of €40 per invoice are due (French Commercial Code, articles L441-10 and D441-5).${SIGN_EN}`,
  },
};

const THANKS: Record<TemplateLanguage, ReminderTemplate> = {
  fr: {
    subject: '{{ company.name }} : merci pour votre règlement',
    text: `Bonjour,\n\nNous avons bien reçu votre règlement des factures suivantes et vous en remercions :\n\n${ITEMS_FR}${SIGN_FR}`,
  },
  en: {
    subject: '{{ company.name }}: thank you for your payment',
    text: `Hello,\n\nWe have received your payment of the following invoices, thank you:\n\n${ITEMS_EN}${SIGN_EN}`,
  },
};

/** The built-in templates by id; the Standard scenario names them. */
export const DEFAULT_TEMPLATES: Readonly<Record<string, Record<TemplateLanguage, ReminderTemplate>>> = {
  'standard-notice': NOTICE,
  'standard-r1': FIRST,
  'standard-r2': SECOND,
  'standard-r3': SECOND,
  'standard-formal-notice': FORMAL,
  'standard-thank-you': THANKS,
  'standard-r1-letter': FIRST,
  'standard-r2-letter': SECOND,
};

/** The template of a step without one of its own: by kind, the reminder one after R1. */
export function fallbackTemplateId(kind: string, level: string | null): string {
  if (kind === 'notice') return 'standard-notice';
  if (kind === 'thankYou') return 'standard-thank-you';
  return level === 'R1' ? 'standard-r1' : 'standard-r2';
}

/** A stored version of a template (TPL-1): the organization's or one company's. */
export interface StoredTemplate {
  templateId: string;
  language: string;
  name: string;
  subject: string;
  text: string;
  html: string | null;
  /** `null`: the organization's; else the company's. */
  companyId: string | null;
  updatedAt?: Date | null;
}

/**
 * What a company's reminders are written with (TPL-1): the stored versions that apply to it
 * (its own before the organization's) and the organization's default language. `loadTemplateSet`
 * (modules/templates) reads it; no set means the built-in templates only.
 */
export interface TemplateSet {
  defaultLanguage: string;
  /** By `templateId:language`, the company's version when it has one, else the organization's. */
  stored: ReadonlyMap<string, StoredTemplate>;
}

/** A template picked for a reminder: its language and sources. */
export interface ResolvedTemplate {
  templateId: string;
  language: string;
  name: string;
  subject: string;
  text: string;
  html: string | null;
  source: 'builtIn' | 'organization' | 'company';
}

const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  anglais: 'en',
  french: 'fr',
  francais: 'fr',
  français: 'fr',
  german: 'de',
  allemand: 'de',
  deutsch: 'de',
  spanish: 'es',
  espagnol: 'es',
  italian: 'it',
  italien: 'it',
};

/**
 * A customer's language as a template language code: `en-GB` → `en`, `English` → `en`;
 * `null` when it says nothing usable.
 * @example normalizeLanguage('EN_us') // "en"
 */
export function normalizeLanguage(language: string | null | undefined): string | null {
  const text = language?.trim().toLowerCase();
  if (!text) return null;
  const named = LANGUAGE_NAMES[text];
  if (named) return named;
  return /^([a-z]{2,3})(?:[-_]|$)/.exec(text)?.[1] ?? null;
}

/** The built-in names of the templates, shown in the editor's list. */
export const DEFAULT_TEMPLATE_NAMES: Readonly<Record<string, Record<TemplateLanguage, string>>> = {
  'standard-notice': { fr: 'Préavis', en: 'Notice' },
  'standard-r1': { fr: 'Relance 1', en: 'Reminder 1' },
  'standard-r2': { fr: 'Relance 2', en: 'Reminder 2' },
  'standard-r3': { fr: 'Relance 3', en: 'Reminder 3' },
  'standard-formal-notice': { fr: 'Mise en demeure', en: 'Formal notice' },
  'standard-thank-you': { fr: 'Remerciement', en: 'Thank you' },
  'standard-r1-letter': { fr: 'Relance 1 (courrier)', en: 'Reminder 1 (letter)' },
  'standard-r2-letter': { fr: 'Relance 2 (courrier)', en: 'Reminder 2 (letter)' },
};

/** The built-in version of a template in a language, or `null` when none is shipped. */
export function builtInTemplate(templateId: string, language: string): ResolvedTemplate | null {
  const template = DEFAULT_TEMPLATES[templateId]?.[language as TemplateLanguage];
  if (!template) return null;
  return {
    templateId,
    language,
    name: DEFAULT_TEMPLATE_NAMES[templateId]?.[language as TemplateLanguage] ?? templateId,
    subject: template.subject,
    text: template.text,
    html: template.html ?? null,
    source: 'builtIn',
  };
}

/** The version of a template in exactly this language: stored, else built-in, else `null`. */
export function templateIn(
  set: TemplateSet | undefined,
  templateId: string,
  language: string,
): ResolvedTemplate | null {
  const stored = set?.stored.get(`${templateId}:${language}`);
  if (stored)
    return {
      templateId,
      language,
      name: stored.name,
      subject: stored.subject,
      text: stored.text,
      html: stored.html,
      source: stored.companyId ? 'company' : 'organization',
    };
  return builtInTemplate(templateId, language);
}

/**
 * The template a customer gets (TPL-1): in the customer's language when there is a version in
 * it, else in the organization's default language, else in French.
 * @example resolveTemplate(set, 'standard-r1', 'de-DE')?.language // "de" once an admin added German
 */
export function resolveTemplate(
  set: TemplateSet | undefined,
  templateId: string,
  customerLanguage: string | null | undefined,
): ResolvedTemplate | null {
  const chain = [normalizeLanguage(customerLanguage), set?.defaultLanguage ?? null, 'fr'];
  for (const language of chain) {
    if (!language) continue;
    const found = templateIn(set, templateId, language);
    if (found) return found;
  }
  return null;
}

/** The whole catalogue (TPL-2) from what the caller knows; the rest is computed or empty. */
export function completeScope(context: ReminderContext, language: string): TemplateScope {
  const items = context.items.map((i) => ({
    piece: i.piece,
    documentDate: i.documentDate,
    dueDate: i.dueDate,
    amount: i.amount,
    daysLate: i.daysLate,
    originalAmount:
      i.originalCurrency && i.originalCurrency !== context.company.currency
        ? (i.originalAmount ?? null)
        : null,
    originalCurrency:
      i.originalCurrency && i.originalCurrency !== context.company.currency ? i.originalCurrency : null,
  }));
  const dueDates = items.map((i) => i.dueDate).sort();
  return {
    customer: {
      name: context.customer.name,
      account: context.customer.account,
      contactName: context.customer.contactName ?? null,
      email: context.customer.email ?? null,
      customFields: customFieldsOf(context.customer.customFields ?? {}),
    },
    company: {
      name: context.company.name,
      currency: context.company.currency,
      signature: context.company.signature ?? defaultSignature(language, context.company.name),
      legalMentions: legalMentions(language),
    },
    reminder: {
      level: context.reminder.level,
      kind: context.reminder.kind ?? 'reminder',
      total: context.reminder.total,
      overdueTotal: items.reduce((sum, i) => sum + (i.daysLate > 0 ? i.amount : 0), 0),
      itemCount: context.reminder.itemCount,
      oldestDueDate: dueDates[0] ?? null,
      maxDaysLate: items.reduce((max, i) => Math.max(max, i.daysLate), 0),
      portalLink: context.reminder.portalLink ?? null,
    },
    items,
    sender: context.sender ?? { name: defaultSignature(language, context.company.name), email: null },
    today: context.today,
  };
}

/**
 * Renders a template for a reminder, in `language` or the first of the organization's default
 * language and French that has a version (TPL-1); with a `set`, the organization's and the
 * company's versions come before the built-in ones. An unknown template id throws: the caller
 * marks the reminder failed with that message.
 * @example renderReminderTemplate('standard-r1', 'fr', context).subject // "ACME : factures échues, compte 411DUP"
 */
export function renderReminderTemplate(
  templateId: string,
  language: string,
  context: ReminderContext,
  set?: TemplateSet,
): RenderedReminder {
  const template = resolveTemplate(set, templateId, language);
  if (!template) throw new Error(`no template ${templateId}`);
  const rendered = renderTemplate(template, template.language, completeScope(context, template.language));
  return { ...rendered, language: template.language };
}

/** A reminder's email: subject, text and HTML parts, and the language it is written in. */
export interface RenderedReminder extends RenderedTemplate {
  language: string;
}

/** The customer's language for templates: French unless it says English. */
export function templateLanguage(language: string | null | undefined): TemplateLanguage {
  return language?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}
