import { CircleAlert, LoaderCircle } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from './cx';
import { describeError } from './describe-error';

export function Spinner({ className, label }: { className?: string; label?: string }) {
  return (
    <span
      role="status"
      className={cx('inline-flex items-center gap-2 text-sm', className ?? 'text-zinc-500')}
    >
      <LoaderCircle aria-hidden="true" className="size-4 animate-spin" />
      {label ? <span>{label}</span> : null}
    </span>
  );
}

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-40 items-center justify-center">
      <Spinner label={t('common.loading')} />
    </div>
  );
}

/** An error explained in words, with an optional retry. */
export function ErrorNotice({
  error,
  onRetry,
  className,
}: {
  error: unknown;
  onRetry?: () => void;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <div
      role="alert"
      className={cx(
        'flex items-start gap-3 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200',
        className,
      )}
    >
      <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 flex-1 break-words">{describeError(t, error)}</div>
      {onRetry ? (
        <button type="button" onClick={onRetry} className="shrink-0 font-medium underline underline-offset-2">
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** What is empty, and what to do next. */
export function EmptyState({
  icon,
  title,
  description,
  action,
  headingLevel = 2,
}: {
  icon?: ReactNode;
  title: ReactNode;
  /** 1 when the empty state is the whole page, so the page still has its title. */
  headingLevel?: 1 | 2 | 3;
  description?: ReactNode;
  action?: ReactNode;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center">
      {icon ? <div className="mb-3 text-zinc-400">{icon}</div> : null}
      <Heading className="text-sm font-semibold text-zinc-900">{title}</Heading>
      {description ? <p className="mt-1 max-w-md text-sm text-zinc-500">{description}</p> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}

/** A determinate progress bar; `value` 0…1, or `null` for "working, size unknown". */
export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  const percent = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      className="h-2 w-full overflow-hidden rounded-full bg-zinc-200"
    >
      <div
        className={cx(
          'h-full rounded-full bg-indigo-600 transition-[width] duration-300',
          percent === null && 'w-1/3 animate-pulse',
        )}
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
