import { Eye, Filter, MailX, SearchX, Send } from 'lucide-react';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CriteriaResult, SendResult } from '../../../contracts/dunning';
import { DUNNING_LEVELS } from '../../../domain/dunning/levels';
import { useCurrentUser } from '../../api/auth';
import { useFormat } from '../../lib/format';
import { Link, setSearchParams, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Amount } from '../../ui/amount';
import { Button, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { EmptyState, ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { Field, Input, Label, Select } from '../../ui/field';
import { CompanySelect } from '../companies/company-select';
import { useCompanies } from '../companies/use-companies';
import { toHundredths } from '../customer-record/record-ui';
import { usePortfolioOptions } from '../users/use-users';
import { CheckBox } from './check-box';
import {
  CLEARED_CRITERIA,
  type CriteriaDraft,
  type CriteriaField,
  criteriaParams,
  draftOf,
  readCriteria,
} from './criteria-query';
import { DisputeMarker, PieceList } from './dunning-labels';
import { DunningTabs } from './dunning-tabs';
import { PreviewDialog } from './preview-panel';
import { SendResults } from './send-results';
import { TEMPLATE_IDS } from './settings/scenario-draft';
import { useProfiles } from './use-dunning';
import { useCriteriaPreview, useCriteriaSearch, useSendByCriteria } from './use-dunning-actions';

type Customer = CriteriaResult['customers'][number];

/** The criteria form (DUN-10): what the boxes hold goes to the URL on "Search". */
function CriteriaForm({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const params = useSearchParams();
  const profiles = useProfiles();
  const owners = usePortfolioOptions(isAdmin);
  const [draft, setDraft] = useState<CriteriaDraft>(() => draftOf(params, format.locale));
  const [errors, setErrors] = useState<readonly CriteriaField[]>([]);
  const id = useId();
  const ids = (name: string) => `${id}-${name}`;
  const set = (changes: Partial<CriteriaDraft>) => setDraft((d) => ({ ...d, ...changes }));
  const paramsText = params.toString();
  // Back and Forward bring other criteria: the boxes follow the URL.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the URL's text is the trigger
  useEffect(() => setDraft(draftOf(new URLSearchParams(paramsText), format.locale)), [paramsText]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = criteriaParams(draft);
    setErrors(result.errors);
    if (result.params) setSearchParams(result.params);
  }
  const errorOf = (field: CriteriaField) =>
    errors.includes(field) ? t(`dunning.criteria.errors.${field}`) : undefined;

  return (
    <form
      onSubmit={submit}
      noValidate
      data-testid="criteria-form"
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field id={ids('profile')} label={t('dunning.criteria.profile')}>
          <Select
            id={ids('profile')}
            value={draft.profileId}
            onChange={(e) => set({ profileId: e.target.value })}
          >
            <option value="">{t('dunning.criteria.any')}</option>
            {(profiles.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={ids('level')} label={t('dunning.criteria.level')}>
          <Select id={ids('level')} value={draft.level} onChange={(e) => set({ level: e.target.value })}>
            <option value="">{t('dunning.criteria.any')}</option>
            {DUNNING_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`dunning.levels.${l}`)}
              </option>
            ))}
          </Select>
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <Field id={ids('minDays')} label={t('dunning.criteria.minDaysLate')} error={errorOf('minDaysLate')}>
            <Input
              id={ids('minDays')}
              inputMode="numeric"
              value={draft.minDaysLate}
              invalid={errors.includes('minDaysLate')}
              onChange={(e) => set({ minDaysLate: e.target.value })}
            />
          </Field>
          <Field id={ids('maxDays')} label={t('dunning.criteria.maxDaysLate')} error={errorOf('maxDaysLate')}>
            <Input
              id={ids('maxDays')}
              inputMode="numeric"
              value={draft.maxDaysLate}
              invalid={errors.includes('maxDaysLate')}
              onChange={(e) => set({ maxDaysLate: e.target.value })}
            />
          </Field>
        </div>
        <div className="grid grid-cols-2 gap-2">
          <Field id={ids('minAmount')} label={t('dunning.criteria.minAmount')} error={errorOf('minAmount')}>
            <Input
              id={ids('minAmount')}
              inputMode="decimal"
              value={draft.minAmount}
              invalid={errors.includes('minAmount')}
              onChange={(e) => set({ minAmount: e.target.value })}
            />
          </Field>
          <Field id={ids('maxAmount')} label={t('dunning.criteria.maxAmount')} error={errorOf('maxAmount')}>
            <Input
              id={ids('maxAmount')}
              inputMode="decimal"
              value={draft.maxAmount}
              invalid={errors.includes('maxAmount')}
              onChange={(e) => set({ maxAmount: e.target.value })}
            />
          </Field>
        </div>
        <Field id={ids('salesRep')} label={t('dunning.criteria.salesRep')}>
          <Input
            id={ids('salesRep')}
            list={`${ids('salesRep')}-list`}
            value={draft.salesRep}
            onChange={(e) => set({ salesRep: e.target.value })}
          />
          <datalist id={`${ids('salesRep')}-list`}>
            {(owners.data?.salesReps ?? []).map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </Field>
        <Field id={ids('collector')} label={t('dunning.criteria.collector')}>
          <Input
            id={ids('collector')}
            list={`${ids('collector')}-list`}
            value={draft.collector}
            onChange={(e) => set({ collector: e.target.value })}
          />
          <datalist id={`${ids('collector')}-list`}>
            {(owners.data?.collectors ?? []).map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </Field>
        <Field id={ids('disputed')} label={t('dunning.criteria.disputed')}>
          <Select
            id={ids('disputed')}
            value={draft.disputed}
            onChange={(e) => set({ disputed: e.target.value })}
          >
            <option value="">{t('dunning.criteria.disputedAny')}</option>
            <option value="yes">{t('dunning.criteria.disputedYes')}</option>
            <option value="no">{t('dunning.criteria.disputedNo')}</option>
          </Select>
        </Field>
        <div className="flex items-end gap-2">
          <Button type="submit" data-testid="criteria-search" className="flex-1 sm:flex-none">
            <Filter aria-hidden="true" className="size-4" />
            {t('dunning.criteria.search')}
          </Button>
          <Button variant="ghost" onClick={() => setSearchParams(CLEARED_CRITERIA)}>
            {t('dunning.criteria.reset')}
          </Button>
        </div>
      </div>
      <p className="mt-3 text-xs text-zinc-500">{t('dunning.criteria.formHint')}</p>
    </form>
  );
}

function CustomerRow({
  customer,
  currency,
  canSend,
  isChecked,
  isEmail,
  onCheck,
  onPreview,
}: {
  customer: Customer;
  currency: string;
  canSend: boolean;
  isChecked: boolean;
  isEmail: boolean;
  onCheck: (value: boolean) => void;
  onPreview: () => void;
}) {
  const { t } = useTranslation();
  return (
    <li
      data-testid="criteria-customer"
      data-account={customer.account}
      className={cx(
        'grid grid-cols-[auto_minmax(0,1fr)_auto] gap-x-3 gap-y-1 px-4 py-2.5 text-sm sm:grid-cols-[auto_minmax(0,2fr)_minmax(0,2fr)_auto_auto]',
        isChecked && 'bg-indigo-50/40',
      )}
    >
      <div className="pt-0.5">
        {canSend ? (
          <CheckBox
            state={isChecked}
            aria-label={t('dunning.todo.selectLine', { name: customer.name, account: customer.account })}
            onChange={(event) => onCheck(event.target.checked)}
          />
        ) : null}
      </div>
      <div className="min-w-0">
        <p className="truncate font-medium text-zinc-900">
          <Link
            to={`/customers/${customer.customerId}`}
            className={cx('rounded hover:text-indigo-700', focusRing)}
          >
            {customer.name}
          </Link>
          {customer.isDisputed ? <DisputeMarker /> : null}
        </p>
        <p className="flex items-center gap-2 font-mono text-xs text-zinc-500">
          {customer.account}
          {isEmail && !customer.hasEmail ? (
            <span className="inline-flex items-center gap-1 font-sans text-amber-800" data-testid="no-email">
              <MailX aria-hidden="true" className="size-3.5" />
              {t('dunning.criteria.noEmail')}
            </span>
          ) : null}
        </p>
      </div>
      <p className="col-span-2 col-start-2 row-start-2 min-w-0 break-words sm:col-span-1 sm:col-start-3 sm:row-start-1">
        <PieceList pieces={customer.pieces} />
      </p>
      <Amount
        cents={toHundredths(customer.total, currency)}
        currency={currency}
        className="col-start-3 row-start-1 text-right font-medium sm:col-start-4"
      />
      <div className="col-start-3 row-start-2 -mr-2 text-right sm:col-start-5 sm:row-start-1 sm:-my-1">
        <Button
          variant="ghost"
          size="sm"
          data-testid="criteria-preview"
          onClick={onPreview}
          aria-label={t('dunning.preview.for', { name: customer.name })}
        >
          <Eye aria-hidden="true" className="size-4" />
          <span className="hidden sm:inline">{t('dunning.preview.button')}</span>
        </Button>
      </div>
    </li>
  );
}

/** What one customer would receive with the template and channel chosen (DUN-10). */
function CriteriaPreview({
  customer,
  companyId,
  choice,
  onClose,
}: {
  customer: Customer;
  companyId: string;
  choice: { templateId: string; channel: 'email' | 'letter' };
  onClose: () => void;
}) {
  const params = useSearchParams();
  const criteria = readCriteria(params, companyId);
  const preview = useCriteriaPreview(criteria ? { criteria, ...choice, account: customer.account } : null);
  return (
    <PreviewDialog
      heading={{ name: customer.name, account: customer.account, kind: 'reminder', level: null }}
      preview={preview}
      onClose={onClose}
    />
  );
}

/** The matching customers, which of them to write to, the template and channel, and send. */
function Results({
  result,
  companyId,
  canSend,
}: {
  result: CriteriaResult;
  companyId: string;
  canSend: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const params = useSearchParams();
  const templateId = useId();
  const channelId = useId();
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const [template, setTemplate] = useState<string>('standard-r1');
  const [channel, setChannel] = useState<'email' | 'letter'>('email');
  const [countsForScenario, setCountsForScenario] = useState(false);
  const [sent, setSent] = useState<{ value: SendResult; names: Map<string, Customer> } | null>(null);
  const [previewed, setPreviewed] = useState<Customer | null>(null);
  const send = useSendByCriteria();
  const chosen = result.customers.filter((c) => !unchecked.has(c.account));
  const chosenTotal = chosen.reduce((sum, c) => sum + c.total, 0);
  const withoutEmail = chosen.filter((c) => !c.hasEmail).length;
  const all = chosen.length === result.customers.length ? true : chosen.length > 0 ? 'some' : false;

  function submit() {
    const criteria = readCriteria(params, companyId);
    if (!criteria) return;
    send.mutate(
      {
        criteria,
        accounts: chosen.map((c) => c.account),
        channel,
        templateId: template,
        countsForScenario,
      },
      {
        // Each result names the customer it was for.
        onSuccess: (value) => {
          const byAccount = new Map(chosen.map((c) => [c.account, c]));
          setSent({
            value,
            names: new Map(
              value.results.flatMap((r) => {
                const customer = r.account === null ? undefined : byAccount.get(r.account);
                return customer ? [[r.key, customer] as const] : [];
              }),
            ),
          });
        },
      },
    );
  }

  return (
    <div className="space-y-4">
      {sent ? <SendResults result={sent.value} lines={sent.names} onClose={() => setSent(null)} /> : null}
      {send.isError ? <ErrorNotice error={send.error} /> : null}
      <section className="rounded-lg bg-white shadow-sm ring-1 ring-zinc-200" data-testid="criteria-results">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-zinc-200 px-4 py-3">
          <h2 className="flex items-center gap-2 text-sm font-semibold text-zinc-900">
            {canSend ? (
              <CheckBox
                state={all}
                aria-label={t('dunning.todo.selectAll')}
                onChange={(event) =>
                  setUnchecked(
                    event.target.checked ? new Set() : new Set(result.customers.map((c) => c.account)),
                  )
                }
              />
            ) : null}
            <span data-testid="criteria-count" data-count={result.customers.length}>
              {t('dunning.criteria.customerCount', {
                count: result.customers.length,
                formatted: format.integer(result.customers.length),
              })}
            </span>
          </h2>
          <Amount
            cents={toHundredths(result.total, result.currency)}
            currency={result.currency}
            testId="criteria-total"
            className="text-sm font-semibold"
          />
        </div>
        <ul className="divide-y divide-zinc-100">
          {result.customers.map((customer) => (
            <CustomerRow
              key={customer.account}
              customer={customer}
              currency={result.currency}
              canSend={canSend}
              isChecked={!unchecked.has(customer.account)}
              isEmail={channel === 'email'}
              onCheck={(value) =>
                setUnchecked((current) => {
                  const next = new Set(current);
                  if (value) next.delete(customer.account);
                  else next.add(customer.account);
                  return next;
                })
              }
              onPreview={() => setPreviewed(customer)}
            />
          ))}
        </ul>
      </section>
      {previewed ? (
        <CriteriaPreview
          customer={previewed}
          companyId={companyId}
          choice={{ templateId: template, channel }}
          onClose={() => setPreviewed(null)}
        />
      ) : null}

      {canSend ? (
        <section
          className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200"
          data-testid="criteria-send"
        >
          <div className="grid gap-4 sm:grid-cols-3">
            <div>
              <Label htmlFor={templateId}>{t('dunning.criteria.template')}</Label>
              <Select
                id={templateId}
                className="mt-1"
                value={template}
                onChange={(e) => setTemplate(e.target.value)}
              >
                {TEMPLATE_IDS.map((id) => (
                  <option key={id} value={id}>
                    {t(`dunning.templates.${id}`, { defaultValue: id })}
                  </option>
                ))}
              </Select>
            </div>
            <div>
              <Label htmlFor={channelId}>{t('dunning.criteria.channel')}</Label>
              <Select
                id={channelId}
                className="mt-1"
                value={channel}
                onChange={(e) => setChannel(e.target.value as 'email' | 'letter')}
              >
                <option value="email">{t('dunning.channels.email')}</option>
                <option value="letter">{t('dunning.channels.letter')}</option>
              </Select>
            </div>
            <label className="flex items-start gap-2 self-end text-sm text-zinc-800">
              <input
                type="checkbox"
                className="mt-0.5 size-4 accent-indigo-600"
                checked={countsForScenario}
                onChange={(e) => setCountsForScenario(e.target.checked)}
              />
              <span>
                {t('dunning.record.action.countsYes')}
                <span className="block text-xs text-zinc-500">
                  {t(
                    countsForScenario ? 'dunning.record.action.countsYesHint' : 'dunning.criteria.oneOffHint',
                  )}
                </span>
              </span>
            </label>
          </div>
          {channel === 'email' && withoutEmail > 0 ? (
            <p className="flex items-start gap-1.5 text-sm text-amber-800">
              <MailX aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              {t('dunning.criteria.withoutEmail', {
                count: withoutEmail,
                formatted: format.integer(withoutEmail),
              })}
            </p>
          ) : null}
          <div className="flex flex-wrap items-center gap-3">
            <Button
              data-testid="criteria-send-button"
              disabled={chosen.length === 0 || send.isPending}
              onClick={submit}
            >
              {send.isPending ? (
                <Spinner className="text-white" label={t('dunning.todo.sending')} />
              ) : (
                <>
                  <Send aria-hidden="true" className="size-4" />
                  {t('dunning.criteria.send', {
                    count: chosen.length,
                    formatted: format.integer(chosen.length),
                  })}
                </>
              )}
            </Button>
            <Amount
              cents={toHundredths(chosenTotal, result.currency)}
              currency={result.currency}
              className="text-sm font-medium text-zinc-700"
            />
            <p className="w-full text-xs text-zinc-500">{t('dunning.criteria.onceHint')}</p>
          </div>
        </section>
      ) : (
        <p className="text-xs text-zinc-500">{t('dunning.todo.viewerNote')}</p>
      )}
    </div>
  );
}

/**
 * Mass reminder by criteria (DUN-10), `/dunning/criteria`: the customers whose open debits match
 * the criteria, then one reminder each with the template and channel chosen, sent once (DUN-13).
 */
export default function CriteriaPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('dunning.criteria.title'));
  const me = useCurrentUser();
  const canSend = me.user.role !== 'viewer';
  const params = useSearchParams();
  const companies = useCompanies();
  const companySelectId = useId();
  const companyId = params.get('companyId') || companies.data?.[0]?.id || '';
  const criteria = useMemo(() => readCriteria(params, companyId), [params, companyId]);
  const search = useCriteriaSearch(criteria);

  return (
    <div className="mx-auto max-w-7xl space-y-5">
      <div>
        <PageHeader
          title={t('dunning.criteria.title')}
          description={t('dunning.criteria.subtitle')}
          actions={
            (companies.data?.length ?? 0) > 1 ? (
              <div className="w-full sm:w-72">
                <Label htmlFor={companySelectId} className="sr-only">
                  {t('companies.label')}
                </Label>
                <CompanySelect
                  id={companySelectId}
                  companies={companies.data ?? []}
                  value={companyId}
                  testId="criteria-company"
                  onChange={(value) => setSearchParams({ companyId: value || null })}
                />
              </div>
            ) : null
          }
        />
        <DunningTabs />
      </div>
      <CriteriaForm isAdmin={me.user.role === 'admin'} />
      {criteria === null ? (
        <EmptyState
          icon={<Filter className="size-8" />}
          title={t('dunning.criteria.emptyTitle')}
          description={t('dunning.criteria.emptyText')}
        />
      ) : search.isError ? (
        <ErrorNotice error={search.error} onRetry={() => void search.refetch()} />
      ) : !search.data ? (
        <PageLoading />
      ) : search.data.customers.length === 0 ? (
        <EmptyState
          icon={<SearchX className="size-8" />}
          title={t('dunning.criteria.noMatch')}
          description={t('dunning.criteria.noMatchText')}
        />
      ) : (
        <Results
          key={JSON.stringify(criteria)}
          result={search.data}
          companyId={companyId}
          canSend={canSend}
        />
      )}
    </div>
  );
}
