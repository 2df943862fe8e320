import type { UseQueryResult } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preview, TodoLine } from '../../../contracts/dunning';
import { focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { ErrorNotice, PageLoading } from '../../ui/feedback';
import { ChannelLabel, LevelBadge } from './dunning-labels';
import { usePreview } from './use-dunning';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[5.5rem_1fr] gap-x-3 py-2">
      <dt className="text-sm text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-sm break-words text-zinc-900">{children}</dd>
    </div>
  );
}

/**
 * What one line of the to-do would send (DUN-9): recipients, subject and text, in a panel over
 * the page (the whole screen on a phone). Escape or the backdrop closes it.
 */
export function PreviewPanel({
  companyId,
  line,
  onClose,
}: {
  companyId: string;
  line: TodoLine;
  onClose: () => void;
}) {
  return <PreviewDialog heading={line} preview={usePreview(companyId, line.key)} onClose={onClose} />;
}

/** The panel of a preview: whose reminder, then the email or letter as it would go. */
export function PreviewDialog({
  heading,
  preview,
  onClose,
}: {
  heading: Pick<TodoLine, 'name' | 'account' | 'kind' | 'level'>;
  preview: UseQueryResult<Preview, unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const data = preview.data;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, [onClose]);

  const none = <span className="text-zinc-400">—</span>;
  return (
    <div className="fixed inset-0 z-40">
      <button
        type="button"
        tabIndex={-1}
        aria-label={t('common.close')}
        className="absolute inset-0 bg-zinc-900/40"
        onClick={onClose}
      />
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="reminder-preview"
        className="absolute inset-y-0 right-0 flex w-full flex-col bg-white shadow-xl sm:max-w-xl"
      >
        <div className="flex items-start justify-between gap-3 border-b border-zinc-200 px-4 py-3 sm:px-6">
          <div className="min-w-0">
            <h2 id={titleId} className="text-base font-semibold text-zinc-900">
              {t('dunning.preview.title')}
            </h2>
            <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-zinc-600">
              <span className="truncate">{heading.name}</span>
              <span className="font-mono text-xs text-zinc-500">{heading.account}</span>
              <LevelBadge kind={heading.kind} level={heading.level} />
            </p>
          </div>
          <button
            ref={closeRef}
            type="button"
            onClick={onClose}
            className={cx('rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100', focusRing)}
          >
            <X aria-hidden="true" className="size-5" />
            <span className="sr-only">{t('common.close')}</span>
          </button>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4 sm:px-6">
          {preview.isError ? (
            <ErrorNotice error={preview.error} onRetry={() => void preview.refetch()} />
          ) : !data ? (
            <PageLoading />
          ) : (
            <>
              <dl className="divide-y divide-zinc-100 border-b border-zinc-100">
                <Row label={t('dunning.preview.channel')}>
                  <ChannelLabel channel={data.channel} />
                </Row>
                {data.channel === 'email' ? (
                  <>
                    <Row label={t('dunning.preview.to')}>
                      {data.to.length > 0 ? (
                        data.to.join(', ')
                      ) : (
                        <span className="text-red-700">{t('dunning.preview.noRecipient')}</span>
                      )}
                    </Row>
                    <Row label={t('dunning.preview.cc')}>
                      {data.cc.length > 0 ? data.cc.join(', ') : none}
                    </Row>
                  </>
                ) : (
                  <Row label={t('dunning.preview.to')}>{t(`dunning.preview.byChannel.${data.channel}`)}</Row>
                )}
                <Row label={t('dunning.preview.subject')}>
                  <span className="font-medium" data-testid="preview-subject">
                    {data.subject}
                  </span>
                </Row>
              </dl>
              <pre
                data-testid="preview-text"
                className="mt-4 font-sans text-sm leading-relaxed break-words whitespace-pre-wrap text-zinc-800"
              >
                {data.text}
              </pre>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
