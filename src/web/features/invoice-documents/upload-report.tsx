import { CircleAlert, CircleCheck, FileText } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { InvoiceUploadResult } from '../../../contracts/invoice-documents';
import { useFormat } from '../../lib/format';
import { cx } from '../../ui/cx';

/** Lines shown per list of the report; a ZIP of 10,000 invoices is summed up, not listed. */
const SHOWN = 100;

type Rejected = InvoiceUploadResult['rejected'][number];

function reasonKey(entry: Rejected): string {
  if (entry.reason === 'duplicate') return entry.piece === null ? 'duplicate_file' : 'duplicate_piece';
  return entry.reason;
}

function More({ count }: { count: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (count <= 0) return null;
  return (
    <li className="px-3 py-2 text-xs text-zinc-500">
      {t('invoiceDocuments.report.more', { formatted: format.integer(count) })}
    </li>
  );
}

/** What an upload did: documents stored with their pieces, each refused entry and why, files left aside. */
export function UploadReport({ result }: { result: InvoiceUploadResult }) {
  const { t } = useTranslation();
  const format = useFormat();
  const pieceCount = result.stored.reduce((sum, d) => sum + d.pieces.length, 0);
  const storedCount = result.stored.length;
  const rejectedCount = result.rejected.length;
  const isClean = rejectedCount === 0;

  return (
    <div className="space-y-4" data-testid="invoice-upload-report">
      <div
        role="status"
        className={cx(
          'flex items-start gap-2.5 rounded-md px-3 py-2.5 text-sm ring-1',
          isClean
            ? 'bg-emerald-50 text-emerald-900 ring-emerald-200'
            : 'bg-amber-50 text-amber-900 ring-amber-200',
        )}
      >
        {isClean ? (
          <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-emerald-600" />
        ) : (
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-amber-600" />
        )}
        <p>
          <span className="font-semibold" data-testid="invoice-upload-stored" data-count={storedCount}>
            {t('invoiceDocuments.report.stored', {
              count: storedCount,
              formatted: format.integer(storedCount),
            })}
          </span>
          {storedCount > 0 ? (
            <span>
              {' '}
              {t('invoiceDocuments.report.pieces', {
                count: pieceCount,
                formatted: format.integer(pieceCount),
              })}
            </span>
          ) : null}
          {rejectedCount > 0 ? (
            <span data-testid="invoice-upload-rejected-count" data-count={rejectedCount}>
              {' · '}
              {t('invoiceDocuments.report.rejected', {
                count: rejectedCount,
                formatted: format.integer(rejectedCount),
              })}
            </span>
          ) : null}
        </p>
      </div>

      {storedCount > 0 ? (
        <section>
          <h3 className="mb-1.5 text-xs font-medium text-zinc-500">
            {t('invoiceDocuments.report.storedTitle')}
          </h3>
          <ul
            className="divide-y divide-zinc-100 rounded-md ring-1 ring-zinc-200"
            data-testid="invoice-upload-stored-list"
          >
            {result.stored.slice(0, SHOWN).map((d) => (
              <li key={d.file} className="flex items-start gap-2 px-3 py-2 text-sm">
                <FileText aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-zinc-400" />
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-zinc-800" title={d.file}>
                    {d.file}
                  </p>
                  <p className="mt-0.5 flex flex-wrap gap-1">
                    {d.pieces.map((piece) => (
                      <span
                        key={piece}
                        className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700"
                      >
                        {piece}
                      </span>
                    ))}
                  </p>
                </div>
                <span className="shrink-0 text-xs text-zinc-500 tabular-nums">
                  {format.bytes(d.sizeBytes)}
                </span>
              </li>
            ))}
            <More count={storedCount - SHOWN} />
          </ul>
        </section>
      ) : null}

      {rejectedCount > 0 ? (
        <section>
          <h3 className="mb-1.5 text-xs font-medium text-zinc-500">
            {t('invoiceDocuments.report.rejectedTitle')}
          </h3>
          <ul
            className="divide-y divide-zinc-100 rounded-md ring-1 ring-amber-200"
            data-testid="invoice-upload-rejected-list"
          >
            {result.rejected.slice(0, SHOWN).map((entry, index) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: a file listed twice is refused twice alike; the report never reorders
                key={`${entry.file}/${entry.piece ?? ''}/${index}`}
                data-reason={entry.reason}
                className="px-3 py-2 text-sm sm:flex sm:items-baseline sm:gap-3"
              >
                <p className="truncate font-medium text-zinc-800 sm:w-2/5 sm:shrink-0" title={entry.file}>
                  {entry.file}
                </p>
                <p className="text-amber-800" title={entry.message}>
                  {t(`invoiceDocuments.report.reasons.${reasonKey(entry)}`, { piece: entry.piece ?? '' })}
                </p>
              </li>
            ))}
            <More count={rejectedCount - SHOWN} />
          </ul>
        </section>
      ) : null}

      {result.ignoredFiles.length > 0 ? (
        <p className="text-xs break-words text-zinc-500" data-testid="invoice-upload-ignored">
          {t('invoiceDocuments.report.ignored', {
            files:
              result.ignoredFiles.slice(0, 20).join(', ') + (result.ignoredFiles.length > 20 ? ', …' : ''),
          })}
        </p>
      ) : null}
    </div>
  );
}
