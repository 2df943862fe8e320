import { Drop, Liquid, type Template } from 'liquidjs';
import { TEMPLATE_VARIABLES, type TemplateContent, type TemplateProblem } from '../../../contracts/templates';
import { centsToDecimal } from '../../../domain/money';

/**
 * The sandboxed Liquid of reminder templates (TPL-1, TPL-2). No file is ever read: includes,
 * renders and layouts are not tags here, and the engine has no file system (`templates: {}`).
 * No template runs away: the source is at most `PARSE_LIMIT` characters, a render stops after
 * `RENDER_LIMIT_MS` and after allocating `MEMORY_LIMIT` (liquidjs counts strings and arrays,
 * ranges included). Unknown filters and variables are refused when a template is saved, with
 * their line and column, by a static analysis against the one catalogue (`TEMPLATE_VARIABLES`)
 * and a trial render on a sample where every variable has a value.
 */

export const PARSE_LIMIT = 200_000;
export const RENDER_LIMIT_MS = 1_000;
export const MEMORY_LIMIT = 20_000_000;
/** Tags that read other templates: from disk in liquidjs' defaults, nowhere here. */
const FORBIDDEN_TAGS = ['include', 'render', 'layout', 'block'] as const;

/** What every template sees (the catalogue, filled): amounts in cents, dates `YYYY-MM-DD`. */
export interface TemplateScope {
  customer: {
    name: string;
    account: string;
    contactName: string | null;
    email: string | null;
    customFields: Record<string, string>;
  };
  company: { name: string; currency: string; signature: string; legalMentions: string };
  reminder: {
    level: string | null;
    kind: string;
    total: number;
    overdueTotal: number;
    itemCount: number;
    oldestDueDate: string | null;
    maxDaysLate: number;
    portalLink: string | null;
  };
  items: {
    piece: string;
    documentDate: string;
    dueDate: string;
    amount: number;
    daysLate: number;
    originalAmount: number | null;
    originalCurrency: string | null;
  }[];
  sender: { name: string; email: string | null };
  today: string;
}

const LEGAL_MENTIONS: Record<string, string> = {
  fr: 'Tout retard de paiement entraîne des pénalités de retard au taux légal en vigueur et une indemnité forfaitaire de 40 € pour frais de recouvrement par facture (articles L441-10 et D441-5 du Code de commerce).',
  en: 'Any late payment incurs late-payment penalties at the legal rate and a fixed recovery fee of €40 per invoice (French Commercial Code, articles L441-10 and D441-5).',
};
const SIGNATURE: Record<string, (company: string) => string> = {
  fr: (company) => `Le service comptabilité clients de ${company}`,
  en: (company) => `Accounts receivable, ${company}`,
};

/** The legal mentions of TPL-2 in a language (English for a language we do not ship). */
export const legalMentions = (language: string) => LEGAL_MENTIONS[language] ?? LEGAL_MENTIONS.en!;
/** The company's default signature in a language. */
export const defaultSignature = (language: string, company: string) =>
  (SIGNATURE[language] ?? SIGNATURE.en!)(company);

const LOCALES: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' };
const localeOf = (language: string) => LOCALES[language] ?? language;

function createEngine(language: string, currency: string, html: boolean): Liquid {
  const engine = new Liquid({
    templates: {},
    strictFilters: true,
    strictVariables: true,
    ownPropertyOnly: true,
    parseLimit: PARSE_LIMIT,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
    // The HTML part escapes every value: a customer named `<b>` stays text.
    outputEscape: html ? 'escape' : undefined,
  });
  for (const tag of FORBIDDEN_TAGS) delete (engine.tags as Record<string, unknown>)[tag];
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(localeOf(language), {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
  } catch {
    format = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  engine.registerFilter('money', (cents: unknown, code?: unknown) => {
    if (typeof cents !== 'number' || !Number.isSafeInteger(cents)) return '';
    const unit = typeof code === 'string' && code ? code : currency;
    // The exact decimal text goes to Intl (a string, not a float): 1 234,56 EUR. The narrow
    // no-break space Intl puts between thousands is not in the PDF fonts' encoding: a plain
    // no-break space reads the same.
    const text = format.format(centsToDecimal(cents) as unknown as number).replace(/\u202F/g, '\u00A0');
    return `${text}\u00A0${unit === 'EUR' ? '€' : unit}`;
  });
  const isDate = (value: unknown): value is string =>
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  engine.registerFilter('date_fr', (date: unknown) =>
    isDate(date) ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : (date ?? ''),
  );
  let dates: Intl.DateTimeFormat;
  try {
    dates = new Intl.DateTimeFormat(localeOf(language), { timeZone: 'UTC', dateStyle: 'short' });
  } catch {
    dates = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'short' });
  }
  engine.registerFilter('short_date', (date: unknown) =>
    isDate(date) ? dates.format(new Date(`${date}T00:00:00Z`)) : (date ?? ''),
  );
  return engine;
}

const ENGINES = new Map<string, Liquid>();

/** One engine per language, currency and part, made once. */
function engineFor(language: string, currency: string, html = false): Liquid {
  const key = `${language}:${currency}:${html ? 'html' : 'text'}`;
  let engine = ENGINES.get(key);
  if (!engine) {
    engine = createEngine(language, currency, html);
    ENGINES.set(key, engine);
  }
  return engine;
}

/** A catalogue as a tree: `*` any key below (custom fields), `[]` the elements of a list. */
interface PathNode {
  children: Map<string, PathNode>;
}
const CATALOGUE: PathNode = { children: new Map() };
for (const variable of TEMPLATE_VARIABLES) {
  let node = CATALOGUE;
  for (const part of variable.path.replace(/\[\]/g, '.[]').split('.')) {
    let next = node.children.get(part);
    if (!next) {
      next = { children: new Map() };
      node.children.set(part, next);
    }
    node = next;
  }
  if (variable.type === 'map') node.children.set('*', { children: new Map() });
}
/** What Liquid reads on any list. */
const LIST_PROPERTIES = new Set(['size', 'first', 'last']);
const FORLOOP = new Set(['index', 'index0', 'rindex', 'rindex0', 'first', 'last', 'length', 'name']);

type Segment = string | number | { toString(): string };

/** Whether a path is in the catalogue: `null` when it is, else the segment where it leaves it. */
function unknownPart(node: PathNode, segments: readonly Segment[]): number | null {
  let current: PathNode | undefined = node;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (!current) return i - 1;
    if (current.children.has('*')) return null;
    const list = current.children.get('[]');
    if (list) {
      if (typeof segment === 'number' || (typeof segment === 'string' && /^\d+$/.test(segment))) {
        current = list;
        continue;
      }
      if (typeof segment === 'string' && LIST_PROPERTIES.has(segment)) {
        if (segment === 'size') return i === segments.length - 1 ? null : i + 1;
        current = list;
        continue;
      }
      return i;
    }
    if (typeof segment !== 'string') return i; // a computed key only reads maps
    const next = current.children.get(segment);
    if (!next) return i;
    current = next;
  }
  return null;
}

function* walk(templates: readonly Template[]): Generator<Template> {
  for (const template of templates) {
    yield template;
    const children = template.children?.(false, true);
    if (!children) continue;
    let step = children.next();
    while (!step.done) step = children.next(step.value as never);
    yield* walk(step.value ?? []);
  }
}

/**
 * Loop names: `{% for item in items %}` binds `item` to the catalogue's `items[]`; a loop over
 * anything else (a range, a local) binds a name that is not checked (`null`).
 */
function loopAliases(templates: readonly Template[]): Map<string, PathNode | null> {
  const aliases = new Map<string, PathNode | null>();
  for (const template of walk(templates)) {
    const loop = template as Template & { variable?: unknown; collection?: { getText?: () => string } };
    if (typeof loop.variable !== 'string' || !loop.collection?.getText) continue;
    const collection = loop.collection.getText().trim().split(/[\s|]/)[0]!;
    const list = CATALOGUE.children.get(collection)?.children.get('[]');
    if (!aliases.get(loop.variable)) aliases.set(loop.variable, list ?? null);
  }
  return aliases;
}

function lineAndColumn(input: string, index: number): { line: number; column: number } {
  const before = input.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

const toPath = (segments: readonly Segment[]) =>
  segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`)).join('');

/** The first problem of one part's source, or `null` when it may be saved (TPL-2). */
function checkPart(
  part: TemplateProblem['part'],
  source: string,
  language: string,
  sample: TemplateScope,
): TemplateProblem | null {
  const engine = engineFor(language, sample.company.currency, part === 'html');
  let templates: Template[];
  try {
    templates = engine.parse(source);
  } catch (error) {
    return parseProblem(part, source, error);
  }
  const analysis = engine.analyzeSync(templates, { partials: false });
  const aliases = loopAliases(templates);
  const locals = new Set(Object.keys(analysis.locals));
  const problems: TemplateProblem[] = [];
  for (const [root, uses] of Object.entries(analysis.variables)) {
    for (const use of uses) {
      const segments = use.segments as Segment[];
      const isGlobal = analysis.globals[root]?.some(
        (g) => g.location.row === use.location.row && g.location.col === use.location.col,
      );
      let unknownAt: number | null;
      if (isGlobal) unknownAt = unknownPart(CATALOGUE, segments);
      else if (aliases.has(root)) {
        const list = aliases.get(root);
        unknownAt = list ? unknownPart(list, segments.slice(1)) : null;
      } else if (root === 'forloop')
        unknownAt = segments.length === 1 || FORLOOP.has(String(segments[1])) ? null : 1;
      else if (locals.has(root)) unknownAt = null;
      else unknownAt = unknownPart(CATALOGUE, segments);
      if (unknownAt === null) continue;
      const name = toPath(segments);
      problems.push({
        part,
        kind: 'unknownVariable',
        name,
        line: use.location.row,
        column: use.location.col,
        message: `unknown variable ${name} at line ${use.location.row}, column ${use.location.col}`,
      });
    }
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (problems[0]) return problems[0];
  // The trial render: what the analysis cannot see (a loop that never ends, a value used wrongly).
  try {
    engine.renderSync(templates, sample);
  } catch (error) {
    return renderProblem(part, source, error);
  }
  return null;
}

interface LiquidErrorLike {
  message: string;
  token?: { input?: string; begin?: number; getPosition?: () => [number, number] };
  originalError?: unknown;
}

function parseProblem(part: TemplateProblem['part'], source: string, error: unknown): TemplateProblem {
  const e = error as LiquidErrorLike;
  const message = (e.message ?? String(error)).replace(/, line:\d+, col:\d+$/, '');
  const [line, column] = e.token?.getPosition?.() ?? [1, 1];
  const filter = /undefined filter: ([\w-]+)/.exec(message)?.[1];
  const tag = /tag "?([\w-]+)"? not found/.exec(message)?.[1];
  const name = filter ?? tag ?? null;
  let at = { line, column };
  if (name && e.token?.begin !== undefined) {
    // The error points at the start of the `{{ … }}`: point at the name itself.
    const index = source.indexOf(name, e.token.begin);
    if (index >= 0) at = lineAndColumn(source, index);
  }
  if (filter)
    return {
      part,
      kind: 'unknownFilter',
      name: filter,
      ...at,
      message: `unknown filter ${filter} at line ${at.line}, column ${at.column}`,
    };
  if (tag)
    return {
      part,
      kind: 'forbiddenTag',
      name: tag,
      ...at,
      message: (FORBIDDEN_TAGS as readonly string[]).includes(tag)
        ? `the tag ${tag} reads other files: not allowed (line ${at.line}, column ${at.column})`
        : `unknown tag ${tag} at line ${at.line}, column ${at.column}`,
    };
  return {
    part,
    kind: 'syntax',
    name: null,
    ...at,
    message: `${message} (line ${at.line}, column ${at.column})`,
  };
}

function renderProblem(part: TemplateProblem['part'], source: string, error: unknown): TemplateProblem {
  const e = error as LiquidErrorLike;
  const inner = (e.originalError as { message?: string } | undefined)?.message ?? e.message ?? String(error);
  const [line, column] = e.token?.getPosition?.() ?? [1, 1];
  if (/limit exceeded/i.test(inner))
    return {
      part,
      kind: 'limit',
      name: null,
      line,
      column,
      message: `the template needs too much time or memory to render (line ${line}, column ${column})`,
    };
  const variable = /undefined variable: ([\w.[\]]+)/.exec(inner)?.[1];
  if (variable)
    return {
      part,
      kind: 'unknownVariable',
      name: variable,
      line,
      column,
      message: `unknown variable ${variable} at line ${line}, column ${column}`,
    };
  void source;
  const message = inner.replace(/, line:\d+, col:\d+$/, '');
  return {
    part,
    kind: 'syntax',
    name: null,
    line,
    column,
    message: `${message} (line ${line}, column ${column})`,
  };
}

/** Custom fields: a field the customer does not have reads as empty, never as an error. */
class CustomFields extends Drop {
  constructor(fields: Record<string, string>) {
    super();
    Object.assign(this, fields);
  }
  override liquidMethodMissing(): string {
    return '';
  }
}

/** A customer's custom fields as templates read them (TPL-2): a missing one is empty. */
export const customFieldsOf = (fields: Record<string, string>) =>
  new CustomFields(fields) as unknown as Record<string, string>;

/** A sample where every catalogue variable has a value: the trial render of a save. */
export function sampleScope(language: string, currency = 'EUR'): TemplateScope {
  return {
    customer: {
      name: 'Client Exemple',
      account: '411EXEMPLE',
      contactName: 'Camille Durand',
      email: 'compta@client.test',
      customFields: customFieldsOf({}),
    },
    company: {
      name: 'ACME',
      currency,
      signature: defaultSignature(language, 'ACME'),
      legalMentions: legalMentions(language),
    },
    reminder: {
      level: 'R1',
      kind: 'reminder',
      total: 123_456,
      overdueTotal: 123_456,
      itemCount: 1,
      oldestDueDate: '2024-01-31',
      maxDaysLate: 30,
      portalLink: 'https://example.test/portal',
    },
    items: [
      {
        piece: 'FA-001',
        documentDate: '2024-01-01',
        dueDate: '2024-01-31',
        amount: 123_456,
        daysLate: 30,
        originalAmount: 130_000,
        originalCurrency: 'USD',
      },
    ],
    sender: { name: 'Claire Martin', email: 'claire@acme.test' },
    today: '2024-03-01',
  };
}

/**
 * The problems of a template, one per part at most (TPL-2): `[]` when it may be saved.
 * @example validateTemplate({ subject: '{{ customer.nmae }}', text: 'x', html: null }, 'fr')[0].message // "unknown variable customer.nmae at line 1, column 4"
 */
export function validateTemplate(
  content: Pick<TemplateContent, 'subject' | 'text' | 'html'>,
  language: string,
): TemplateProblem[] {
  const sample = sampleScope(language);
  const problems: TemplateProblem[] = [];
  for (const part of ['subject', 'text', 'html'] as const) {
    const source = content[part];
    if (source === null) continue;
    const problem = checkPart(part, source, language, sample);
    if (problem) problems.push(problem);
  }
  return problems;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * The HTML part of a text: paragraphs at blank lines, `- ` lines as a list, line breaks kept.
 * @example textToHtml('Hello,\n\n- FA-1: 10 €') // contains "<ul><li>FA-1: 10 €</li></ul>"
 */
export function textToHtml(text: string): string {
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  const body = blocks
    .map((block) => {
      const lines = block.split('\n');
      const out: string[] = [];
      let list: string[] = [];
      const flush = () => {
        if (list.length) out.push(`<ul>${list.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`);
        list = [];
      };
      let paragraph: string[] = [];
      const flushParagraph = () => {
        if (paragraph.length) out.push(`<p>${paragraph.map(escapeHtml).join('<br>')}</p>`);
        paragraph = [];
      };
      for (const line of lines) {
        if (line.startsWith('- ')) {
          flushParagraph();
          list.push(line.slice(2));
        } else {
          flush();
          paragraph.push(line);
        }
      }
      flush();
      flushParagraph();
      return out.join('\n');
    })
    .filter(Boolean)
    .join('\n');
  return `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1f2937">\n${body}\n</body></html>`;
}

/** A rendered template: the email's subject and both parts. */
export interface RenderedTemplate {
  subject: string;
  text: string;
  html: string;
}

/**
 * Renders a template's parts with a scope; the HTML part escapes every value, and is made from
 * the text when the template has none.
 * @example renderTemplate(template, 'fr', scope).subject // "ACME : factures échues, compte 411DUP"
 */
export function renderTemplate(
  content: Pick<TemplateContent, 'subject' | 'text' | 'html'>,
  language: string,
  scope: TemplateScope,
): RenderedTemplate {
  const text = engineFor(language, scope.company.currency);
  const vars = scope as unknown as Record<string, unknown>;
  // A subject is one line, whatever the template's line breaks.
  const subject = text
    .parseAndRenderSync(content.subject, vars)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  const body = text.parseAndRenderSync(content.text, vars);
  const html =
    content.html === null
      ? textToHtml(body)
      : engineFor(language, scope.company.currency, true).parseAndRenderSync(content.html, vars);
  return { subject, text: body, html };
}
