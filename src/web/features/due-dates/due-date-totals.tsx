import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueDateList } from '../../../contracts/due-dates';
import { useFormat } from '../../lib/format';
import { Amount } from '../../ui/amount';

type Totals = DueDateList['totals'];

function Tile({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0 rounded-lg bg-white px-3 py-3 shadow-sm ring-1 ring-zinc-200 sm:px-4">
      <dt className="truncate text-xs font-medium text-zinc-500">{label}</dt>
      <dd data-testid={testId} className="mt-1 space-y-0.5 text-base font-semibold text-zinc-900 sm:text-lg">
        {children}
      </dd>
    </div>
  );
}

/**
 * Count, balance, overdue and not yet due of every matching open item (not only the page), one
 * line per currency: amounts of different currencies are never added up.
 */
export function DueDateTotals({ totals, total }: { totals: Totals; total: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const lines = (render: (line: Totals[number]) => ReactNode) =>
    totals.length === 0 ? (
      <span className="text-zinc-400">—</span>
    ) : (
      totals.map((line) => (
        <div key={line.currency} className="truncate">
          {render(line)}
        </div>
      ))
    );
  return (
    <dl data-testid="due-dates-totals" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Tile label={t('dueDates.totals.items')} testId="due-dates-total-count">
        <span className="tabular-nums">{format.integer(total)}</span>
      </Tile>
      <Tile label={t('dueDates.totals.balance')} testId="due-dates-total-balance">
        {lines((line) => (
          <Amount cents={line.balance} currency={line.currency} />
        ))}
      </Tile>
      <Tile label={t('dueDates.totals.overdue')} testId="due-dates-total-overdue">
        {lines((line) => (
          <Amount cents={line.overdue} currency={line.currency} tone="overdue" />
        ))}
      </Tile>
      <Tile label={t('dueDates.totals.notDue')} testId="due-dates-total-not-due">
        {lines((line) => (
          <Amount cents={line.notDue} currency={line.currency} />
        ))}
      </Tile>
    </dl>
  );
}
