import { ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../contracts/alerts';
import { useFormat } from '../../lib/format';
import { Link } from '../../router/router';
import { Amount } from '../../ui/amount';
import { focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';

type Rows<K extends Alert['kind']> = (Alert & { kind: K })['rows'];

/** One row of an alert: what it is about, a detail line, a figure, and a link to where to act. */
function RowLink({
  href,
  title,
  detail,
  figure,
  testId,
  wrapDetail = false,
}: {
  href: string;
  title: ReactNode;
  detail: ReactNode;
  figure?: ReactNode;
  testId?: string;
  /** Let the detail line wrap instead of cutting it (when it carries a date that matters). */
  wrapDetail?: boolean;
}) {
  return (
    <li>
      <Link
        to={href}
        data-testid={testId}
        className={cx('group flex items-center gap-3 rounded-md px-2 py-2 hover:bg-zinc-50', focusRing)}
      >
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium text-zinc-900 group-hover:text-indigo-700">{title}</p>
          <p className={cx('text-xs text-zinc-500', !wrapDetail && 'truncate')}>{detail}</p>
        </div>
        {figure ? <div className="shrink-0 text-right text-sm">{figure}</div> : null}
        <ChevronRight
          aria-hidden="true"
          className="size-4 shrink-0 text-zinc-400 group-hover:text-indigo-600"
        />
      </Link>
    </li>
  );
}

export function CustomerRows({ rows }: { rows: Rows<'missingEmail'> }) {
  return (
    <>
      {rows.map((row) => (
        <RowLink
          key={row.customerId}
          href={row.href}
          title={row.name}
          detail={
            <>
              <span className="font-mono">{row.account}</span> · {row.companyCode}
            </>
          }
          figure={<Amount cents={row.balance} currency={row.currency} className="font-medium" />}
        />
      ))}
    </>
  );
}

export function SyncRows({ rows }: { rows: Rows<'staleSync'> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {rows.map((row) => (
        <RowLink
          key={row.companyId}
          href={row.href}
          testId="alerts-sync-row"
          title={`${row.companyCode} · ${row.companyName}`}
          detail={
            <>
              {row.lastSyncAt
                ? t('alerts.lastSync', { date: format.dateTime(row.lastSyncAt) })
                : t('alerts.never')}
              {' · '}
              {t('alerts.window', { hours: row.freshnessHours })}
            </>
          }
          figure={<span className="font-medium text-indigo-700">{t('alerts.kinds.staleSync.action')}</span>}
        />
      ))}
    </>
  );
}

export function PrescriptionRows({ rows }: { rows: Rows<'prescription'> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {rows.map((row) => (
        <RowLink
          key={`${row.companyCode}/${row.entryKey}`}
          href={row.href}
          title={row.name}
          wrapDetail
          detail={
            <>
              <span className="font-mono">{row.pieceRef}</span>
              {' · '}
              {t('alerts.dueOn', { date: format.date(row.dueDate) })}
              {row.debtor === 'consumer' ? ` · ${t('alerts.consumer')}` : ''}
              {' · '}
              {t(row.status === 'prescribed' ? 'alerts.prescribedOn' : 'alerts.prescribesOn', {
                date: format.date(row.prescriptionDate),
              })}
            </>
          }
          figure={
            <>
              <Amount cents={row.openAmount} currency={row.currency} className="font-medium" />
              <p
                className={cx(
                  'text-xs whitespace-nowrap',
                  row.status === 'prescribed' ? 'font-medium text-red-700' : 'text-orange-700',
                )}
              >
                {row.status === 'prescribed'
                  ? t('alerts.prescribed')
                  : row.daysLeft === 0
                    ? t('alerts.prescribesToday')
                    : t('alerts.prescribesIn', { count: row.daysLeft })}
              </p>
            </>
          }
        />
      ))}
    </>
  );
}
