import { ChevronDown, ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncRow } from '../../../contracts/imports';
import { useFormat } from '../../lib/format';
import { Amount } from '../../ui/amount';
import { focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { StatusBadge } from '../import/status-badge';
import { SyncDetails } from './sync-details';
import { syncFigures, useFailureText, useStartedBy } from './sync-labels';

function Figure({ label, children, alignEnd }: { label: string; children: ReactNode; alignEnd?: boolean }) {
  return (
    <div className={cx('min-w-0', alignEnd && 'text-right')}>
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="truncate tabular-nums">{children}</dd>
    </div>
  );
}

/** The history as cards, below 1024 px wide: file, status, who and when, the main figures. */
export function SyncCards({
  rows,
  openId,
  onToggle,
  showCompany,
}: {
  rows: SyncRow[];
  openId: string | undefined;
  onToggle: (syncId: string) => void;
  showCompany: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const startedBy = useStartedBy();
  const failureText = useFailureText();
  const count = (value: number | null) => (value === null ? '—' : format.integer(value));
  return (
    <ul className="grid gap-2" data-testid="sync-cards">
      {rows.map((sync) => {
        const figures = syncFigures(sync);
        const isOpen = openId === sync.id;
        const detailsId = `sync-card-details-${sync.id}`;
        return (
          <li
            key={sync.id}
            data-status={sync.status}
            className="min-w-0 rounded-lg bg-white p-3.5 shadow-sm ring-1 ring-zinc-200"
          >
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="truncate font-medium text-zinc-900" title={sync.fileName}>
                  {sync.fileName}
                </p>
                <p className="truncate text-xs text-zinc-500">
                  {t(`import.sources.${sync.source}.label`)}
                  {showCompany ? <span title={sync.companyName}> · {sync.companyCode}</span> : null}
                </p>
              </div>
              <StatusBadge status={sync.status} />
            </div>
            <p className="mt-1 text-xs text-zinc-600">
              <span className="tabular-nums">{format.dateTime(sync.startedAt)}</span>
              {' · '}
              {t('syncHistory.by', { who: startedBy(sync) })}
              {sync.durationMs !== null ? (
                <span className="tabular-nums"> · {format.duration(sync.durationMs)}</span>
              ) : null}
            </p>
            {sync.status === 'failed' ? (
              <p className="mt-3 text-sm text-red-800">{failureText(sync)}</p>
            ) : sync.status === 'succeeded' ? (
              <dl className="mt-3 grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] gap-3 text-sm text-zinc-900">
                <Figure label={t('import.report.customers')}>{count(figures.customers)}</Figure>
                {figures.entries !== null ? (
                  <Figure label={t('import.report.entries')}>{count(figures.entries)}</Figure>
                ) : (
                  <Figure label={t('import.report.inserted')}>{count(figures.inserted)}</Figure>
                )}
                {figures.outstanding !== null && figures.currency ? (
                  <Figure label={t('import.report.outstanding')} alignEnd>
                    <Amount
                      cents={figures.outstanding}
                      currency={figures.currency}
                      className="font-semibold"
                    />
                  </Figure>
                ) : (
                  <Figure label={t('import.report.updated')} alignEnd>
                    {count(figures.updated)}
                  </Figure>
                )}
              </dl>
            ) : null}
            <button
              type="button"
              aria-expanded={isOpen}
              aria-controls={isOpen ? detailsId : undefined}
              onClick={() => onToggle(sync.id)}
              className={cx(
                '-mx-1 mt-2 inline-flex items-center gap-1 rounded px-1 py-1 text-sm font-medium text-indigo-700 hover:text-indigo-900',
                focusRing,
              )}
            >
              {isOpen ? (
                <ChevronDown aria-hidden="true" className="size-4" />
              ) : (
                <ChevronRight aria-hidden="true" className="size-4" />
              )}
              {sync.status === 'failed' && sync.errorCount > 0
                ? t('import.history.errors', {
                    count: sync.errorCount,
                    formatted: format.integer(sync.errorCount),
                  })
                : t(isOpen ? 'syncHistory.details.hideShort' : 'syncHistory.details.showShort')}
            </button>
            {isOpen ? (
              <div className="mt-2 border-t border-zinc-100 pt-3">
                <SyncDetails sync={sync} id={detailsId} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
