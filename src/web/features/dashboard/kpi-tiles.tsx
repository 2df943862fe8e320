import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../contracts/dashboard';
import { useFormat } from '../../lib/format';
import { Amount } from '../../ui/amount';

type CurrencyBlock = Dashboard['currencies'][number];

function Tile({
  label,
  hint,
  testId,
  children,
}: {
  label: string;
  hint?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="min-w-0 rounded-lg bg-white px-3 py-3 shadow-sm ring-1 ring-zinc-200 sm:px-4">
      <dt className="truncate text-xs font-medium text-zinc-500">{label}</dt>
      <dd data-testid={testId} className="mt-1 text-base font-semibold text-zinc-900 sm:text-lg xl:text-xl">
        {children}
      </dd>
      {hint ? <p className="mt-0.5 text-xs text-zinc-500">{hint}</p> : null}
    </div>
  );
}

/** Outstanding, overdue, not due and the KPIs of VIS-10 for one currency. */
export function KpiTiles({ block }: { block: CurrencyBlock }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { kpis, currency } = block;
  const days = (value: number | null) =>
    value === null ? '—' : t('dashboard.days', { value: format.decimal(value) });
  const percent = (value: number | null) => (value === null ? '—' : format.percent(value / 100));
  const overdueShare = block.balance > 0 ? block.overdue / block.balance : null;
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" data-currency={currency}>
      <Tile
        label={t('totals.outstanding')}
        testId="dashboard-balance"
        hint={t('dashboard.customersWithBalance', { count: block.customersWithBalance })}
      >
        <Amount cents={block.balance} currency={currency} />
      </Tile>
      <Tile
        label={t('totals.overdue')}
        testId="dashboard-overdue"
        hint={
          overdueShare === null
            ? undefined
            : t('dashboard.overdueShare', { share: format.percent(overdueShare) })
        }
      >
        <Amount cents={block.overdue} currency={currency} tone="overdue" />
      </Tile>
      <Tile label={t('totals.notDue')} testId="dashboard-not-due">
        <Amount cents={block.notDue} currency={currency} />
      </Tile>
      <Tile
        label={t('dashboard.kpi.dso')}
        testId="dashboard-dso"
        hint={t('dashboard.kpi.bestPossible', { value: days(kpis.bestPossibleDso) })}
      >
        <span className="tabular-nums">{days(kpis.dso)}</span>
      </Tile>
      <Tile label={t('dashboard.kpi.add')} testId="dashboard-add" hint={t('dashboard.kpi.addHint')}>
        <span className="tabular-nums">{days(kpis.averageDaysDelinquent)}</span>
      </Tile>
      <Tile
        label={t('dashboard.kpi.cei')}
        testId="dashboard-cei"
        hint={t('dashboard.kpi.atRisk', { value: percent(kpis.atRiskShare) })}
      >
        <span className="tabular-nums">{percent(kpis.cei)}</span>
      </Tile>
    </dl>
  );
}
