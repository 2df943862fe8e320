import { Gavel, Handshake, Layers, MessageSquareWarning, OctagonPause, Play, X } from 'lucide-react';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRecord } from '../../../contracts/customer-record';
import type { CustomerDunning } from '../../../contracts/dunning';
import { daysBetween } from '../../../domain/calendar';
import { useCurrentUser } from '../../api/auth';
import { useFormat } from '../../lib/format';
import { Amount } from '../../ui/amount';
import { Button, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { ErrorNotice, Spinner } from '../../ui/feedback';
import { Label, Select } from '../../ui/field';
import { CheckBox } from '../dunning/check-box';
import {
  type DunningItem,
  type ItemPromise,
  MANUAL_KINDS,
  type ManualKind,
  promiseTone,
  summarizeSelection,
} from '../dunning/customer-dunning-state';
import { CHANNEL_ICONS, LevelBadge } from '../dunning/dunning-labels';
import { useProfiles } from '../dunning/use-dunning';
import {
  useAddPromise,
  useCancelPromise,
  useCustomerDunning,
  usePatchCustomerDunning,
  usePatchItems,
  useRecordAction,
} from '../dunning/use-dunning-actions';
import { ActionDialog } from './action-dialog';
import { LevelDialog, PromiseDialog, ReasonDialog, useItemsText } from './dunning-dialogs';
import { DunningHistory } from './dunning-history';
import { RecordCard, toHundredths } from './record-ui';

type Open =
  | { kind: 'action'; action: ManualKind }
  | { kind: 'reason'; scope: 'customer' | 'items'; flag: 'stop' | 'dispute' }
  | { kind: 'level' }
  | { kind: 'promise' };

const KIND_ICONS = {
  call: CHANNEL_ICONS.phone,
  email: CHANNEL_ICONS.email,
  letter: CHANNEL_ICONS.letter,
  other: CHANNEL_ICONS.other,
} as const;

/** The items' columns on a wide screen: box, piece, due date, level, flags and promises, amount. */
const ITEM_COLUMNS = 'md:grid-cols-[1rem_minmax(8rem,10rem)_9rem_7rem_minmax(0,1fr)_8rem]';

/** CSH-1 colours: orange when a promise is late, blue when all are to come. */
const PROMISE_TONES: Record<ItemPromise['status'], string> = {
  expected: 'bg-sky-50 text-sky-800 ring-sky-200',
  late: 'bg-orange-50 text-orange-800 ring-orange-200',
  kept: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  cancelled: 'bg-zinc-50 text-zinc-500 ring-zinc-200 line-through',
};

function Flag({
  tone,
  icon,
  children,
}: {
  tone: 'red' | 'amber' | 'zinc';
  icon: ReactNode;
  children: ReactNode;
}) {
  return (
    <span
      className={cx(
        'inline-flex max-w-full items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        tone === 'red' && 'bg-red-50 text-red-800 ring-red-200',
        tone === 'amber' && 'bg-amber-50 text-amber-800 ring-amber-200',
        tone === 'zinc' && 'bg-zinc-100 text-zinc-700 ring-zinc-200',
      )}
    >
      {icon}
      <span className="truncate">{children}</span>
    </span>
  );
}

/** STOP, dispute and profile of the customer (DUN-8, DUN-1), each switched from here. */
function CustomerState({
  record,
  state,
  canAct,
  onOpen,
}: {
  record: CustomerRecord;
  state: CustomerDunning;
  canAct: boolean;
  onOpen: (open: Open) => void;
}) {
  const { t } = useTranslation();
  const profileId = useId();
  const profiles = useProfiles();
  const patch = usePatchCustomerDunning(record.id);
  const profileName = profiles.data?.find((p) => p.id === state.profileId)?.name ?? '—';
  const flags = [
    { flag: 'stop', reason: state.stopReason, Icon: OctagonPause },
    { flag: 'dispute', reason: state.disputeReason, Icon: MessageSquareWarning },
  ] as const;
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      {flags.map(({ flag, reason, Icon }) => (
        <div
          key={flag}
          data-testid={`customer-${flag}`}
          data-state={reason === null ? 'off' : 'on'}
          className={cx(
            'flex min-w-0 items-center justify-between gap-3 rounded-md p-3 ring-1 sm:block',
            reason === null ? 'bg-zinc-50 ring-zinc-200' : 'bg-red-50 ring-red-200',
          )}
        >
          <div className="min-w-0">
            <p className="flex items-center gap-1.5 text-xs font-medium text-zinc-500">
              <Icon aria-hidden="true" className="size-3.5" />
              {t(`dunning.record.${flag}.label`)}
            </p>
            <p
              className={cx(
                'mt-1 text-sm font-medium break-words',
                reason === null ? 'text-zinc-700' : 'text-red-800',
              )}
            >
              {reason === null ? t(`dunning.record.${flag}.off`) : t(`dunning.record.${flag}.on`, { reason })}
            </p>
          </div>
          {canAct ? (
            <Button
              variant="secondary"
              size="sm"
              className="shrink-0 sm:mt-2"
              data-testid={`customer-${flag}-toggle`}
              disabled={patch.isPending}
              onClick={() =>
                reason === null
                  ? onOpen({ kind: 'reason', scope: 'customer', flag })
                  : patch.mutate(flag === 'stop' ? { stopReason: null } : { disputeReason: null })
              }
            >
              {reason === null ? t(`dunning.record.${flag}.put`) : t(`dunning.record.${flag}.lift`)}
            </Button>
          ) : null}
        </div>
      ))}
      <div className="min-w-0 rounded-md bg-zinc-50 p-3 ring-1 ring-zinc-200">
        <Label htmlFor={profileId} className="text-xs font-medium text-zinc-500">
          {t('dunning.record.profile')}
        </Label>
        {canAct && profiles.data ? (
          <Select
            id={profileId}
            data-testid="customer-profile"
            className="mt-1"
            value={state.profileId}
            disabled={patch.isPending}
            onChange={(event) => patch.mutate({ profileId: event.target.value })}
          >
            {profiles.data.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.isDefault ? ` (${t('dunning.settings.profiles.default')})` : ''}
              </option>
            ))}
          </Select>
        ) : (
          <p id={profileId} className="mt-1 text-sm font-medium text-zinc-700">
            {profileName}
          </p>
        )}
      </div>
      {patch.isError ? <ErrorNotice error={patch.error} className="sm:col-span-3" /> : null}
    </div>
  );
}

function PromiseChip({
  promise,
  currency,
  canCancel,
  onCancel,
}: {
  promise: ItemPromise;
  currency: string;
  canCancel: boolean;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const isLive = promise.status === 'expected' || promise.status === 'late';
  return (
    <li
      data-testid="promise"
      data-status={promise.status}
      className={cx(
        'inline-flex items-center gap-1 rounded-full py-0.5 pr-1 pl-2 text-xs ring-1 ring-inset',
        PROMISE_TONES[promise.status],
      )}
    >
      <Handshake aria-hidden="true" className="size-3.5" />
      <span className="tabular-nums">
        {format.money(toHundredths(promise.amount, currency), currency)} · {format.date(promise.date)}
      </span>
      <span className="font-medium">{t(`dunning.record.promiseStatus.${promise.status}`)}</span>
      {canCancel && isLive ? (
        <button
          type="button"
          onClick={onCancel}
          data-testid="promise-cancel"
          className={cx('rounded-full p-0.5 hover:bg-white/70', focusRing)}
        >
          <X aria-hidden="true" className="size-3.5" />
          <span className="sr-only">{t('dunning.record.promise.cancel')}</span>
        </button>
      ) : null}
    </li>
  );
}

function ItemRow({
  item,
  record,
  canAct,
  isSelected,
  onSelect,
  onCancelPromise,
}: {
  item: DunningItem;
  record: CustomerRecord;
  canAct: boolean;
  isSelected: boolean;
  onSelect: (value: boolean) => void;
  onCancelPromise: (id: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const late = daysBetween(item.dueDate, record.asOf);
  const tone = promiseTone(item.promises);
  const dueText = (
    <>
      <span className="tabular-nums">{format.date(item.dueDate)}</span>
      {item.amount > 0 && late > 0 ? (
        <span className="ml-2 font-medium text-orange-600">
          {t('customerRecord.situation.daysLateShort', { count: late })}
        </span>
      ) : null}
    </>
  );
  const hasFlags = item.stopReason || item.disputeReason || item.isInCollection || item.promises.length > 0;
  return (
    <li
      data-testid="dunning-item"
      data-key={item.entryKey}
      data-level={item.level}
      data-promise-tone={tone ?? undefined}
      className={cx(
        'grid grid-cols-[auto_minmax(0,1fr)_auto] gap-x-3 gap-y-1 border-l-4 py-2.5 pr-1 pl-2',
        ITEM_COLUMNS,
        tone === 'late' ? 'border-orange-400' : tone === 'expected' ? 'border-sky-400' : 'border-transparent',
        isSelected && 'bg-indigo-50/50',
      )}
    >
      <div className="row-span-2 pt-0.5 md:row-span-1">
        {canAct ? (
          <CheckBox
            state={isSelected}
            aria-label={t('dunning.record.selectItem', { piece: item.pieceRef })}
            onChange={(event) => onSelect(event.target.checked)}
          />
        ) : null}
      </div>
      <div className="min-w-0 text-sm">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
          <span className="font-medium text-zinc-900">{item.pieceRef}</span>
          <span className="md:hidden">
            <LevelBadge kind="reminder" level={item.level} />
          </span>
        </p>
        <p className="text-xs text-zinc-500 md:hidden">{dueText}</p>
      </div>
      <p className="hidden text-sm text-zinc-700 md:block">{dueText}</p>
      <div className="hidden md:block">
        <LevelBadge kind="reminder" level={item.level} />
        {item.lastReminderDate ? (
          <p className="mt-0.5 text-xs text-zinc-500">
            {t('dunning.record.lastReminder', { date: format.date(item.lastReminderDate) })}
          </p>
        ) : null}
      </div>
      <Amount
        cents={toHundredths(item.amount, record.currency)}
        currency={record.currency}
        className="col-start-3 row-start-1 text-right text-sm font-medium md:col-start-6"
      />
      {hasFlags ? (
        <div className="col-span-2 col-start-2 flex min-w-0 flex-wrap gap-1.5 md:col-span-1 md:col-start-5 md:row-start-1">
          {item.stopReason ? (
            <Flag tone="red" icon={<OctagonPause aria-hidden="true" className="size-3.5 shrink-0" />}>
              {t('dunning.record.stop.itemOn', { reason: item.stopReason })}
            </Flag>
          ) : null}
          {item.disputeReason ? (
            <Flag
              tone="amber"
              icon={<MessageSquareWarning aria-hidden="true" className="size-3.5 shrink-0" />}
            >
              {t('dunning.record.dispute.itemOn', { reason: item.disputeReason })}
            </Flag>
          ) : null}
          {item.isInCollection ? (
            <Flag tone="zinc" icon={<Gavel aria-hidden="true" className="size-3.5 shrink-0" />}>
              {t('dunning.record.collection.on')}
            </Flag>
          ) : null}
          {item.promises.length > 0 ? (
            <ul className="contents">
              {item.promises.map((p) => (
                <PromiseChip
                  key={p.id}
                  promise={p}
                  currency={record.currency}
                  canCancel={canAct}
                  onCancel={() => onCancelPromise(p.id)}
                />
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** Column titles of the items on a wide screen; on a phone each item is a small card. */
function ItemsHeader() {
  const { t } = useTranslation();
  return (
    <div
      aria-hidden="true"
      className={cx(
        'hidden border-b border-zinc-200 py-1.5 pr-1 pl-3 text-xs font-medium text-zinc-500 md:grid md:gap-x-3',
        ITEM_COLUMNS,
      )}
    >
      <span className="w-4" />
      <span>{t('dunning.record.columns.piece')}</span>
      <span>{t('dunning.record.columns.dueDate')}</span>
      <span>{t('dunning.record.columns.level')}</span>
      <span>{t('dunning.record.columns.follow')}</span>
      <span className="text-right">{t('dunning.record.columns.amount')}</span>
    </div>
  );
}

/** What to do with the selected items: manual actions, promise, STOP, dispute, level, collection. */
function SelectionBar({
  items,
  selected,
  currency,
  isPending,
  onOpen,
  onPatch,
  onClear,
}: {
  items: readonly DunningItem[];
  selected: ReadonlySet<string>;
  currency: string;
  isPending: boolean;
  onOpen: (open: Open) => void;
  onPatch: (body: { stopReason?: null; disputeReason?: null; isInCollection?: boolean }) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const s = summarizeSelection(items, selected);
  const summary = useItemsText(s.items, currency);
  const none = s.items.length === 0;
  return (
    <div
      data-testid="dunning-selection"
      data-count={s.items.length}
      className="space-y-2 rounded-md bg-zinc-50 p-3 ring-1 ring-zinc-200"
    >
      <p className="flex flex-wrap items-center gap-x-3 text-sm text-zinc-700" aria-live="polite">
        {none ? t('dunning.record.selectHint') : <span className="font-medium">{summary}</span>}
        {none ? null : (
          <Button variant="ghost" size="sm" onClick={onClear}>
            {t('dunning.todo.selectNone')}
          </Button>
        )}
      </p>
      <div className="flex flex-wrap gap-1.5">
        {MANUAL_KINDS.map((kind) => {
          const Icon = KIND_ICONS[kind];
          return (
            <Button
              key={kind}
              size="sm"
              variant={kind === 'call' ? 'primary' : 'secondary'}
              disabled={none}
              data-testid={`act-${kind}`}
              onClick={() => onOpen({ kind: 'action', action: kind })}
            >
              <Icon aria-hidden="true" className="size-3.5" />
              {t(`dunning.record.action.kinds.${kind}`)}
            </Button>
          );
        })}
        <Button
          size="sm"
          variant="secondary"
          disabled={s.items.length !== 1}
          title={s.items.length > 1 ? t('dunning.record.promise.oneItem') : undefined}
          data-testid="act-promise"
          onClick={() => onOpen({ kind: 'promise' })}
        >
          <Handshake aria-hidden="true" className="size-3.5" />
          {t('dunning.record.promise.add')}
        </Button>
      </div>
      <div className="flex flex-wrap gap-1.5">
        {s.isAllStopped ? null : (
          <Button
            size="sm"
            variant="secondary"
            disabled={none}
            data-testid="act-stop"
            onClick={() => onOpen({ kind: 'reason', scope: 'items', flag: 'stop' })}
          >
            <OctagonPause aria-hidden="true" className="size-3.5" />
            {t('dunning.record.stop.put')}
          </Button>
        )}
        {s.isAnyStopped ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={isPending}
            onClick={() => onPatch({ stopReason: null })}
          >
            <Play aria-hidden="true" className="size-3.5" />
            {t('dunning.record.stop.lift')}
          </Button>
        ) : null}
        {s.isAllDisputed ? null : (
          <Button
            size="sm"
            variant="secondary"
            disabled={none}
            data-testid="act-dispute"
            onClick={() => onOpen({ kind: 'reason', scope: 'items', flag: 'dispute' })}
          >
            <MessageSquareWarning aria-hidden="true" className="size-3.5" />
            {t('dunning.record.dispute.put')}
          </Button>
        )}
        {s.isAnyDisputed ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={isPending}
            onClick={() => onPatch({ disputeReason: null })}
          >
            {t('dunning.record.dispute.lift')}
          </Button>
        ) : null}
        <Button
          size="sm"
          variant="secondary"
          disabled={none}
          data-testid="act-level"
          onClick={() => onOpen({ kind: 'level' })}
        >
          <Layers aria-hidden="true" className="size-3.5" />
          {t('dunning.record.level.button')}
        </Button>
        <Button
          size="sm"
          variant="secondary"
          disabled={none || isPending}
          data-testid="act-collection"
          onClick={() => onPatch({ isInCollection: !s.isAllInCollection })}
        >
          <Gavel aria-hidden="true" className="size-3.5" />
          {t(s.isAllInCollection ? 'dunning.record.collection.off' : 'dunning.record.collection.put')}
        </Button>
      </div>
    </div>
  );
}

/**
 * Dunning on the customer record (DUN-11, DUN-8, CSH-1): the customer's STOP, dispute and
 * profile; its open items with their level, flags and promises; the actions on a selection of
 * them; the last actions. Viewers read; users and admins act (the server checks the portfolio).
 */
export function DunningCard({ record }: { record: CustomerRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  const canAct = me.user.role !== 'viewer';
  const query = useCustomerDunning(record.id);
  const state = query.data;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<Open | null>(null);
  const patchCustomer = usePatchCustomerDunning(record.id);
  const patchItems = usePatchItems(record.id);
  const recordAction = useRecordAction(record.id);
  const addPromise = useAddPromise(record.id);
  const cancelPromise = useCancelPromise(record.id);

  const items = state?.items ?? [];
  const chosen = summarizeSelection(items, selected).items;
  const close = () => setOpen(null);
  const done = () => {
    setOpen(null);
    setSelected(new Set());
  };
  const select = (key: string, value: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (value) next.add(key);
      else next.delete(key);
      return next;
    });
  const allState =
    items.length > 0 && selected.size === items.length ? true : selected.size > 0 ? 'some' : false;
  const itemsText = useItemsText(chosen, record.currency);

  return (
    <RecordCard
      title={t('dunning.record.title')}
      testId="record-dunning"
      actions={query.isFetching && state ? <Spinner className="text-zinc-400" /> : null}
    >
      {query.isError && !state ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : !state ? (
        <Spinner label={t('common.loading')} />
      ) : (
        <div className="space-y-5">
          <CustomerState record={record} state={state} canAct={canAct} onOpen={setOpen} />

          <div>
            <div className="mb-1 flex flex-wrap items-center justify-between gap-2">
              <h3 className="flex items-center gap-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
                {canAct && items.length > 0 ? (
                  <CheckBox
                    state={allState}
                    aria-label={t('dunning.record.selectAll')}
                    onChange={(event) =>
                      setSelected(event.target.checked ? new Set(items.map((i) => i.entryKey)) : new Set())
                    }
                  />
                ) : null}
                {t('dunning.record.items', { count: items.length, formatted: format.integer(items.length) })}
              </h3>
              <p className="text-xs text-zinc-500">{t('dunning.record.promiseLegend')}</p>
            </div>
            {items.length === 0 ? (
              <p className="text-sm text-zinc-500">{t('dunning.record.noItems')}</p>
            ) : (
              <>
                <ItemsHeader />
                <ul
                  className="divide-y divide-zinc-100"
                  data-testid="dunning-items"
                  data-count={items.length}
                >
                  {items.map((item) => (
                    <ItemRow
                      key={item.entryKey}
                      item={item}
                      record={record}
                      canAct={canAct}
                      isSelected={selected.has(item.entryKey)}
                      onSelect={(value) => select(item.entryKey, value)}
                      onCancelPromise={(id) => cancelPromise.mutate(id)}
                    />
                  ))}
                </ul>
              </>
            )}
            {cancelPromise.isError ? <ErrorNotice error={cancelPromise.error} className="mt-2" /> : null}
          </div>

          {canAct && items.length > 0 ? (
            <SelectionBar
              items={items}
              selected={selected}
              currency={record.currency}
              isPending={patchItems.isPending}
              onOpen={(next) => {
                patchItems.reset();
                recordAction.reset();
                addPromise.reset();
                patchCustomer.reset();
                setOpen(next);
              }}
              onPatch={(body) => patchItems.mutate({ entryKeys: chosen.map((i) => i.entryKey), ...body })}
              onClear={() => setSelected(new Set())}
            />
          ) : canAct ? null : (
            <p className="text-xs text-zinc-500">{t('dunning.record.viewerNote')}</p>
          )}
          {patchItems.isError && !open ? <ErrorNotice error={patchItems.error} /> : null}

          <DunningHistory actions={state.actions} />
        </div>
      )}

      {open?.kind === 'action' ? (
        <ActionDialog
          initialKind={open.action}
          record={record}
          items={chosen}
          today={record.asOf}
          isPending={recordAction.isPending}
          error={recordAction.error}
          onClose={close}
          onSubmit={(body) => recordAction.mutate(body, { onSuccess: done })}
        />
      ) : null}
      {open?.kind === 'reason' ? (
        <ReasonDialog
          flag={open.flag}
          target={open.scope === 'customer' ? record.name : itemsText}
          isPending={open.scope === 'customer' ? patchCustomer.isPending : patchItems.isPending}
          error={open.scope === 'customer' ? patchCustomer.error : patchItems.error}
          onClose={close}
          onSubmit={(reason) => {
            const body = open.flag === 'stop' ? { stopReason: reason } : { disputeReason: reason };
            if (open.scope === 'customer') patchCustomer.mutate(body, { onSuccess: close });
            else
              patchItems.mutate({ entryKeys: chosen.map((i) => i.entryKey), ...body }, { onSuccess: done });
          }}
        />
      ) : null}
      {open?.kind === 'level' ? (
        <LevelDialog
          items={chosen}
          currency={record.currency}
          isPending={patchItems.isPending}
          error={patchItems.error}
          onClose={close}
          onSubmit={(level) =>
            patchItems.mutate({ entryKeys: chosen.map((i) => i.entryKey), level }, { onSuccess: done })
          }
        />
      ) : null}
      {open?.kind === 'promise' && chosen.length === 1 ? (
        <PromiseDialog
          item={chosen[0]!}
          currency={record.currency}
          today={record.asOf}
          isPending={addPromise.isPending}
          error={addPromise.error}
          onClose={close}
          onSubmit={(body) =>
            addPromise.mutate({ entryKey: chosen[0]!.entryKey, ...body }, { onSuccess: done })
          }
        />
      ) : null}
    </RecordCard>
  );
}
