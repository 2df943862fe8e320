import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { ArrowLeft, Download, Languages, RotateCcw, Save, Upload } from 'lucide-react';
import { type ChangeEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerListSchema } from '../../../contracts/customers';
import {
  TEMPLATE_FILTERS,
  TEMPLATE_VARIABLES,
  type TemplateDto,
  type TemplateList,
  type TemplateProblem,
  templateExportSchema,
} from '../../../contracts/templates';
import { useCurrentUser } from '../../api/auth';
import { apiRequest } from '../../api/client';
import { Link, setSearchParams, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Button, buttonClasses } from '../../ui/button';
import { cx } from '../../ui/cx';
import { TextArea } from '../../ui/dialog';
import { EmptyState, ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { Field, Input, Label, Select } from '../../ui/field';
import { CompanySelect } from '../companies/company-select';
import { useCompanies } from '../companies/use-companies';
import {
  exportUrl,
  problemsOf,
  snippetFor,
  useTemplate,
  useTemplateChanges,
  useTemplateList,
  useTemplatePreview,
} from './use-templates';

type Part = 'subject' | 'text' | 'html';

/**
 * Settings › Templates (TPL-1…TPL-3): the reminder templates by id and language, an editor with
 * the variable catalogue, the refusal shown at its line and column, and the live preview on a real
 * customer. Everyone reads; admins save, restore, add a language, import. `?companyId=` edits one
 * company's own versions, without it the organization's.
 */
export default function TemplatesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('templates.title'));
  const scopeId = useId();
  const params = useSearchParams();
  const companies = useCompanies();
  const companyId = params.get('companyId') ?? '';
  const list = useTemplateList(companyId);
  const templateId = params.get('template') ?? 'standard-r1';
  const language = params.get('language') ?? 'fr';

  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <div>
        <Link
          to="/settings"
          className="mb-2 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-800"
        >
          <ArrowLeft aria-hidden="true" className="size-4" />
          {t('templates.back')}
        </Link>
        <PageHeader
          title={t('templates.title')}
          description={t('templates.subtitle')}
          actions={
            companies.data && companies.data.length > 0 ? (
              <div className="w-full sm:w-72">
                <Label htmlFor={scopeId} className="sr-only">
                  {t('templates.scope')}
                </Label>
                <CompanySelect
                  id={scopeId}
                  companies={companies.data}
                  value={companyId}
                  allLabel={t('templates.organization')}
                  testId="templates-scope"
                  onChange={(value) => setSearchParams({ companyId: value || null }, { replace: true })}
                />
              </div>
            ) : null
          }
        />
      </div>
      {list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <PageLoading />
      ) : (
        <>
          <Toolbar companyId={companyId} list={list.data} />
          <div className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
            <TemplateNav list={list.data} templateId={templateId} language={language} />
            <EditorPane
              key={`${companyId}:${templateId}:${language}`}
              companyId={companyId}
              templateId={templateId}
              language={language}
              previewCompanyId={companyId || companies.data?.[0]?.id || ''}
            />
          </div>
        </>
      )}
    </div>
  );
}

function Toolbar({ companyId, list }: { companyId: string; list: TemplateList }) {
  const { t } = useTranslation();
  const isAdmin = useCurrentUser().user.role === 'admin';
  const { addLanguage, importFile } = useTemplateChanges(companyId);
  const fromId = useId();
  const toId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [from, setFrom] = useState('fr');
  const [to, setTo] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setFileError(null);
    setDone(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setFileError(t('templates.import.notJson'));
      return;
    }
    const checked = templateExportSchema.safeParse(parsed);
    if (!checked.success) {
      setFileError(t('templates.import.notTemplates'));
      return;
    }
    importFile.mutate(checked.data, {
      onSuccess: (result) => setDone(t('templates.import.done', { count: result.imported })),
    });
  };
  const error = importFile.error ?? addLanguage.error;

  return (
    <section className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200">
      <div className="flex flex-wrap items-end gap-3">
        <a
          href={exportUrl(companyId)}
          download="reminder-templates.json"
          className={buttonClasses({ variant: 'secondary', size: 'sm' })}
          data-testid="templates-export"
        >
          <Download aria-hidden="true" className="mr-1.5 size-4" />
          {t('templates.export')}
        </a>
        {isAdmin ? (
          <>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => fileInput.current?.click()}
              disabled={importFile.isPending}
            >
              <Upload aria-hidden="true" className="mr-1.5 size-4" />
              {t('templates.import.button')}
            </Button>
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              className="sr-only"
              data-testid="templates-import-file"
              onChange={(event) => void onFile(event)}
            />
            <form
              className="flex flex-wrap items-end gap-2 lg:ml-auto"
              onSubmit={(event) => {
                event.preventDefault();
                setDone(null);
                addLanguage.mutate(
                  { from, to: to.trim().toLowerCase() },
                  {
                    onSuccess: () => {
                      setSearchParams({ language: to.trim().toLowerCase() }, { replace: true });
                      setTo('');
                    },
                  },
                );
              }}
            >
              <div className="w-24">
                <Label htmlFor={toId} className="text-xs">
                  {t('templates.addLanguage.to')}
                </Label>
                <Input
                  id={toId}
                  value={to}
                  onChange={(e) => setTo(e.target.value)}
                  placeholder="de"
                  maxLength={3}
                />
              </div>
              <div className="w-32">
                <Label htmlFor={fromId} className="text-xs">
                  {t('templates.addLanguage.from')}
                </Label>
                <Select id={fromId} value={from} onChange={(e) => setFrom(e.target.value)}>
                  {list.languages.map((l) => (
                    <option key={l} value={l}>
                      {languageName(l, t)}
                    </option>
                  ))}
                </Select>
              </div>
              <Button type="submit" variant="secondary" size="sm" disabled={!/^[a-z]{2,3}$/i.test(to.trim())}>
                <Languages aria-hidden="true" className="mr-1.5 size-4" />
                {t('templates.addLanguage.button')}
              </Button>
            </form>
          </>
        ) : null}
      </div>
      {fileError ? <p className="text-sm text-red-700">{fileError}</p> : null}
      {error ? <p className="text-sm text-red-700">{error.message}</p> : null}
      {done ? <p className="text-sm text-emerald-700">{done}</p> : null}
    </section>
  );
}

function languageName(code: string, t: TFunction): string {
  return t(`templates.languages.${code}`, { defaultValue: code.toUpperCase() });
}

function TemplateNav({
  list,
  templateId,
  language,
}: {
  list: TemplateList;
  templateId: string;
  language: string;
}) {
  const { t } = useTranslation();
  const ids = [...new Set(list.templates.map((x) => x.templateId))];
  return (
    <nav aria-label={t('templates.listLabel')} className="space-y-2" data-testid="templates-list">
      {ids.map((id) => {
        const versions = list.templates.filter((x) => x.templateId === id);
        const title = versions.find((v) => v.language === language)?.name ?? versions[0]?.name ?? id;
        return (
          <div
            key={id}
            className={cx(
              'rounded-lg bg-white p-3 shadow-sm ring-1',
              id === templateId ? 'ring-indigo-400' : 'ring-zinc-200',
            )}
          >
            <p className="truncate text-sm font-medium text-zinc-900" title={id}>
              {title}
            </p>
            <div className="mt-2 flex flex-wrap gap-1.5">
              {versions.map((v) => (
                <button
                  key={v.language}
                  type="button"
                  onClick={() => setSearchParams({ template: id, language: v.language }, { replace: true })}
                  aria-current={id === templateId && v.language === language ? 'true' : undefined}
                  className={cx(
                    'rounded px-2 py-0.5 text-xs font-medium ring-1',
                    id === templateId && v.language === language
                      ? 'bg-indigo-600 text-white ring-indigo-600'
                      : v.source === 'builtIn'
                        ? 'bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50'
                        : 'bg-amber-50 text-amber-900 ring-amber-300 hover:bg-amber-100',
                  )}
                  title={t(`templates.source.${v.source}`)}
                >
                  {v.language.toUpperCase()}
                  {v.source !== 'builtIn' ? ' •' : ''}
                </button>
              ))}
            </div>
          </div>
        );
      })}
      <p className="px-1 text-xs text-zinc-500">{t('templates.legend')}</p>
    </nav>
  );
}

function EditorPane(props: {
  companyId: string;
  templateId: string;
  language: string;
  previewCompanyId: string;
}) {
  const template = useTemplate(props.companyId, props.templateId, props.language);
  if (template.isError) return <ErrorNotice error={template.error} onRetry={() => void template.refetch()} />;
  if (!template.data) return <PageLoading />;
  return <Editor {...props} template={template.data} />;
}

function Editor({
  companyId,
  template,
  previewCompanyId,
}: {
  companyId: string;
  template: TemplateDto;
  previewCompanyId: string;
}) {
  const { t } = useTranslation();
  const isAdmin = useCurrentUser().user.role === 'admin';
  const { save, restore } = useTemplateChanges(companyId);
  const ids = { name: useId(), subject: useId(), text: useId(), html: useId() };
  const [name, setName] = useState(template.name);
  const [subject, setSubject] = useState(template.subject);
  const [text, setText] = useState(template.text);
  const [html, setHtml] = useState<string | null>(template.html);
  const [saved, setSaved] = useState(false);
  const [isResetting, setIsResetting] = useState(false);
  // After "restore default", the fields show the text now in force once it is read again.
  useEffect(() => {
    if (!isResetting || template.source === (companyId ? 'company' : 'organization')) return;
    setName(template.name);
    setSubject(template.subject);
    setText(template.text);
    setHtml(template.html);
    setSaved(false);
    setIsResetting(false);
  }, [isResetting, template, companyId]);
  const fieldOf = (part: Part) =>
    document.getElementById(ids[part]) as HTMLInputElement | HTMLTextAreaElement | null;
  const lastFocused = useRef<Part>('text');
  const problems = problemsOf(save.error);
  const problemOf = (part: Part) => problems.find((p) => p.part === part);
  const values = { subject, text, html: html ?? '' };
  const setters = { subject: setSubject, text: setText, html: (v: string) => setHtml(v) };
  // The scope's own version can be restored; a company showing the organization's version cannot.
  const isOwn = template.source === (companyId ? 'company' : 'organization');

  // Put the cursor where the server says the template is wrong, once per refusal.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the refusal alone moves the cursor
  useEffect(() => {
    const first = problems[0];
    if (!first) return;
    const field = fieldOf(first.part);
    if (!field) return;
    const index = indexOf(values[first.part], first.line, first.column);
    field.focus();
    field.setSelectionRange(index, index);
  }, [save.error]);

  const insert = (snippet: string) => {
    if (!isAdmin) return;
    const part = lastFocused.current === 'html' && html === null ? 'text' : lastFocused.current;
    const field = fieldOf(part);
    const value = values[part];
    const start = field?.selectionStart ?? value.length;
    const end = field?.selectionEnd ?? value.length;
    setters[part](value.slice(0, start) + snippet + value.slice(end));
    requestAnimationFrame(() => {
      field?.focus();
      field?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  };

  return (
    <div className="grid min-w-0 gap-6 xl:grid-cols-2">
      <form
        className="min-w-0 space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-6"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          save.mutate(
            {
              templateId: template.templateId,
              language: template.language,
              content: { name, subject, text, html },
            },
            { onSuccess: () => setSaved(true) },
          );
        }}
      >
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-base font-semibold text-zinc-900">
            {template.name}{' '}
            <span className="text-sm font-normal text-zinc-500">
              · {template.templateId} · {template.language.toUpperCase()}
            </span>
          </h2>
          <span
            className="rounded bg-zinc-100 px-2 py-0.5 text-xs text-zinc-600"
            data-testid="template-source"
          >
            {t(`templates.source.${template.source}`)}
          </span>
        </div>
        <Field id={ids.name} label={t('templates.fields.name')}>
          <Input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} disabled={!isAdmin} />
        </Field>
        <Field id={ids.subject} label={t('templates.fields.subject')}>
          <Input
            id={ids.subject}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            onFocus={() => {
              lastFocused.current = 'subject';
            }}
            invalid={Boolean(problemOf('subject'))}
            disabled={!isAdmin}
            className="font-mono"
            data-testid="template-subject"
          />
        </Field>
        <ProblemBox problem={problemOf('subject')} source={subject} />
        <Field id={ids.text} label={t('templates.fields.text')}>
          <TextArea
            id={ids.text}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onFocus={() => {
              lastFocused.current = 'text';
            }}
            invalid={Boolean(problemOf('text'))}
            disabled={!isAdmin}
            rows={14}
            spellCheck={false}
            className="font-mono text-xs leading-5"
            data-testid="template-text"
          />
        </Field>
        <ProblemBox problem={problemOf('text')} source={text} />
        <label className="flex items-center gap-2 text-sm text-zinc-700">
          <input
            type="checkbox"
            checked={html !== null}
            disabled={!isAdmin}
            onChange={(e) => setHtml(e.target.checked ? textAsHtml(text) : null)}
          />
          {t('templates.fields.ownHtml')}
        </label>
        {html !== null ? (
          <>
            <Field id={ids.html} label={t('templates.fields.html')}>
              <TextArea
                id={ids.html}
                value={html}
                onChange={(e) => setHtml(e.target.value)}
                onFocus={() => {
                  lastFocused.current = 'html';
                }}
                invalid={Boolean(problemOf('html'))}
                disabled={!isAdmin}
                rows={10}
                spellCheck={false}
                className="font-mono text-xs leading-5"
              />
            </Field>
            <ProblemBox problem={problemOf('html')} source={html} />
          </>
        ) : (
          <p className="text-xs text-zinc-500">{t('templates.fields.htmlFromText')}</p>
        )}
        {save.error && problems.length === 0 ? (
          <p className="text-sm text-red-700">{save.error.message}</p>
        ) : null}
        {restore.error ? <p className="text-sm text-red-700">{restore.error.message}</p> : null}
        {isAdmin ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={save.isPending} data-testid="template-save">
              <Save aria-hidden="true" className="mr-1.5 size-4" />
              {t('templates.save')}
            </Button>
            {isOwn ? (
              <Button
                type="button"
                variant="secondary"
                disabled={restore.isPending}
                onClick={() => {
                  if (window.confirm(t('templates.restoreConfirm')))
                    restore.mutate(
                      { templateId: template.templateId, language: template.language },
                      { onSuccess: () => setIsResetting(true) },
                    );
                }}
              >
                <RotateCcw aria-hidden="true" className="mr-1.5 size-4" />
                {t('templates.restore')}
              </Button>
            ) : null}
            {saved && !save.isPending ? (
              <span className="text-sm text-emerald-700" role="status">
                {t('templates.saved')}
              </span>
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-zinc-500">{t('templates.readOnly')}</p>
        )}
        <Catalogue onInsert={insert} canInsert={isAdmin} />
      </form>
      <Preview
        companyId={previewCompanyId}
        templateId={template.templateId}
        language={template.language}
        draft={{ subject, text, html }}
      />
    </div>
  );
}

/** The index in `source` of a line and column (both from 1). */
function indexOf(source: string, line: number, column: number): number {
  const lines = source.split('\n');
  let index = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) index += lines[i]!.length + 1;
  return Math.min(source.length, index + column - 1);
}

function textAsHtml(text: string): string {
  return `<p>${text.replace(/\n{2,}/g, '</p>\n<p>').replace(/\n(?!<)/g, '<br>\n')}</p>`;
}

/** TPL-2: the refusal at its line and column, with the line itself and a caret under the place. */
function ProblemBox({ problem, source }: { problem: TemplateProblem | undefined; source: string }) {
  const { t } = useTranslation();
  if (!problem) return null;
  const line = source.split('\n')[problem.line - 1] ?? '';
  return (
    <div className="rounded-md bg-red-50 p-3 ring-1 ring-red-200" role="alert" data-testid="template-problem">
      <p className="text-sm font-medium text-red-800">
        {t(`templates.problem.${problem.kind}`, {
          name: problem.name ?? '',
          line: problem.line,
          column: problem.column,
        })}
      </p>
      <pre className="mt-2 overflow-x-auto font-mono text-xs leading-5 text-red-900">
        <span className="select-none text-red-400">{String(problem.line).padStart(3, ' ')} │ </span>
        {line}
        {'\n'}
        <span className="select-none">{'    │ '}</span>
        {' '.repeat(Math.max(0, problem.column - 1))}^
      </pre>
      {problem.kind === 'syntax' || problem.kind === 'limit' ? (
        <p className="mt-1 text-xs text-red-700">{problem.message}</p>
      ) : null}
    </div>
  );
}

function Catalogue({ onInsert, canInsert }: { onInsert: (snippet: string) => void; canInsert: boolean }) {
  const { t, i18n } = useTranslation();
  const fr = i18n.language.startsWith('fr');
  return (
    <details className="rounded-md bg-zinc-50 ring-1 ring-zinc-200" open data-testid="template-catalogue">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-zinc-800">
        {t('templates.catalogue.title')}
      </summary>
      <p className="px-3 text-xs text-zinc-500">
        {t(canInsert ? 'templates.catalogue.hint' : 'templates.catalogue.hintRead', {
          example: '{{ reminder.total | money }}',
        })}
      </p>
      <ul className="max-h-72 divide-y divide-zinc-200 overflow-y-auto px-3 pb-2">
        {TEMPLATE_VARIABLES.map((v) => (
          <li key={v.path} className="flex items-center gap-2 py-1.5">
            <code className="min-w-0 shrink-0 text-xs text-indigo-800">
              {snippetFor(v.path).length > 40 ? v.path : snippetFor(v.path)}
            </code>
            <span className="min-w-0 flex-1 truncate text-xs text-zinc-600" title={fr ? v.fr : v.en}>
              {fr ? v.fr : v.en}
            </span>
            {canInsert ? (
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => onInsert(snippetFor(v.path))}
                aria-label={t('templates.catalogue.insert', { path: v.path })}
              >
                {t('templates.catalogue.insertShort')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="border-t border-zinc-200 px-3 py-2 text-xs text-zinc-600">
        {t('templates.catalogue.filters')}{' '}
        {TEMPLATE_FILTERS.map((f) => (
          <code key={f.name} className="mr-2 text-indigo-800">
            {f.name}
          </code>
        ))}
      </p>
    </details>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function Preview({
  companyId,
  templateId,
  language,
  draft,
}: {
  companyId: string;
  templateId: string;
  language: string;
  draft: { subject: string; text: string; html: string | null };
}) {
  const { t } = useTranslation();
  const customerId = useId();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [customer, setCustomer] = useState('');
  const [view, setView] = useState<'html' | 'text'>('html');
  const debouncedSearch = useDebounced(search, 300);
  const customers = useQuery({
    queryKey: ['template-preview-customers', companyId, debouncedSearch],
    enabled: companyId !== '',
    queryFn: ({ signal }) =>
      apiRequest('/api/customers', {
        query: { companyId, search: debouncedSearch || undefined, filter: 'overdue', pageSize: 50 },
        schema: customerListSchema,
        signal,
      }),
  });
  const chosen = customer || customers.data?.items[0]?.id || '';
  const debouncedDraft = useDebounced(draft, 400);
  const preview = useTemplatePreview(
    chosen && companyId
      ? { companyId, customerId: chosen, templateId, language, draft: debouncedDraft }
      : null,
  );
  const problems = problemsOf(preview.error);

  return (
    <section
      className="min-w-0 space-y-4 self-start rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-6 xl:sticky xl:top-20"
      aria-label={t('templates.preview.title')}
    >
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-zinc-900">{t('templates.preview.title')}</h2>
        {preview.isFetching ? <Spinner label={t('templates.preview.loading')} /> : null}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={searchId} label={t('templates.preview.search')}>
          <Input
            id={searchId}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('templates.preview.searchPlaceholder')}
          />
        </Field>
        <Field id={customerId} label={t('templates.preview.customer')}>
          <Select
            id={customerId}
            value={chosen}
            onChange={(e) => setCustomer(e.target.value)}
            data-testid="template-preview-customer"
          >
            {(customers.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.account} · {c.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {companyId === '' ? (
        <EmptyState title={t('templates.preview.noCompany')} />
      ) : customers.data && customers.data.items.length === 0 ? (
        <EmptyState title={t('templates.preview.noCustomer')} />
      ) : problems.length > 0 ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
          {t('templates.preview.invalid', { message: problems[0]!.message })}
        </p>
      ) : preview.isError ? (
        <ErrorNotice error={preview.error} onRetry={() => void preview.refetch()} />
      ) : !preview.data ? (
        <PageLoading />
      ) : (
        <div className="space-y-3" data-testid="template-preview">
          <dl className="space-y-1 text-sm">
            <div className="flex gap-2">
              <dt className="w-20 shrink-0 text-zinc-500">{t('templates.preview.subject')}</dt>
              <dd
                className="min-w-0 font-medium break-words text-zinc-900"
                data-testid="template-preview-subject"
              >
                {preview.data.subject}
              </dd>
            </div>
            <div className="flex gap-2">
              <dt className="w-20 shrink-0 text-zinc-500">{t('templates.preview.items')}</dt>
              <dd className="text-zinc-700">
                {t('templates.preview.itemCount', { count: preview.data.itemCount })} ·{' '}
                {preview.data.language.toUpperCase()}
              </dd>
            </div>
          </dl>
          <div className="flex gap-1" role="tablist">
            {(['html', 'text'] as const).map((v) => (
              <button
                key={v}
                type="button"
                role="tab"
                aria-selected={view === v}
                onClick={() => setView(v)}
                className={cx(
                  'rounded-md px-3 py-1 text-xs font-medium',
                  view === v ? 'bg-indigo-600 text-white' : 'bg-zinc-100 text-zinc-700 hover:bg-zinc-200',
                )}
              >
                {t(`templates.preview.${v}`)}
              </button>
            ))}
          </div>
          {view === 'html' ? (
            <PreviewFrame html={preview.data.html} title={t('templates.preview.html')} />
          ) : (
            <pre
              className="max-h-[32rem] overflow-auto rounded-md bg-zinc-50 p-3 font-sans text-sm whitespace-pre-wrap text-zinc-800 ring-1 ring-zinc-200"
              data-testid="template-preview-text"
            >
              {preview.data.text}
            </pre>
          )}
        </div>
      )}
    </section>
  );
}

/** The HTML part in a sandboxed frame (no script, no same origin), as tall as its content. */
function PreviewFrame({ html, title }: { html: string; title: string }) {
  const frame: RefObject<HTMLIFrameElement | null> = useRef(null);
  const [height, setHeight] = useState(400);
  return (
    <iframe
      ref={frame}
      title={title}
      sandbox="allow-same-origin"
      srcDoc={html}
      onLoad={() => {
        const body = frame.current?.contentDocument?.body;
        if (body) setHeight(Math.min(1200, body.scrollHeight + 24));
      }}
      style={{ height }}
      className="w-full rounded-md bg-white ring-1 ring-zinc-200"
      data-testid="template-preview-html"
    />
  );
}
