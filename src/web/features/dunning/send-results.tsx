import { CircleCheck, Download, TriangleAlert, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { SendResult, TodoLine } from '../../../contracts/dunning';
import { useFormat } from '../../lib/format';
import { buttonClasses, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { countByStatus, type SendStatus } from './todo-lines';
import { letterBatchUrl } from './use-dunning';

/** Statuses that mean "it did not go, look at it". */
const TROUBLE: readonly SendStatus[] = ['deferred', 'failed', 'takenElsewhere', 'notDue'];

const CHIP_TONES: Record<SendStatus, string> = {
  sent: 'bg-emerald-100 text-emerald-900',
  outbox: 'bg-indigo-100 text-indigo-900',
  toPrint: 'bg-sky-100 text-sky-900',
  waiting: 'bg-violet-100 text-violet-900',
  alreadySent: 'bg-zinc-100 text-zinc-700',
  notDue: 'bg-zinc-100 text-zinc-700',
  takenElsewhere: 'bg-amber-100 text-amber-900',
  deferred: 'bg-amber-100 text-amber-900',
  failed: 'bg-red-100 text-red-900',
};

/**
 * What a send did, counted by status (DUN-9, DUN-13), with the letters to print and the lines
 * that failed and why.
 */
export function SendResults({
  result,
  lines,
  onClose,
}: {
  result: SendResult;
  /** The lines as they were when sent, by key, to name the customers of the failures. */
  lines: ReadonlyMap<string, Pick<TodoLine, 'name' | 'account'>>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = countByStatus(result.results);
  const failures = result.results.filter((r) => r.status === 'failed');
  const hasTrouble = counts.some(([status]) => TROUBLE.includes(status));
  const Icon = hasTrouble ? TriangleAlert : CircleCheck;

  return (
    <section
      role="status"
      data-testid="send-results"
      className={cx(
        'rounded-lg p-4 ring-1',
        hasTrouble ? 'bg-amber-50 ring-amber-200' : 'bg-emerald-50 ring-emerald-200',
      )}
    >
      <div className="flex items-start gap-3">
        <Icon
          aria-hidden="true"
          className={cx('mt-0.5 size-5 shrink-0', hasTrouble ? 'text-amber-700' : 'text-emerald-700')}
        />
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-zinc-900">
            {t('dunning.results.title', {
              count: result.results.length,
              formatted: format.integer(result.results.length),
            })}
          </h2>
          <ul className="mt-2 flex flex-wrap gap-2">
            {counts.map(([status, n]) => (
              <li
                key={status}
                data-testid={`send-status-${status}`}
                data-count={n}
                className={cx('rounded-full px-2.5 py-0.5 text-sm font-medium', CHIP_TONES[status])}
              >
                <span className="tabular-nums">{format.integer(n)}</span> {t(`dunning.sendStatus.${status}`)}
              </li>
            ))}
          </ul>
          {counts.some(([status]) => status === 'outbox') ? (
            <p className="mt-2 text-xs text-zinc-600">{t('dunning.results.outboxHint')}</p>
          ) : null}
          {failures.length > 0 ? (
            <ul className="mt-3 space-y-1 text-sm text-red-800">
              {failures.map((f) => {
                const line = lines.get(f.key);
                return (
                  <li key={f.key} className="break-words">
                    <span className="font-medium">
                      {line ? `${line.name} (${line.account})` : f.key.slice(0, 8)}
                    </span>
                    {f.error ? ` — ${f.error}` : null}
                  </li>
                );
              })}
            </ul>
          ) : null}
          {result.letterBatchId ? (
            <a
              href={letterBatchUrl(result.letterBatchId)}
              download
              data-testid="letters-download"
              className={cx(buttonClasses({ variant: 'secondary', size: 'sm' }), 'mt-3')}
            >
              <Download aria-hidden="true" className="size-4" />
              {t('dunning.results.downloadLetters')}
            </a>
          ) : null}
        </div>
        <button
          type="button"
          onClick={onClose}
          className={cx('shrink-0 rounded-md p-1 text-zinc-500 hover:bg-white/60', focusRing)}
        >
          <X aria-hidden="true" className="size-4" />
          <span className="sr-only">{t('common.close')}</span>
        </button>
      </div>
    </section>
  );
}
