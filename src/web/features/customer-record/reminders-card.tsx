import { Bot, CircleAlert, User } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CustomerReminderWithUser } from '../../../contracts/dunning';
import { useFormat } from '../../lib/format';
import { Link } from '../../router/router';
import { Amount } from '../../ui/amount';
import { ErrorNotice, Spinner } from '../../ui/feedback';
import { ChannelLabel, LevelBadge, PieceList, ReminderStatusBadge } from '../dunning/dunning-labels';
import { useCustomerReminders } from '../dunning/use-dunning';
import { RecordCard, toHundredths } from './record-ui';

function ReminderRow({ reminder }: { reminder: CustomerReminderWithUser }) {
  const { t } = useTranslation();
  const format = useFormat();
  const isAutomatic = reminder.actor === 'automatic';
  const ActorIcon = isAutomatic ? Bot : User;
  return (
    <li
      data-testid="customer-reminder"
      data-status={reminder.status}
      className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5 py-3 md:grid-cols-[8.5rem_minmax(0,1fr)_auto]"
    >
      <div className="col-start-1 row-start-1 text-sm text-zinc-700 tabular-nums md:row-span-2">
        {reminder.sentAt ? (
          format.dateTime(reminder.sentAt)
        ) : (
          <span className="text-zinc-500">
            {t('dunning.customerReminders.plannedFor', { date: format.date(reminder.plannedFor) })}
          </span>
        )}
      </div>
      <div className="col-span-2 col-start-1 row-start-2 flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 text-sm md:col-span-1 md:col-start-2 md:row-start-1">
        <LevelBadge kind={reminder.kind} level={reminder.level} />
        <ChannelLabel channel={reminder.channel} className="text-zinc-700" />
        <ReminderStatusBadge status={reminder.status} />
        <span className="inline-flex items-center gap-1 text-xs text-zinc-500">
          <ActorIcon aria-hidden="true" className="size-3.5" />
          {t(isAutomatic ? 'dunning.customerReminders.automatic' : 'dunning.customerReminders.user')}
          {reminder.userName ? <span data-testid="reminder-user"> · {reminder.userName}</span> : null}
        </span>
      </div>
      <div className="col-start-2 row-start-1 text-right md:col-start-3 md:row-span-2">
        <Amount
          cents={toHundredths(reminder.total, reminder.currency)}
          currency={reminder.currency}
          className="text-sm font-medium"
        />
      </div>
      <div className="col-span-2 col-start-1 row-start-3 min-w-0 space-y-1 md:col-span-1 md:col-start-2 md:row-start-2">
        {reminder.subject ? <p className="break-words text-sm text-zinc-900">{reminder.subject}</p> : null}
        <p>
          <PieceList pieces={reminder.pieces} max={4} />
        </p>
        {reminder.error ? (
          <p className="flex items-start gap-1 text-xs break-words text-red-700">
            <CircleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
            {reminder.error}
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** The customer's reminders, newest first, as archived (DUN-14). */
export function RemindersCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const reminders = useCustomerReminders(customerId);
  const items = reminders.data;
  return (
    <RecordCard
      title={t('dunning.customerReminders.title')}
      testId="record-reminders"
      actions={
        <>
          {reminders.isFetching && items ? <Spinner className="text-zinc-400" /> : null}
          <Link to="/dunning" className="text-sm font-medium text-indigo-700 hover:text-indigo-900">
            {t('dunning.customerReminders.todoLink')}
          </Link>
        </>
      }
    >
      {reminders.isError ? (
        <ErrorNotice error={reminders.error} onRetry={() => void reminders.refetch()} />
      ) : !items ? (
        <Spinner label={t('common.loading')} />
      ) : items.length === 0 ? (
        <p className="text-sm text-zinc-500">{t('dunning.customerReminders.empty')}</p>
      ) : (
        <ul className="-my-3 divide-y divide-zinc-100" data-count={items.length}>
          {items.map((reminder) => (
            <ReminderRow key={reminder.id} reminder={reminder} />
          ))}
        </ul>
      )}
    </RecordCard>
  );
}
