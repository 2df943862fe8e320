import { Liquid } from 'liquidjs';
import { centsToDecimal } from '../../../domain/money';

/**
 * The default reminder templates, French and English, one per step of the Standard scenario and
 * a generic one per step kind (DUN-2, issue 4 point 5). They are Liquid, rendered by an engine
 * that reads no file and refuses unknown variables and filters; the template editor of the next
 * issue stores the organization's own next to these.
 */

export const TEMPLATE_LANGUAGES = ['fr', 'en'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export interface ReminderTemplate {
  subject: string;
  text: string;
}

/** What a template can use. Amounts are cents, dates `YYYY-MM-DD`: the filters format them. */
export interface ReminderContext {
  company: { name: string; currency: string };
  customer: { account: string; name: string };
  reminder: { level: string | null; total: number; itemCount: number };
  items: { piece: string; documentDate: string; dueDate: string; amount: number; daysLate: number }[];
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

const FORMATS: Record<TemplateLanguage, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

function engineFor(language: TemplateLanguage, currency: string): Liquid {
  // `templates: {}`: includes resolve only among in-memory templates, never the filesystem.
  const engine = new Liquid({
    templates: {},
    strictFilters: true,
    strictVariables: true,
    ownPropertyOnly: true,
  });
  engine.registerFilter('money', (cents: number) => {
    // The exact decimal text goes to Intl (a string, not a float): 1 234,56 EUR.
    // The narrow no-break space Intl puts between thousands is not in the PDF fonts' encoding:
    // a plain no-break space reads the same.
    const text = FORMATS[language]
      .format(centsToDecimal(cents) as unknown as number)
      .replace(/\u202F/g, '\u00A0');
    return `${text}\u00A0${currency === 'EUR' ? '€' : currency}`;
  });
  engine.registerFilter('date_fr', (date: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : date,
  );
  return engine;
}

const ENGINES = new Map<string, Liquid>();

/**
 * Renders a template for a reminder. An unknown template id throws: the caller marks the
 * reminder failed with that message.
 * @example renderReminderTemplate('standard-r1', 'fr', context).subject // "ACME : factures échues, compte 411DUP"
 */
export function renderReminderTemplate(
  templateId: string,
  language: TemplateLanguage,
  context: ReminderContext,
): ReminderTemplate {
  const template = DEFAULT_TEMPLATES[templateId]?.[language];
  if (!template) throw new Error(`no template ${templateId}`);
  const engineKey = `${language}:${context.company.currency}`;
  let engine = ENGINES.get(engineKey);
  if (!engine) {
    engine = engineFor(language, context.company.currency);
    ENGINES.set(engineKey, engine);
  }
  const scope = context as unknown as Record<string, unknown>;
  return {
    subject: engine.parseAndRenderSync(template.subject, scope),
    text: engine.parseAndRenderSync(template.text, scope),
  };
}

/** The customer's language for templates: French unless it says English. */
export function templateLanguage(language: string | null | undefined): TemplateLanguage {
  return language?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}
