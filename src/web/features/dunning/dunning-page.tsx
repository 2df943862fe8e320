import { BellOff, OctagonPause, RefreshCwOff, SearchX, Send, Settings2 } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendResult, Todo, TodoLine } from '../../../contracts/dunning';
import { CHANNELS } from '../../../domain/dunning/scenario';
import { useCurrentUser } from '../../api/auth';
import { useFormat } from '../../lib/format';
import { Link, setSearchParams, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Amount } from '../../ui/amount';
import { Button, buttonClasses } from '../../ui/button';
import { cx } from '../../ui/cx';
import { EmptyState, ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { Label, Select } from '../../ui/field';
import { CompanySelect } from '../companies/company-select';
import { useCompanies } from '../companies/use-companies';
import { toHundredths } from '../customer-record/record-ui';
import { PieceList } from './dunning-labels';
import { DunningTabs } from './dunning-tabs';
import { PreviewPanel } from './preview-panel';
import { SendResults } from './send-results';
import { TodoGroupSection } from './todo-group';
import {
  checkedLines,
  filterTodoLines,
  groupTodoLines,
  ownersOf,
  type Selection,
  selectLines,
  sumTotals,
  type TodoFilter,
} from './todo-lines';
import { useProfiles, useSendReminders, useTodo } from './use-dunning';

type Channel = TodoLine['channel'];

function readChannel(value: string | null): Channel | null {
  return value !== null && (CHANNELS as readonly string[]).includes(value) ? (value as Channel) : null;
}

/** DUN-12: a company whose data is not fresh gets nothing automatically; a person should know. */
function FreshnessBanner({ todo }: { todo: Todo }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (todo.freshness.isFresh) return null;
  const hours = todo.freshness.syncAgeHours;
  return (
    <div
      role="alert"
      data-testid="freshness-banner"
      className="flex items-start gap-3 rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200"
    >
      <RefreshCwOff aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-amber-700" />
      <div className="min-w-0 flex-1">
        <p className="font-medium">
          {hours === null
            ? t('dunning.freshness.never', { company: todo.companyCode })
            : t('dunning.freshness.stale', {
                company: todo.companyCode,
                hours: format.integer(Math.floor(hours)),
              })}
        </p>
        <p className="mt-1">{t('dunning.freshness.text')}</p>
        <Link
          to={`/import?companyId=${encodeURIComponent(todo.companyId)}`}
          className="mt-2 inline-block font-medium underline underline-offset-2"
        >
          {t('dunning.freshness.action')}
        </Link>
      </div>
    </div>
  );
}

/** DUN-8: customers and items left out, with why; not selectable. */
function ExcludedList({ excluded }: { excluded: Todo['excluded'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  if (excluded.length === 0) return null;
  return (
    <section aria-labelledby={headingId} data-testid="todo-excluded" data-count={excluded.length}>
      <div className="mb-2 flex flex-wrap items-baseline gap-x-3 px-1 lg:px-0">
        <h2 id={headingId} className="text-base font-semibold text-zinc-900">
          {t('dunning.excluded.title')}
        </h2>
        <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 tabular-nums">
          {format.integer(excluded.length)}
        </span>
      </div>
      <p className="mb-3 px-1 text-sm text-zinc-500 lg:px-0">{t('dunning.excluded.text')}</p>
      <ul className="divide-y divide-zinc-100 rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
        {excluded.map((e) => (
          <li
            key={`${e.customerId}-${e.reason}-${e.pieces.join(',')}`}
            data-testid="excluded-line"
            className="grid gap-x-4 gap-y-1 px-4 py-2.5 text-sm sm:grid-cols-[minmax(0,2fr)_minmax(0,2fr)_minmax(0,2fr)]"
          >
            <div className="min-w-0">
              <Link
                to={`/customers/${e.customerId}`}
                className="block truncate font-medium text-zinc-900 hover:text-indigo-700"
              >
                {e.name}
              </Link>
              <span className="font-mono text-xs text-zinc-500">{e.account}</span>
            </div>
            <p className="flex items-start gap-1.5 text-amber-800">
              <OctagonPause aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              {t(`dunning.exclusions.${e.reason}`)}
            </p>
            <p className="min-w-0 break-words sm:text-right">
              <PieceList pieces={e.pieces} />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SendButton({
  count,
  isPending,
  onClick,
  isShort = false,
}: {
  count: number;
  isPending: boolean;
  onClick: () => void;
  /** "Send 12" where the room is short (a phone). */
  isShort?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Button data-testid="todo-send" disabled={count === 0 || isPending} onClick={onClick}>
      {isPending ? (
        <Spinner className="text-white" label={t('dunning.todo.sending')} />
      ) : (
        <>
          <Send aria-hidden="true" className="size-4" />
          {t(isShort ? 'dunning.todo.sendShort' : 'dunning.todo.send', {
            count,
            formatted: format.integer(count),
          })}
        </>
      )}
    </Button>
  );
}

/** One filter of the to-do: a label and a select whose value goes in the URL under `param`. */
function FilterSelect({
  label,
  param,
  testId,
  value,
  allLabel,
  options,
}: {
  label: string;
  param: string;
  testId: string;
  value: string | null;
  allLabel: string;
  options: readonly { value: string; label: string }[];
}) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <Label htmlFor={id} className="text-xs font-normal text-zinc-600">
        {label}
      </Label>
      <Select
        id={id}
        data-testid={testId}
        className="w-auto max-w-[11rem] py-1.5 text-xs"
        value={value ?? ''}
        onChange={(event) => setSearchParams({ [param]: event.target.value || null }, { replace: true })}
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

/** The filters of the to-do (DUN-9): channel, profile and portfolio, each kept in the URL. */
function TodoFilters({ todo, filter }: { todo: Todo; filter: TodoFilter }) {
  const { t } = useTranslation();
  const profiles = useProfiles();
  const owners = useMemo(() => ownersOf(todo.lines), [todo.lines]);
  const profileIds = useMemo(() => new Set(todo.lines.map((l) => l.profileId)), [todo.lines]);
  const shown = (profiles.data ?? []).filter((p) => profileIds.has(p.id));
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <FilterSelect
        label={t('dunning.todo.channel')}
        param="channel"
        testId="todo-channel"
        value={filter.channel}
        allLabel={t('dunning.todo.allChannels')}
        options={CHANNELS.map((c) => ({ value: c, label: t(`dunning.channels.${c}`) }))}
      />
      {shown.length > 1 || filter.profileId ? (
        <FilterSelect
          label={t('dunning.todo.profile')}
          param="profile"
          testId="todo-profile"
          value={filter.profileId}
          allLabel={t('dunning.todo.allProfiles')}
          options={shown.map((p) => ({ value: p.id, label: p.name }))}
        />
      ) : null}
      {owners.length > 0 || filter.owner ? (
        <FilterSelect
          label={t('dunning.todo.owner')}
          param="owner"
          testId="todo-owner"
          value={filter.owner}
          allLabel={t('dunning.todo.allOwners')}
          options={owners.map((o) => ({ value: o, label: o }))}
        />
      ) : null}
    </div>
  );
}

/** The lines of one company: selection, send bar, groups, results and preview. */
function TodoView({ todo, canSend, filter }: { todo: Todo; canSend: boolean; filter: TodoFilter }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [selection, setSelection] = useState<Selection>({});
  const [previewLine, setPreviewLine] = useState<TodoLine | null>(null);
  const [result, setResult] = useState<{ value: SendResult; lines: Map<string, TodoLine> } | null>(null);
  const send = useSendReminders();

  const lines = useMemo(() => filterTodoLines(todo.lines, filter), [todo.lines, filter]);
  const groups = useMemo(() => groupTodoLines(lines), [lines]);
  const checked = checkedLines(lines, selection);
  const checkedTotal = sumTotals(checked);

  function submit() {
    const sentLines = new Map(todo.lines.map((line) => [line.key, line]));
    send.mutate(
      { companyId: todo.companyId, keys: checked.map((line) => line.key) },
      {
        onSuccess: (value) => {
          setResult({ value, lines: sentLines });
          // The to-do is read again: its new lines start from their default ticks.
          setSelection({});
        },
      },
    );
  }

  return (
    <>
      <div className={cx('space-y-5', canSend && 'pb-16 md:pb-0')}>
        <FreshnessBanner todo={todo} />
        {result ? (
          <SendResults result={result.value} lines={result.lines} onClose={() => setResult(null)} />
        ) : null}
        {send.isError ? <ErrorNotice error={send.error} /> : null}

        {todo.lines.length === 0 ? (
          <EmptyState
            icon={<BellOff className="size-8" />}
            title={t('dunning.empty.title')}
            description={t('dunning.empty.text')}
            action={
              <Link to="/settings/dunning" className={buttonClasses({ variant: 'secondary' })}>
                <Settings2 aria-hidden="true" className="size-4" />
                {t('dunning.empty.action')}
              </Link>
            }
          />
        ) : (
          <>
            <div
              data-testid="todo-toolbar"
              className="-mx-4 flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-zinc-200 bg-zinc-50/95 px-4 py-2.5 backdrop-blur md:sticky md:top-14 md:z-10 md:-mx-8 md:px-8"
            >
              <p className="w-full min-w-0 text-sm text-zinc-700 sm:w-auto" aria-live="polite">
                <span data-testid="todo-count" data-count={todo.lines.length} className="font-medium">
                  {t('dunning.todo.lineCount', {
                    count: lines.length,
                    formatted: format.integer(lines.length),
                  })}
                </span>
                {canSend ? (
                  <>
                    <span aria-hidden="true"> · </span>
                    <span data-testid="todo-selected" data-count={checked.length}>
                      {t('dunning.todo.selectedCount', {
                        count: checked.length,
                        formatted: format.integer(checked.length),
                      })}
                    </span>
                    <span aria-hidden="true"> · </span>
                    <Amount
                      cents={toHundredths(checkedTotal, todo.currency)}
                      currency={todo.currency}
                      className="font-medium"
                    />
                  </>
                ) : null}
              </p>
              {canSend ? (
                <div className="-ml-2.5 flex items-center gap-1 sm:ml-0">
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setSelection(selectLines(selection, lines, true))}
                  >
                    {t('dunning.todo.selectAll')}
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setSelection(selectLines(selection, lines, false))}
                  >
                    {t('dunning.todo.selectNone')}
                  </Button>
                </div>
              ) : null}
              <TodoFilters todo={todo} filter={filter} />
              {canSend ? (
                <div className="hidden md:ml-auto md:block">
                  <SendButton count={checked.length} isPending={send.isPending} onClick={submit} />
                </div>
              ) : (
                <p className="text-xs text-zinc-500 sm:ml-auto">{t('dunning.todo.viewerNote')}</p>
              )}
            </div>

            {groups.length === 0 ? (
              <EmptyState
                icon={<SearchX className="size-8" />}
                title={t('dunning.todo.noMatch')}
                action={
                  <Button
                    variant="secondary"
                    onClick={() => setSearchParams({ channel: null, profile: null, owner: null })}
                  >
                    {t('dunning.todo.clearFilters')}
                  </Button>
                }
              />
            ) : (
              <div className="space-y-8">
                {groups.map((group) => (
                  <TodoGroupSection
                    key={group.key}
                    group={group}
                    currency={todo.currency}
                    selection={selection}
                    canSend={canSend}
                    onSelect={(groupLines, value) => setSelection((s) => selectLines(s, groupLines, value))}
                    onPreview={setPreviewLine}
                  />
                ))}
              </div>
            )}
          </>
        )}

        <ExcludedList excluded={todo.excluded} />

        {previewLine ? (
          <PreviewPanel companyId={todo.companyId} line={previewLine} onClose={() => setPreviewLine(null)} />
        ) : null}
      </div>
      {canSend && todo.lines.length > 0 ? (
        // On a phone the send button stays at the thumb, above the navigation bar.
        <div className="fixed inset-x-0 bottom-[calc(3.5rem+env(safe-area-inset-bottom))] z-10 flex items-center gap-3 border-t border-zinc-200 bg-white/95 px-4 py-2 backdrop-blur md:hidden">
          <Amount
            cents={toHundredths(checkedTotal, todo.currency)}
            currency={todo.currency}
            className="min-w-0 flex-1 truncate text-sm font-semibold text-zinc-900"
          />
          <SendButton count={checked.length} isPending={send.isPending} onClick={submit} isShort />
        </div>
      ) : null}
    </>
  );
}

/**
 * Reminders, the to-do by scenario (DUN-9): every reminder due today for a company, grouped by
 * step, to check, preview and send. Viewers read it; users and admins send.
 */
export default function DunningPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('dunning.title'));
  const format = useFormat();
  const me = useCurrentUser();
  const canSend = me.user.role !== 'viewer';
  const params = useSearchParams();
  const companyParam = params.get('companyId') ?? '';
  const channel = readChannel(params.get('channel'));
  const profile = params.get('profile') || null;
  const owner = params.get('owner') || null;
  const filter = useMemo(() => ({ channel, profileId: profile, owner }), [channel, profile, owner]);
  const companies = useCompanies();
  const todo = useTodo(companyParam);
  const data = todo.data;
  const companySelectId = useId();

  return (
    <div className="mx-auto max-w-7xl">
      <PageHeader
        title={t('dunning.title')}
        description={
          data
            ? t('dunning.asOf', { date: format.date(data.today), company: data.companyCode })
            : t('dunning.subtitle')
        }
        actions={
          (companies.data?.length ?? 0) > 1 ? (
            <div className="w-full sm:w-72">
              <Label htmlFor={companySelectId} className="sr-only">
                {t('companies.label')}
              </Label>
              <CompanySelect
                id={companySelectId}
                companies={companies.data ?? []}
                value={data?.companyId ?? companyParam}
                testId="dunning-company"
                onChange={(value) => setSearchParams({ companyId: value || null })}
              />
            </div>
          ) : null
        }
      />
      <DunningTabs />
      {todo.isError && !data ? (
        <ErrorNotice error={todo.error} onRetry={() => void todo.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <TodoView key={data.companyId} todo={data} canSend={canSend} filter={filter} />
      )}
    </div>
  );
}
