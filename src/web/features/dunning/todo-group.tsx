import { CircleAlert, Eye, OctagonPause } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TodoLine } from '../../../contracts/dunning';
import { useFormat } from '../../lib/format';
import { Link } from '../../router/router';
import { Amount } from '../../ui/amount';
import { Button, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { toHundredths } from '../customer-record/record-ui';
import { CheckBox } from './check-box';
import { ChannelLabel, DisputeMarker, LevelBadge, PieceList, ReminderStatusBadge } from './dunning-labels';
import { isChecked, type Selection, selectionState, type TodoGroup } from './todo-lines';

/** Lines shown at first in a group; the rest on demand, so that a big to-do still opens quickly. */
const FIRST_LINES = 100;

interface LineProps {
  line: TodoLine;
  currency: string;
  checked: boolean;
  canSend: boolean;
  onCheck: (value: boolean) => void;
  onPreview: () => void;
}

function CustomerCell({ line }: { line: TodoLine }) {
  return (
    <>
      <p className="truncate font-medium text-zinc-900">
        <Link to={`/customers/${line.customerId}`} className={cx('rounded hover:text-indigo-700', focusRing)}>
          {line.name}
        </Link>
        {line.isDisputed ? <DisputeMarker /> : null}
      </p>
      <p className="truncate font-mono text-xs text-zinc-500">{line.account}</p>
    </>
  );
}

/** Why a line is held back, its row's status and error: what a person must know before sending. */
function LineState({ line }: { line: TodoLine }) {
  const { t } = useTranslation();
  if (!line.exclusion && !line.rowStatus && !line.error) return null;
  return (
    <div className="space-y-1 text-xs">
      {line.exclusion ? (
        <p className="flex items-start gap-1 text-amber-800" data-testid="line-exclusion">
          <OctagonPause aria-hidden="true" className="mt-px size-3.5 shrink-0" />
          {t(`dunning.exclusions.${line.exclusion}`)}
        </p>
      ) : null}
      {line.rowStatus ? <ReminderStatusBadge status={line.rowStatus} /> : null}
      {line.error ? (
        <p className="flex items-start gap-1 break-words text-red-700">
          <CircleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
          {line.error}
        </p>
      ) : null}
    </div>
  );
}

function useCheckLabel(line: TodoLine): string {
  const { t } = useTranslation();
  return t('dunning.todo.selectLine', { name: line.name, account: line.account });
}

function LineRow({ line, currency, checked, canSend, onCheck, onPreview }: LineProps) {
  const { t } = useTranslation();
  const label = useCheckLabel(line);
  return (
    <tr
      data-testid="todo-line"
      data-key={line.key}
      data-account={line.account}
      className={cx('align-top', checked ? 'bg-indigo-50/40' : line.exclusion && 'bg-zinc-50/70')}
    >
      {canSend ? (
        <td className="py-2.5 pr-1 pl-4">
          <CheckBox state={checked} aria-label={label} onChange={(e) => onCheck(e.target.checked)} />
        </td>
      ) : null}
      <td className={cx('min-w-0 py-2 pr-3', !canSend && 'pl-4')}>
        <CustomerCell line={line} />
      </td>
      <td className="py-2.5 pr-3">
        <LevelBadge kind={line.kind} level={line.level} />
      </td>
      <td className="py-2.5 pr-3 text-zinc-700">
        <ChannelLabel channel={line.channel} />
        <p className="mt-0.5 text-xs text-zinc-500">
          {t(line.isAutomatic ? 'dunning.automatic' : 'dunning.manual')}
        </p>
      </td>
      <td className="min-w-0 py-2.5 pr-3">
        <PieceList pieces={line.pieces} />
      </td>
      <td className="py-2.5 pr-3 text-right">
        <Amount cents={toHundredths(line.total, currency)} currency={currency} className="font-medium" />
      </td>
      <td className="min-w-0 py-2.5 pr-3">
        <LineState line={line} />
      </td>
      <td className="py-1.5 pr-3 text-right">
        <Button
          variant="ghost"
          size="sm"
          onClick={onPreview}
          aria-label={t('dunning.preview.for', { name: line.name })}
        >
          <Eye aria-hidden="true" className="size-4" />
          {t('dunning.preview.button')}
        </Button>
      </td>
    </tr>
  );
}

function LineCard({ line, currency, checked, canSend, onCheck, onPreview }: LineProps) {
  const { t } = useTranslation();
  const label = useCheckLabel(line);
  return (
    <li
      data-testid="todo-line"
      data-key={line.key}
      data-account={line.account}
      className={cx(
        'flex min-w-0 gap-3 rounded-lg p-3 shadow-sm ring-1',
        checked ? 'bg-indigo-50/50 ring-indigo-200' : 'bg-white ring-zinc-200',
      )}
    >
      {canSend ? (
        <CheckBox
          state={checked}
          aria-label={label}
          className="mt-0.5 size-5"
          onChange={(e) => onCheck(e.target.checked)}
        />
      ) : null}
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <CustomerCell line={line} />
          </div>
          <Amount cents={toHundredths(line.total, currency)} currency={currency} className="font-semibold" />
        </div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-700">
          <LevelBadge kind={line.kind} level={line.level} />
          <ChannelLabel channel={line.channel} />
          <span className="text-xs text-zinc-500">
            {t(line.isAutomatic ? 'dunning.automatic' : 'dunning.manual')}
          </span>
        </div>
        <div className="flex items-end justify-between gap-3">
          <div className="min-w-0 space-y-1.5">
            <p className="break-words">
              <PieceList pieces={line.pieces} max={2} />
            </p>
            <LineState line={line} />
          </div>
          <Button
            variant="secondary"
            size="sm"
            onClick={onPreview}
            aria-label={t('dunning.preview.for', { name: line.name })}
          >
            <Eye aria-hidden="true" className="size-4" />
            {t('dunning.preview.button')}
          </Button>
        </div>
      </div>
    </li>
  );
}

/** One step of the to-do: its header with count, total and "select all", then its lines. */
export function TodoGroupSection({
  group,
  currency,
  selection,
  canSend,
  onSelect,
  onPreview,
}: {
  group: TodoGroup;
  currency: string;
  selection: Selection;
  canSend: boolean;
  onSelect: (lines: readonly TodoLine[], value: boolean) => void;
  onPreview: (line: TodoLine) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const [isAllShown, setIsAllShown] = useState(false);
  const shown = isAllShown ? group.lines : group.lines.slice(0, FIRST_LINES);
  const state = selectionState(group.lines, selection);
  const checkedCount = group.lines.filter((line) => isChecked(line, selection)).length;
  const title = t(`dunning.groups.${group.key}`);
  const lineProps = (line: TodoLine): LineProps => ({
    line,
    currency,
    checked: isChecked(line, selection),
    canSend,
    onCheck: (value) => onSelect([line], value),
    onPreview: () => onPreview(line),
  });

  return (
    <section
      aria-labelledby={headingId}
      data-testid={`todo-group-${group.key}`}
      data-count={group.lines.length}
      className="min-w-0"
    >
      <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 px-1 lg:px-0">
        {canSend ? (
          <CheckBox
            state={state === 'all' ? true : state === 'none' ? false : 'some'}
            aria-label={t('dunning.todo.selectGroup', { group: title })}
            className="size-5 lg:ml-4 lg:size-4"
            onChange={(e) => onSelect(group.lines, e.target.checked)}
          />
        ) : null}
        <h2 id={headingId} className="text-base font-semibold text-zinc-900">
          {title}
        </h2>
        <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 tabular-nums">
          {t('dunning.todo.lineCount', {
            count: group.lines.length,
            formatted: format.integer(group.lines.length),
          })}
        </span>
        {canSend ? (
          <span className="text-xs text-zinc-500 tabular-nums">
            {t('dunning.todo.selectedCount', {
              count: checkedCount,
              formatted: format.integer(checkedCount),
            })}
          </span>
        ) : null}
        <Amount
          cents={toHundredths(group.total, currency)}
          currency={currency}
          className="ml-auto text-sm font-semibold text-zinc-900"
          testId={`todo-group-total-${group.key}`}
        />
      </div>

      <div className="hidden overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-zinc-200 lg:block">
        <table className="w-full table-fixed text-sm">
          <caption className="sr-only">{title}</caption>
          <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs text-zinc-500">
            <tr>
              {canSend ? (
                <th scope="col" className="w-9 py-2 pl-4">
                  <span className="sr-only">{t('dunning.todo.columns.selected')}</span>
                </th>
              ) : null}
              <th scope="col" className={cx('py-2 pr-3 font-medium', !canSend && 'pl-4')}>
                {t('dunning.todo.columns.customer')}
              </th>
              <th scope="col" className="w-20 py-2 pr-3 font-medium">
                {t('dunning.todo.columns.level')}
              </th>
              <th scope="col" className="w-32 py-2 pr-3 font-medium">
                {t('dunning.todo.columns.channel')}
              </th>
              <th scope="col" className="w-[22%] py-2 pr-3 font-medium">
                {t('dunning.todo.columns.pieces')}
              </th>
              <th scope="col" className="w-32 py-2 pr-3 text-right font-medium">
                {t('dunning.todo.columns.total')}
              </th>
              <th scope="col" className="w-[15%] py-2 pr-3 font-medium">
                {t('dunning.todo.columns.state')}
              </th>
              <th scope="col" className="w-28 py-2 pr-3">
                <span className="sr-only">{t('dunning.preview.button')}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {shown.map((line) => (
              <LineRow key={line.key} {...lineProps(line)} />
            ))}
          </tbody>
        </table>
      </div>

      <ul className="grid grid-cols-1 gap-2 md:grid-cols-2 lg:hidden">
        {shown.map((line) => (
          <LineCard key={line.key} {...lineProps(line)} />
        ))}
      </ul>

      {shown.length < group.lines.length ? (
        <div className="mt-2 text-center">
          <Button variant="secondary" size="sm" onClick={() => setIsAllShown(true)}>
            {t('dunning.todo.showAll', {
              count: group.lines.length,
              formatted: format.integer(group.lines.length),
            })}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
