import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRecord } from '../../../contracts/customer-record';
import { useFormat } from '../../lib/format';
import { Amount } from '../../ui/amount';
import { cx } from '../../ui/cx';
import { bucketColours, useBucketLabels } from '../customers/aging-bar';

function Tile({ label, children, hint }: { label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="min-w-0 rounded-lg bg-white px-3 py-3 shadow-sm ring-1 ring-zinc-200 sm:px-4">
      <dt className="truncate text-xs font-medium text-zinc-500">{label}</dt>
      <dd className="mt-1 truncate text-base font-semibold text-zinc-900 sm:text-lg xl:text-xl">
        {children}
      </dd>
      {hint ? <dd className="mt-0.5 truncate text-xs text-zinc-500">{hint}</dd> : null}
    </div>
  );
}

/** Balance, overdue, not yet due, oldest due date and the aging of the open items (VIS-6, VIS-1, VIS-2). */
export function OutstandingBlock({ record }: { record: CustomerRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { outstanding: o, currency } = record;
  const labels = useBucketLabels(record.agingBounds);
  const colours = bucketColours(o.buckets.length);
  const oldestLate = o.oldestDueDate !== null && o.oldestDueDate < record.asOf;
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="record-outstanding">
        <Tile
          label={t('customerRecord.outstanding.balance')}
          hint={
            o.openItemCount === 0
              ? t('customerRecord.outstanding.nothingOpen')
              : t('customerRecord.outstanding.openItems', { count: o.openItemCount })
          }
        >
          <Amount cents={o.balance} currency={currency} testId="record-balance" />
        </Tile>
        <Tile label={t('customerRecord.outstanding.overdue')}>
          <Amount cents={o.overdue} currency={currency} tone="overdue" testId="record-overdue" />
        </Tile>
        <Tile label={t('customerRecord.outstanding.notDue')}>
          <Amount cents={o.notDue} currency={currency} testId="record-not-due" />
        </Tile>
        <Tile
          label={t('customerRecord.outstanding.oldest')}
          hint={
            o.maxDaysLate !== null && o.maxDaysLate > 0
              ? t('customerRecord.outstanding.daysLate', { count: o.maxDaysLate })
              : undefined
          }
        >
          {o.oldestDueDate ? (
            <span className={cx('tabular-nums', oldestLate && 'text-orange-600')}>
              {format.date(o.oldestDueDate)}
            </span>
          ) : (
            <span className="text-zinc-400">—</span>
          )}
        </Tile>
      </dl>
      {o.balance < 0 ? (
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
          {t('customerRecord.outstanding.inCredit')}
        </p>
      ) : null}
      {o.openItemCount > 0 ? (
        <div className="rounded-lg bg-white px-3 py-3 shadow-sm ring-1 ring-zinc-200 sm:px-4">
          <h2 className="sr-only">{t('customerRecord.outstanding.aging')}</h2>
          <ul className="grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-3 lg:flex lg:flex-wrap lg:gap-x-8">
            {o.buckets.map((value, index) => (
              <li key={labels[index] ?? index} className="min-w-0">
                <p className="flex items-center gap-1.5 truncate text-xs text-zinc-500">
                  <span aria-hidden="true" className={cx('size-2 shrink-0 rounded-full', colours[index])} />
                  {labels[index]}
                </p>
                <Amount cents={value} currency={currency} className="text-sm font-medium" muteZero />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
