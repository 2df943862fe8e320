import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerList } from '../../../contracts/customers';
import { useFormat } from '../../lib/format';
import { Amount } from '../../ui/amount';
import { cx } from '../../ui/cx';

type Totals = CustomerList['totals'];

function Tile({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0 rounded-lg bg-white px-3 py-3 shadow-sm ring-1 ring-zinc-200 sm:px-4">
      <dt className="truncate text-xs font-medium text-zinc-500">{label}</dt>
      <dd
        data-testid={testId}
        className="mt-1 space-y-0.5 text-base font-semibold text-zinc-900 sm:text-lg xl:text-xl"
      >
        {children}
      </dd>
    </div>
  );
}

function Empty() {
  return <span className="text-zinc-400">—</span>;
}

/**
 * Total outstanding, overdue, not yet due and % overdue of every matching customer, one line per
 * currency (totals are never summed across currencies).
 */
export function CustomerTotals({ totals, className }: { totals: Totals; className?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const lines = (render: (total: Totals[number]) => ReactNode) =>
    totals.length === 0 ? (
      <Empty />
    ) : (
      totals.map((total) => (
        <div key={total.currency} className="truncate">
          {render(total)}
        </div>
      ))
    );
  return (
    <dl data-testid="customers-totals" className={cx('grid grid-cols-2 gap-3 lg:grid-cols-4', className)}>
      <Tile label={t('totals.outstanding')} testId="customers-total-balance">
        {lines((total) => (
          <Amount cents={total.balance} currency={total.currency} />
        ))}
      </Tile>
      <Tile label={t('totals.overdue')} testId="customers-total-overdue">
        {lines((total) => (
          <Amount cents={total.overdue} currency={total.currency} tone="overdue" />
        ))}
      </Tile>
      <Tile label={t('totals.notDue')} testId="customers-total-not-due">
        {lines((total) => (
          <Amount cents={total.notDue} currency={total.currency} />
        ))}
      </Tile>
      <Tile label={t('totals.overdueShare')} testId="customers-overdue-share">
        {lines((total) =>
          total.balance > 0 ? (
            <span className={cx('tabular-nums', total.overdue > 0 && 'text-orange-600')}>
              {format.percent(total.overdue / total.balance)}
              {totals.length > 1 ? (
                <span className="ml-1 text-xs font-normal text-zinc-500">{total.currency}</span>
              ) : null}
            </span>
          ) : (
            <Empty />
          ),
        )}
      </Tile>
    </dl>
  );
}
