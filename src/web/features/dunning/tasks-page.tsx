import { Check, ListChecks, SkipForward, UserRound } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type Task } from '../../../contracts/dunning';
import { useCurrentUser } from '../../api/auth';
import { useFormat } from '../../lib/format';
import { Link, setSearchParams, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Button, buttonClasses, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { TextArea } from '../../ui/dialog';
import { EmptyState, ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { Label, Select } from '../../ui/field';
import { ChannelLabel, LevelBadge, PieceList } from './dunning-labels';
import { DunningTabs } from './dunning-tabs';
import { isTaskLate, peopleOf, tasksFor, UNASSIGNED } from './task-list';
import { usePatchTask, useTasks } from './use-dunning-actions';

type Status = Task['status'];

function readStatus(value: string | null): Status {
  return value !== null && (TASK_STATUSES as readonly string[]).includes(value) ? (value as Status) : 'open';
}

/** Done or skipped, with a comment: the form under an open task. */
function CloseForm({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [comment, setComment] = useState('');
  const patch = usePatchTask();
  const close = (status: 'done' | 'skipped') =>
    patch.mutate({ id: task.id, body: { status, comment: comment.trim() || null } }, { onSuccess: onClose });
  return (
    <div
      className="col-span-full space-y-2 rounded-md bg-zinc-50 p-3 ring-1 ring-zinc-200"
      data-testid="task-form"
    >
      <Label htmlFor={id}>{t('dunning.tasks.comment')}</Label>
      <TextArea
        id={id}
        rows={2}
        maxLength={2000}
        value={comment}
        placeholder={t('dunning.tasks.commentPlaceholder')}
        onChange={(event) => setComment(event.target.value)}
      />
      {patch.isError ? <ErrorNotice error={patch.error} /> : null}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" disabled={patch.isPending} onClick={() => close('done')} data-testid="task-done">
          {patch.isPending ? (
            <Spinner className="text-white" />
          ) : (
            <Check aria-hidden="true" className="size-3.5" />
          )}
          {t('dunning.tasks.markDone')}
        </Button>
        <Button
          size="sm"
          variant="secondary"
          disabled={patch.isPending}
          onClick={() => close('skipped')}
          data-testid="task-skip"
        >
          <SkipForward aria-hidden="true" className="size-3.5" />
          {t('dunning.tasks.markSkipped')}
        </Button>
        <Button size="sm" variant="ghost" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}

function TaskRow({ task, today, canAct }: { task: Task; today: string; canAct: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [isOpen, setIsOpen] = useState(false);
  const isLate = isTaskLate(task, today);
  return (
    <li
      data-testid="task"
      data-id={task.id}
      data-account={task.account}
      data-status={task.status}
      className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 gap-y-1.5 px-4 py-3 text-sm md:grid-cols-[7rem_minmax(0,2fr)_minmax(0,1.5fr)_minmax(0,1.5fr)_auto]"
    >
      <div className="tabular-nums">
        <span className={cx(isLate ? 'font-medium text-orange-600' : 'text-zinc-700')}>
          {format.date(task.dueDate)}
        </span>
        {isLate ? (
          <span className="ml-2 text-xs text-orange-600 md:ml-0 md:block">{t('dunning.tasks.late')}</span>
        ) : null}
      </div>
      <div className="col-span-2 min-w-0 md:col-span-1">
        <p className="truncate font-medium text-zinc-900">
          {task.customerId ? (
            <Link
              to={`/customers/${task.customerId}`}
              className={cx('rounded hover:text-indigo-700', focusRing)}
            >
              {task.name ?? task.account}
            </Link>
          ) : (
            (task.name ?? task.account)
          )}
        </p>
        <p className="truncate font-mono text-xs text-zinc-500">
          {task.companyCode} · {task.account}
        </p>
      </div>
      <div className="col-span-2 min-w-0 space-y-1 md:col-span-1">
        <p className="flex flex-wrap items-center gap-2">
          <ChannelLabel channel={task.channel} className="text-zinc-700" />
          {task.level ? <LevelBadge kind="reminder" level={task.level} /> : null}
        </p>
        <p>
          <PieceList pieces={task.pieces} />
        </p>
      </div>
      <div className="col-span-2 min-w-0 space-y-0.5 text-xs text-zinc-600 md:col-span-1">
        <p className="flex items-start gap-1" data-testid="task-owners">
          <UserRound aria-hidden="true" className="mt-px size-3.5 shrink-0 text-zinc-400" />
          <span className="min-w-0 break-words">
            {task.salesRep === null && task.collector === null
              ? t('dunning.tasks.unassigned')
              : [
                  task.salesRep ? t('dunning.tasks.salesRep', { name: task.salesRep }) : null,
                  task.collector ? t('dunning.tasks.collector', { name: task.collector }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
          </span>
        </p>
        {task.status !== 'open' ? (
          <p className="text-zinc-500">
            {t(`dunning.tasks.closedBy.${task.status}`, {
              name: task.doneByName ?? '—',
              date: task.doneAt ? format.dateTime(task.doneAt) : '—',
            })}
          </p>
        ) : null}
        {task.comment ? <p className="break-words text-zinc-800">{task.comment}</p> : null}
      </div>
      <div className="col-start-2 row-start-1 justify-self-end md:col-start-5">
        {task.status === 'open' && canAct && !isOpen ? (
          <Button size="sm" variant="secondary" onClick={() => setIsOpen(true)} data-testid="task-close">
            {t('dunning.tasks.close')}
          </Button>
        ) : task.status !== 'open' ? (
          <span
            className={cx(
              'inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
              task.status === 'done'
                ? 'bg-emerald-50 text-emerald-800 ring-emerald-200'
                : 'bg-zinc-100 text-zinc-600 ring-zinc-200',
            )}
          >
            {t(`dunning.tasks.statuses.${task.status}`)}
          </span>
        ) : null}
      </div>
      {isOpen ? <CloseForm task={task} onClose={() => setIsOpen(false)} /> : null}
    </li>
  );
}

/**
 * The action list (issue 4 point 4), `/dunning/tasks`: the calls and manual steps of the
 * scenarios for the caller's portfolio, with who follows each customer; marked done or skipped
 * with a comment. Status and person are kept in the URL.
 */
export default function TasksPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('dunning.tasks.title'));
  const format = useFormat();
  const me = useCurrentUser();
  const canAct = me.user.role !== 'viewer';
  const params = useSearchParams();
  const status = readStatus(params.get('status'));
  const person = params.get('person');
  const personId = useId();
  const tasks = useTasks(status);
  const data = tasks.data;
  const shown = data ? tasksFor(data.items, person) : [];
  const people = data ? peopleOf(data.items) : [];

  return (
    <div className="mx-auto max-w-7xl">
      <PageHeader title={t('dunning.tasks.title')} description={t('dunning.tasks.subtitle')} />
      <DunningTabs />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <fieldset className="inline-flex rounded-md shadow-sm" data-testid="task-status">
          <legend className="sr-only">{t('dunning.tasks.status')}</legend>
          {TASK_STATUSES.map((s, index) => (
            <button
              key={s}
              type="button"
              aria-pressed={status === s}
              onClick={() => setSearchParams({ status: s === 'open' ? null : s })}
              className={cx(
                'px-3 py-1.5 text-sm font-medium ring-1 ring-zinc-300 ring-inset',
                index === 0 && 'rounded-l-md',
                index === TASK_STATUSES.length - 1 && 'rounded-r-md',
                index > 0 && '-ml-px',
                status === s
                  ? 'z-10 bg-indigo-600 text-white ring-indigo-600'
                  : 'bg-white text-zinc-700 hover:bg-zinc-50',
                focusRing,
              )}
            >
              {t(`dunning.tasks.tabs.${s}`)}
            </button>
          ))}
        </fieldset>
        <div className="flex items-center gap-2">
          <Label htmlFor={personId} className="text-xs font-normal text-zinc-600">
            {t('dunning.tasks.person')}
          </Label>
          <Select
            id={personId}
            className="w-auto py-1.5 text-xs"
            value={person ?? ''}
            onChange={(event) => setSearchParams({ person: event.target.value || null }, { replace: true })}
          >
            <option value="">{t('dunning.tasks.everyone')}</option>
            {people.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            <option value={UNASSIGNED}>{t('dunning.tasks.unassigned')}</option>
          </Select>
        </div>
        {data ? (
          <p className="text-sm text-zinc-600 sm:ml-auto" data-testid="task-count" data-count={shown.length}>
            {t('dunning.tasks.count', { count: shown.length, formatted: format.integer(shown.length) })}
          </p>
        ) : null}
      </div>
      {tasks.isError && !data ? (
        <ErrorNotice error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : shown.length === 0 ? (
        <EmptyState
          icon={<ListChecks className="size-8" />}
          title={t(`dunning.tasks.empty.${status}`)}
          description={t('dunning.tasks.emptyText')}
          action={
            <Link to="/dunning" className={buttonClasses({ variant: 'secondary' })}>
              {t('dunning.tasks.toTodo')}
            </Link>
          }
        />
      ) : (
        <ul
          className="divide-y divide-zinc-100 rounded-lg bg-white shadow-sm ring-1 ring-zinc-200"
          data-testid="task-list"
        >
          {shown.map((task) => (
            <TaskRow key={task.id} task={task} today={data.today} canAct={canAct} />
          ))}
        </ul>
      )}
      {canAct ? null : <p className="mt-3 text-xs text-zinc-500">{t('dunning.tasks.viewerNote')}</p>}
    </div>
  );
}
