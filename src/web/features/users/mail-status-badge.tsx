import { useTranslation } from 'react-i18next';
import type { MailStatusDto } from '../../../contracts/users';
import { cx } from '../../ui/cx';

const TONES: Record<MailStatusDto, string> = {
  outbox: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  sending: 'bg-sky-50 text-sky-800 ring-sky-200',
  deferred: 'bg-amber-50 text-amber-800 ring-amber-200',
  sent: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  bounced: 'bg-red-50 text-red-800 ring-red-200',
  failed: 'bg-red-50 text-red-800 ring-red-200',
};

export function MailStatusBadge({ status }: { status: MailStatusDto }) {
  const { t } = useTranslation();
  return (
    <span
      className={cx(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        TONES[status],
      )}
    >
      {t(`outbox.status.${status}`)}
    </span>
  );
}
