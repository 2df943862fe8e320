import { ChevronDown, ChevronRight } from 'lucide-react';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncRow } from '../../../contracts/imports';
import { useFormat } from '../../lib/format';
import { Amount } from '../../ui/amount';
import { focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { StatusBadge } from '../import/status-badge';
import { SyncDetails } from './sync-details';
import { syncFigures, useFailureText, useStartedBy } from './sync-labels';

const COLUMN_COUNT = 9;

/** A count in its column, or a dash where the report has none (a customers file has no entries). */
function Count({ value, children }: { value: number | null; children?: ReactNode }) {
  const format = useFormat();
  return (
    <td className="px-3 py-2.5 text-right align-top tabular-nums">
      {value === null ? <span className="text-zinc-400">—</span> : format.integer(value)}
      {children}
    </td>
  );
}

/** Added and gone under a count, in words for screen readers and on hover. */
function Changes({
  inserted,
  updated,
  gone,
}: {
  inserted: number | null;
  updated: number | null;
  gone: number | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (inserted === null || gone === null) return null;
  const words = t('syncHistory.changes', {
    inserted: format.integer(inserted),
    updated: format.integer(updated ?? 0),
    gone: format.integer(gone),
  });
  return (
    <div className="text-xs whitespace-nowrap text-zinc-500" title={words}>
      <span aria-hidden="true">
        <span className={inserted > 0 ? 'text-emerald-700' : undefined}>+{format.integer(inserted)}</span>{' '}
        <span className={gone > 0 ? 'text-red-700' : undefined}>−{format.integer(gone)}</span>
      </span>
      <span className="sr-only">{words}</span>
    </div>
  );
}

/** The history as a table, from 1024 px wide: one row per sync, its details unfolding below it. */
export function SyncTable({
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
  return (
    <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
      <table className="w-full table-fixed text-sm" data-testid="sync-table">
        <caption className="sr-only">{t('syncHistory.tableCaption')}</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500">
          <tr>
            <th scope="col" className="py-2.5 pr-3 pl-4 text-left font-medium">
              {t('syncHistory.columns.file')}
            </th>
            <th scope="col" className="w-44 px-3 py-2.5 text-left font-medium">
              {t('syncHistory.columns.started')}
            </th>
            <th scope="col" className="w-32 px-3 py-2.5 text-left font-medium">
              {t('syncHistory.columns.status')}
            </th>
            <th scope="col" className="w-24 px-3 py-2.5 text-right font-medium">
              {t('import.report.lines')}
            </th>
            <th scope="col" className="w-24 px-3 py-2.5 text-right font-medium">
              {t('import.report.customers')}
            </th>
            <th scope="col" className="w-24 px-3 py-2.5 text-right font-medium">
              {t('import.report.entries')}
            </th>
            <th scope="col" className="w-24 px-3 py-2.5 text-right font-medium">
              {t('import.report.openItems')}
            </th>
            <th scope="col" className="w-36 px-3 py-2.5 text-right font-medium">
              {t('import.report.outstanding')}
            </th>
            <th scope="col" className="w-12 py-2.5 pr-4">
              <span className="sr-only">{t('syncHistory.details.column')}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 text-zinc-900">
          {rows.map((sync) => {
            const figures = syncFigures(sync);
            const isOpen = openId === sync.id;
            const detailsId = `sync-details-${sync.id}`;
            const isLedger = figures.entries !== null;
            return (
              <Fragment key={sync.id}>
                <tr
                  data-testid="sync-row"
                  data-status={sync.status}
                  className={cx('hover:bg-zinc-50', isOpen && 'bg-zinc-50')}
                >
                  <td className="py-2.5 pr-3 pl-4 align-top">
                    <div className="truncate font-medium" title={sync.fileName}>
                      {sync.fileName}
                    </div>
                    <div className="truncate text-xs text-zinc-500">
                      {t(`import.sources.${sync.source}.label`)}
                      {showCompany ? <span title={sync.companyName}> · {sync.companyCode}</span> : null}
                    </div>
                  </td>
                  <td className="px-3 py-2.5 align-top">
                    <div className="tabular-nums">{format.dateTime(sync.startedAt)}</div>
                    <div className="truncate text-xs text-zinc-500" title={startedBy(sync)}>
                      {t('syncHistory.by', { who: startedBy(sync) })}
                    </div>
                  </td>
                  <td className="px-3 py-2.5 align-top">
                    <StatusBadge status={sync.status} />
                    {sync.durationMs !== null ? (
                      <div className="mt-0.5 text-xs text-zinc-500 tabular-nums">
                        {format.duration(sync.durationMs)}
                      </div>
                    ) : null}
                  </td>
                  <Count value={figures.lines} />
                  {sync.status === 'failed' ? (
                    <td colSpan={4} className="px-3 py-2.5 align-top text-red-800">
                      <button
                        type="button"
                        onClick={() => onToggle(sync.id)}
                        className={cx(
                          'block max-w-full truncate rounded text-left hover:underline',
                          focusRing,
                        )}
                        title={failureText(sync)}
                      >
                        {failureText(sync)}
                      </button>
                    </td>
                  ) : (
                    <>
                      {/* A contacts file adds and removes contacts, not customers: see its details. */}
                      <Count value={figures.customers}>
                        {sync.source === 'customers' ? <Changes {...figures} /> : null}
                      </Count>
                      <Count value={figures.entries}>{isLedger ? <Changes {...figures} /> : null}</Count>
                      <Count value={figures.openItems} />
                      <td className="px-3 py-2.5 text-right align-top">
                        {figures.outstanding !== null && figures.currency ? (
                          <Amount
                            cents={figures.outstanding}
                            currency={figures.currency}
                            className="font-medium"
                          />
                        ) : (
                          <span className="text-zinc-400">—</span>
                        )}
                      </td>
                    </>
                  )}
                  <td className="py-2 pr-4 text-right align-top">
                    <button
                      type="button"
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? detailsId : undefined}
                      onClick={() => onToggle(sync.id)}
                      className={cx(
                        'rounded p-1 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900',
                        focusRing,
                      )}
                    >
                      {isOpen ? (
                        <ChevronDown aria-hidden="true" className="size-4" />
                      ) : (
                        <ChevronRight aria-hidden="true" className="size-4" />
                      )}
                      <span className="sr-only">
                        {t(isOpen ? 'syncHistory.details.hide' : 'syncHistory.details.show', {
                          file: sync.fileName,
                        })}
                      </span>
                    </button>
                  </td>
                </tr>
                {isOpen ? (
                  <tr className="bg-zinc-50/60">
                    <td colSpan={COLUMN_COUNT} className="px-4 pt-1 pb-4">
                      <SyncDetails sync={sync} id={detailsId} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
