import { Download, FileSearch, FileText } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import {
  type AccountEntry,
  type AccountSituation,
  type AccountSituationQuery,
  ENTRY_CURRENCY_MODES,
  ENTRY_STATUSES,
  type EntryTone,
} from '../../../contracts/customer-record';
import { useFormat } from '../../lib/format';
import { Amount } from '../../ui/amount';
import { Button, buttonClasses, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { EmptyState, ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { Pagination } from '../../ui/pagination';
import { RecordCard, toHundredths } from './record-ui';
import { SITUATION_PAGE_SIZES, updateSituationQuery } from './situation-filters';
import { accountSituationExportUrl, useAccountSituation } from './use-customer-record';

/** VIS-1 colours: blue = debit not yet due, orange = debit overdue, green = settled debit and every credit. */
const TONE_DOT: Record<EntryTone, string> = {
  notDue: 'bg-sky-500',
  overdue: 'bg-orange-500',
  settled: 'bg-emerald-500',
  credit: 'bg-emerald-500',
};
const TONE_TEXT: Record<EntryTone, string> = {
  notDue: 'text-sky-700',
  overdue: 'text-orange-600 font-medium',
  settled: 'text-emerald-700',
  credit: 'text-emerald-700',
};

function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  labelOf,
  testId,
}: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  labelOf: (value: T) => string;
  testId: string;
}) {
  return (
    <fieldset className="inline-flex rounded-md shadow-sm" data-testid={testId}>
      <legend className="sr-only">{label}</legend>
      {options.map((option, index) => (
        <button
          key={option}
          type="button"
          aria-pressed={value === option}
          onClick={() => onChange(option)}
          className={cx(
            'px-3 py-1.5 text-sm font-medium ring-1 ring-zinc-300 ring-inset',
            index === 0 && 'rounded-l-md',
            index === options.length - 1 && 'rounded-r-md',
            index > 0 && '-ml-px',
            value === option
              ? 'z-10 bg-indigo-600 text-white ring-indigo-600'
              : 'bg-white text-zinc-700 hover:bg-zinc-50',
            focusRing,
          )}
        >
          {labelOf(option)}
        </button>
      ))}
    </fieldset>
  );
}

/** An amount of the situation: ledger hundredths, or an original currency's own minor units. */
function SituationAmount({
  amount,
  currency,
  ledgerCurrency,
  className,
  muteZero = true,
}: {
  amount: number;
  currency: string;
  ledgerCurrency: string;
  className?: string;
  muteZero?: boolean;
}) {
  const cents = currency === ledgerCurrency ? amount : toHundredths(amount, currency);
  return <Amount cents={cents} currency={currency} className={className} muteZero={muteZero} />;
}

function DaysLate({ entry }: { entry: AccountEntry }) {
  const { t } = useTranslation();
  if (entry.daysLate === null) return null;
  if (entry.tone === 'overdue') {
    return (
      <span className="font-medium text-orange-600">
        {t('customerRecord.situation.daysLateShort', { count: entry.daysLate })}
      </span>
    );
  }
  if (entry.tone === 'notDue') {
    const dueIn = -(entry.daysLate + 1);
    return (
      <span className="text-xs text-sky-700">
        {dueIn === 0
          ? t('customerRecord.situation.dueToday')
          : t('customerRecord.situation.dueIn', { count: dueIn })}
      </span>
    );
  }
  return entry.daysLate > 0 ? (
    <span className="text-zinc-500">
      {t('customerRecord.situation.daysLateShort', { count: entry.daysLate })}
    </span>
  ) : null;
}

function ToneDot({ tone }: { tone: EntryTone }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex" title={t(`customerRecord.situation.tones.${tone}`)}>
      <span aria-hidden="true" className={cx('size-2.5 rounded-full', TONE_DOT[tone])} />
      <span className="sr-only">{t(`customerRecord.situation.tones.${tone}`)}</span>
    </span>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-500">
      {(['notDue', 'overdue', 'settled'] as const).map((tone) => (
        <li key={tone} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={cx('size-2 rounded-full', TONE_DOT[tone])} />
          {t(`customerRecord.situation.legend.${tone}`)}
        </li>
      ))}
    </ul>
  );
}

function Lettering({ entry }: { entry: AccountEntry }) {
  const format = useFormat();
  if (!entry.letteringCode) return null;
  return (
    <span className="whitespace-nowrap">
      <span className="font-mono text-xs font-medium text-zinc-700">{entry.letteringCode}</span>
      {entry.letteringDate ? (
        <span className="ml-1.5 text-xs text-zinc-500">{format.date(entry.letteringDate)}</span>
      ) : null}
    </span>
  );
}

function OriginalHint({ entry, mode }: { entry: AccountEntry; mode: AccountSituationQuery['currency'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (mode !== 'ledger' || entry.originalAmount === null || !entry.originalCurrency) return null;
  return (
    <span className="block text-xs text-zinc-500">
      {t('customerRecord.situation.original', {
        amount: format.money(
          toHundredths(entry.originalAmount, entry.originalCurrency),
          entry.originalCurrency,
        ),
      })}
    </span>
  );
}

/** The statement PDF of what the situation shows: its open items, else every entry (issue 5 point 5). */
export function statementPdfUrl(customerId: string, query: AccountSituationQuery): string {
  return `/api/customers/${customerId}/statement.pdf?status=${query.status === 'open' ? 'open' : 'all'}`;
}

/** The piece reference, a link to its invoice PDF when one was uploaded (issue 5 point 4). */
function PieceRef({ entry, isLabelled = false }: { entry: AccountEntry; isLabelled?: boolean }) {
  const { t } = useTranslation();
  if (!entry.documentUrl) return <>{entry.pieceRef}</>;
  return (
    <a
      href={entry.documentUrl}
      target="_blank"
      rel="noopener"
      className={cx(
        'inline-flex items-center gap-1 text-blue-700 underline-offset-2 hover:underline',
        focusRing,
      )}
      title={t('customerRecord.situation.invoiceDocument', { piece: entry.pieceRef })}
      data-testid="situation-invoice-document"
    >
      <FileText aria-hidden="true" className="mr-0.5 inline size-3.5 align-[-2px]" />
      {isLabelled ? t('customerRecord.situation.invoicePdf') : entry.pieceRef}
    </a>
  );
}

/** The account situation (VIS-6): every entry, filters and view in the URL, totals (VIS-7), exports. */
export function AccountSituationSection({
  customerId,
  ledgerCurrency,
  query,
}: {
  customerId: string;
  ledgerCurrency: string;
  query: AccountSituationQuery;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const situation = useAccountSituation(customerId, query);
  const data = situation.data;

  return (
    <RecordCard
      title={
        <span className="flex items-center gap-2">
          {t('customerRecord.situation.title')}
          {data ? (
            <span
              className="text-xs font-normal text-zinc-500"
              data-testid="situation-count"
              data-count={data.total}
            >
              {t('customerRecord.situation.count', {
                count: data.total,
                formatted: format.integer(data.total),
              })}
            </span>
          ) : null}
          {situation.isFetching ? <Spinner className="text-zinc-400" /> : null}
        </span>
      }
      testId="record-situation"
      actions={
        <>
          <a
            href={accountSituationExportUrl(customerId, query, 'csv')}
            download
            className={buttonClasses({ variant: 'secondary', size: 'sm' })}
          >
            <Download aria-hidden="true" className="size-3.5" />
            {t('customerRecord.situation.exportCsv')}
          </a>
          <a
            href={accountSituationExportUrl(customerId, query, 'xlsx')}
            download
            className={buttonClasses({ variant: 'secondary', size: 'sm' })}
          >
            <Download aria-hidden="true" className="size-3.5" />
            {t('customerRecord.situation.exportXlsx')}
          </a>
          <a
            href={statementPdfUrl(customerId, query)}
            target="_blank"
            rel="noopener"
            className={buttonClasses({ variant: 'secondary', size: 'sm' })}
            data-testid="situation-statement-pdf"
          >
            <FileText aria-hidden="true" className="size-3.5" />
            {t('customerRecord.situation.statementPdf')}
          </a>
        </>
      }
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <Segmented
            label={t('customerRecord.situation.status')}
            options={ENTRY_STATUSES}
            value={query.status}
            onChange={(status) => updateSituationQuery({ status })}
            labelOf={(s) => t(`customerRecord.situation.statuses.${s}`)}
            testId="situation-status"
          />
          <Segmented
            label={t('customerRecord.situation.currency')}
            options={ENTRY_CURRENCY_MODES}
            value={query.currency}
            onChange={(currency) => updateSituationQuery({ currency })}
            labelOf={(c) => t(`customerRecord.situation.currencies.${c}`)}
            testId="situation-currency"
          />
        </div>
        <Legend />
      </div>

      {situation.isError && !data ? (
        <ErrorNotice error={situation.error} onRetry={() => void situation.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : data.total === 0 ? (
        <EmptyState
          icon={<FileSearch className="size-8" />}
          title={
            query.status === 'open'
              ? t('customerRecord.situation.emptyOpen')
              : query.status === 'lettered'
                ? t('customerRecord.situation.emptyLettered')
                : t('customerRecord.situation.emptyAll')
          }
          action={
            query.status !== 'all' ? (
              <Button variant="secondary" onClick={() => updateSituationQuery({ status: 'all' })}>
                {t('customerRecord.situation.showAll')}
              </Button>
            ) : undefined
          }
        />
      ) : data.items.length === 0 ? (
        <EmptyState
          title={t('customerRecord.situation.pastLastPage')}
          action={
            <Button variant="secondary" onClick={() => updateSituationQuery({ page: 1 })}>
              {t('customerRecord.situation.firstPage')}
            </Button>
          }
        />
      ) : (
        <div className={situation.isPlaceholderData ? 'opacity-60 transition-opacity' : undefined}>
          <div className="hidden lg:block">
            <SituationTable data={data} ledgerCurrency={ledgerCurrency} mode={query.currency} />
          </div>
          <div className="lg:hidden">
            <SituationCards data={data} ledgerCurrency={ledgerCurrency} mode={query.currency} />
          </div>
        </div>
      )}

      {data && data.totals === null && data.total > 0 ? (
        <p className="mt-3 rounded-md bg-zinc-50 px-3 py-2 text-xs text-zinc-600 ring-1 ring-zinc-200">
          {t('customerRecord.situation.totalsOmitted', { currencies: data.currencies.join(', ') })}
        </p>
      ) : null}

      {data && data.total > 0 ? (
        <div className="mt-4">
          <Pagination
            page={query.page}
            pageSize={query.pageSize}
            total={data.total}
            pageSizes={SITUATION_PAGE_SIZES}
            onPage={(page) => updateSituationQuery({ page })}
            onPageSize={(pageSize) => updateSituationQuery({ pageSize })}
          />
        </div>
      ) : null}
    </RecordCard>
  );
}

interface ViewProps {
  data: AccountSituation;
  ledgerCurrency: string;
  mode: AccountSituationQuery['currency'];
}

function SituationTable({ data, ledgerCurrency, mode }: ViewProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { totals } = data;
  const th = 'px-2 py-2 font-medium';
  return (
    <div className="-mx-4 overflow-x-auto">
      <table className="w-full min-w-[58rem] text-sm" data-testid="situation-table">
        <caption className="sr-only">{t('customerRecord.situation.caption')}</caption>
        <thead className="border-y border-zinc-200 bg-zinc-50 text-xs text-zinc-500">
          <tr>
            <th scope="col" className="w-6 py-2 pl-4">
              <span className="sr-only">{t('customerRecord.situation.legend.overdue')}</span>
            </th>
            <th scope="col" className={cx(th, 'text-left')}>
              {t('customerRecord.situation.columns.date')}
            </th>
            <th scope="col" className={cx(th, 'text-left')}>
              <abbr title={t('customerRecord.situation.columns.journalLong')} className="no-underline">
                {t('customerRecord.situation.columns.journal')}
              </abbr>
            </th>
            <th scope="col" className={cx(th, 'text-left')}>
              {t('customerRecord.situation.columns.piece')}
            </th>
            <th scope="col" className={cx(th, 'text-left')}>
              {t('customerRecord.situation.columns.label')}
            </th>
            <th scope="col" className={cx(th, 'text-left')}>
              {t('customerRecord.situation.columns.dueDate')}
            </th>
            <th scope="col" className={cx(th, 'text-right')}>
              {t('customerRecord.situation.columns.debit')}
            </th>
            <th scope="col" className={cx(th, 'text-right')}>
              {t('customerRecord.situation.columns.credit')}
            </th>
            <th scope="col" className={cx(th, 'text-right')}>
              {t('customerRecord.situation.columns.open')}
            </th>
            <th scope="col" className={cx(th, 'text-right')}>
              {t('customerRecord.situation.columns.daysLate')}
            </th>
            <th scope="col" className={cx(th, 'pr-4 text-left')}>
              {t('customerRecord.situation.columns.lettering')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 text-zinc-900">
          {data.items.map((e) => (
            <tr key={e.entryKey} className="hover:bg-zinc-50" data-tone={e.tone}>
              <td className="py-2 pl-4 align-top">
                <span className="mt-1 inline-flex">
                  <ToneDot tone={e.tone} />
                </span>
              </td>
              <td className="px-2 py-2 align-top whitespace-nowrap tabular-nums">
                {format.date(e.documentDate)}
              </td>
              <td className="px-2 py-2 align-top text-xs leading-5 whitespace-nowrap text-zinc-500">
                {e.journal}
              </td>
              <td className="px-2 py-2 align-top font-medium whitespace-nowrap">
                <PieceRef entry={e} />
              </td>
              <td className="w-full max-w-0 px-2 py-2 align-top">
                <div className="truncate" title={e.label}>
                  {e.label}
                </div>
                <OriginalHint entry={e} mode={mode} />
              </td>
              <td
                className={cx(
                  'px-2 py-2 align-top whitespace-nowrap tabular-nums',
                  e.tone === 'overdue' && 'text-orange-600',
                )}
              >
                {format.date(e.dueDate)}
              </td>
              <td className="px-2 py-2 text-right align-top">
                {e.debit !== 0 ? (
                  <SituationAmount amount={e.debit} currency={e.currency} ledgerCurrency={ledgerCurrency} />
                ) : null}
              </td>
              <td className="px-2 py-2 text-right align-top">
                {e.credit !== 0 ? (
                  <SituationAmount amount={e.credit} currency={e.currency} ledgerCurrency={ledgerCurrency} />
                ) : null}
              </td>
              <td className="px-2 py-2 text-right align-top">
                {e.openAmount !== 0 ? (
                  <SituationAmount
                    amount={e.openAmount}
                    currency={e.currency}
                    ledgerCurrency={ledgerCurrency}
                    className={TONE_TEXT[e.tone]}
                  />
                ) : null}
                {e.isPartial && e.openAmount !== 0 ? (
                  <div className="text-xs text-zinc-500">{t('customerRecord.situation.partial')}</div>
                ) : null}
              </td>
              <td className="px-2 py-2 text-right align-top whitespace-nowrap tabular-nums">
                <DaysLate entry={e} />
              </td>
              <td className="px-2 py-2 pr-4 align-top">
                <Lettering entry={e} />
              </td>
            </tr>
          ))}
        </tbody>
        {totals ? (
          <tfoot
            className="border-t-2 border-zinc-300 bg-zinc-50 text-sm font-semibold"
            data-testid="situation-totals"
          >
            <tr>
              <th scope="row" colSpan={6} className="py-2 pr-2 pl-4 text-left">
                {t('customerRecord.situation.totals')}
              </th>
              <td className="px-2 py-2 text-right">
                <SituationAmount
                  amount={totals.debit}
                  currency={totals.currency}
                  ledgerCurrency={ledgerCurrency}
                  muteZero={false}
                />
              </td>
              <td className="px-2 py-2 text-right">
                <SituationAmount
                  amount={totals.credit}
                  currency={totals.currency}
                  ledgerCurrency={ledgerCurrency}
                  muteZero={false}
                />
              </td>
              <td className="px-2 py-2 text-right">
                <SituationAmount
                  amount={totals.open}
                  currency={totals.currency}
                  ledgerCurrency={ledgerCurrency}
                  muteZero={false}
                />
              </td>
              <td colSpan={2} />
            </tr>
            <tr data-testid="situation-balance">
              <th scope="row" colSpan={6} className="py-2 pr-2 pl-4 text-left">
                {t('customerRecord.situation.balance')}
              </th>
              <td className="px-2 py-2 text-right">
                {totals.balance >= 0 ? (
                  <SituationAmount
                    amount={totals.balance}
                    currency={totals.currency}
                    ledgerCurrency={ledgerCurrency}
                    muteZero={false}
                  />
                ) : null}
              </td>
              <td className="px-2 py-2 text-right">
                {totals.balance < 0 ? (
                  <SituationAmount
                    amount={-totals.balance}
                    currency={totals.currency}
                    ledgerCurrency={ledgerCurrency}
                    muteZero={false}
                  />
                ) : null}
              </td>
              <td colSpan={3} />
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

function SituationCards({ data, ledgerCurrency, mode }: ViewProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { totals } = data;
  return (
    <div>
      <ul className="-mx-4 divide-y divide-zinc-100 border-y border-zinc-100">
        {data.items.map((e) => {
          const net = e.debit - e.credit;
          return (
            <li key={e.entryKey} className="px-4 py-2.5" data-tone={e.tone}>
              <div className="flex items-start justify-between gap-3">
                <div className="flex min-w-0 items-start gap-2">
                  <span className="mt-1.5 inline-flex shrink-0">
                    <ToneDot tone={e.tone} />
                  </span>
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium text-zinc-900">{e.label || e.pieceRef}</p>
                    <p className="truncate text-xs text-zinc-500">
                      <span className="tabular-nums">{format.date(e.documentDate)}</span> · {e.journal}{' '}
                      {e.pieceRef}
                    </p>
                    {e.documentUrl ? (
                      <p className="truncate text-xs">
                        <PieceRef entry={e} isLabelled />
                      </p>
                    ) : null}
                    <OriginalHint entry={e} mode={mode} />
                  </div>
                </div>
                <div className="shrink-0 text-right text-sm">
                  <SituationAmount
                    amount={net}
                    currency={e.currency}
                    ledgerCurrency={ledgerCurrency}
                    className="font-medium"
                    muteZero={false}
                  />
                  <p className="text-xs text-zinc-500">
                    {net >= 0
                      ? t('customerRecord.situation.columns.debit')
                      : t('customerRecord.situation.columns.credit')}
                  </p>
                </div>
              </div>
              <div className="mt-1 flex flex-wrap items-center justify-between gap-x-3 gap-y-0.5 pl-4.5 text-xs text-zinc-600">
                <span>
                  {t('customerRecord.situation.columns.dueDate')}{' '}
                  <span className={cx('tabular-nums', e.tone === 'overdue' && 'text-orange-600')}>
                    {format.date(e.dueDate)}
                  </span>
                </span>
                <DaysLate entry={e} />
                {e.openAmount !== 0 ? (
                  <span>
                    {t('customerRecord.situation.columns.open')}{' '}
                    <SituationAmount
                      amount={e.openAmount}
                      currency={e.currency}
                      ledgerCurrency={ledgerCurrency}
                      className={TONE_TEXT[e.tone]}
                    />
                  </span>
                ) : (
                  <Lettering entry={e} />
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {totals ? (
        <dl
          className="mt-3 grid grid-cols-3 gap-2 rounded-md bg-zinc-50 p-3 text-sm ring-1 ring-zinc-200"
          data-testid="situation-totals-cards"
        >
          {(
            [
              ['columns.debit', totals.debit],
              ['columns.credit', totals.credit],
              ['balance', totals.balance],
            ] as const
          ).map(([label, amount]) => (
            <div key={label}>
              <dt className="text-xs text-zinc-500">{t(`customerRecord.situation.${label}`)}</dt>
              <dd className="font-semibold">
                <SituationAmount
                  amount={amount}
                  currency={totals.currency}
                  ledgerCurrency={ledgerCurrency}
                  muteZero={false}
                />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
