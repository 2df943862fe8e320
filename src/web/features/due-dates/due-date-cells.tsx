import { useTranslation } from 'react-i18next';
import type { DueDateRow } from '../../../contracts/due-dates';
import { daysBetween } from '../../../domain/calendar';
import { minorUnitDecimals } from '../../../domain/currency';
import { useFormat } from '../../lib/format';
import { Link } from '../../router/router';
import { focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { itemTone, TONE_BADGE, TONE_BAR, TONE_TEXT } from './item-tone';

/** Overdue / Not due / Credit, in the VIS-1 colour of the item. */
export function StatusBadge({ row, className }: { row: DueDateRow; className?: string }) {
  const { t } = useTranslation();
  const tone = itemTone(row);
  return (
    <span
      className={cx(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        TONE_BADGE[tone],
        className,
      )}
    >
      {t(`dueDates.status.${tone === 'credit' ? 'credit' : row.status}`)}
    </span>
  );
}

/**
 * Days late as VIS-1 counts them once the due date has passed; before it, how many days are left
 * (counted from the due date, the same for a debit and a credit).
 */
export function DaysLate({ row, asOf, short = false }: { row: DueDateRow; asOf: string; short?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (row.status === 'overdue') {
    return (
      <span
        title={short ? t('dueDates.daysLate', { count: row.daysLate }) : undefined}
        className={cx('tabular-nums', row.side === 'debit' && 'font-medium text-orange-700')}
      >
        {short ? format.integer(row.daysLate) : t('dueDates.daysLate', { count: row.daysLate })}
      </span>
    );
  }
  const daysLeft = daysBetween(asOf, row.dueDate);
  if (short) {
    return (
      <span className="text-xs text-zinc-500 tabular-nums">
        {daysLeft === 0 ? t('dueDates.dueTodayShort') : t('dueDates.dueInShort', { count: daysLeft })}
      </span>
    );
  }
  return (
    <span className="text-zinc-500 tabular-nums">
      {daysLeft === 0 ? t('dueDates.dueToday') : t('dueDates.dueIn', { count: daysLeft })}
    </span>
  );
}

/** The open amount in the item's colour, with what it was when partly paid or in another currency. */
export function OpenAmount({ row, align = 'right' }: { row: DueDateRow; align?: 'left' | 'right' }) {
  const { t } = useTranslation();
  const format = useFormat();
  const tone = itemTone(row);
  return (
    <div className={align === 'right' ? 'text-right' : undefined}>
      <span
        data-cents={row.openAmount}
        className={cx('font-medium whitespace-nowrap tabular-nums', TONE_TEXT[tone])}
      >
        {format.money(row.openAmount, row.currency)}
      </span>
      {row.openAmount !== row.entryAmount ? (
        <div className="text-xs whitespace-nowrap text-zinc-500 tabular-nums">
          {t('dueDates.partialOf', { amount: format.money(row.entryAmount, row.currency) })}
        </div>
      ) : null}
      {row.originalAmount !== null && row.originalCurrency && row.originalCurrency !== row.currency ? (
        <div className="text-xs whitespace-nowrap text-zinc-500 tabular-nums">
          {t('dueDates.original', {
            // VIS-12: original amounts are in the currency's own minor units (a yen is 1).
            amount: format.money(
              minorUnitDecimals(row.originalCurrency) === 0 ? row.originalAmount * 100 : row.originalAmount,
              row.originalCurrency,
            ),
          })}
        </div>
      ) : null}
    </div>
  );
}

/** The customer's name, linking to its record, over its account (and company). */
export function CustomerCell({ row, showCompany }: { row: DueDateRow; showCompany: boolean }) {
  return (
    <div className="min-w-0">
      <Link
        to={`/customers/${encodeURIComponent(row.customerId)}`}
        className={cx(
          'block truncate font-medium text-zinc-900 hover:text-indigo-700 hover:underline',
          focusRing,
        )}
        title={row.customerName}
      >
        {row.customerName}
      </Link>
      <div className="truncate text-xs text-zinc-500">
        <span className="font-mono">{row.customerAccount}</span>
        {showCompany ? <span> · {row.companyCode}</span> : null}
      </div>
    </div>
  );
}

/** A thin bar in the item's colour, at the left edge of a card. */
export function ToneBar({ row }: { row: DueDateRow }) {
  return (
    <span
      aria-hidden="true"
      className={cx('absolute inset-y-0 left-0 w-1 rounded-l-lg', TONE_BAR[itemTone(row)])}
    />
  );
}

/** The three VIS-1 colours in words. */
export function ToneLegend() {
  const { t } = useTranslation();
  return (
    <ul
      aria-label={t('dueDates.legend.label')}
      className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600"
    >
      {(['notDue', 'overdue', 'credit'] as const).map((tone) => (
        <li key={tone} className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className={cx('size-2.5 rounded-full', TONE_BAR[tone])} />
          {t(`dueDates.legend.${tone}`)}
        </li>
      ))}
    </ul>
  );
}
