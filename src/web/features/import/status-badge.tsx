import { useTranslation } from 'react-i18next';
import { cx } from '../../ui/cx';

const TONES: Record<string, string> = {
  queued: 'bg-zinc-100 text-zinc-700 ring-zinc-200',
  running: 'bg-sky-50 text-sky-800 ring-sky-200',
  succeeded: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  failed: 'bg-red-50 text-red-800 ring-red-200',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={cx(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        TONES[status] ?? TONES.queued,
      )}
    >
      {t(`import.status.${status}`, { defaultValue: status })}
    </span>
  );
}
