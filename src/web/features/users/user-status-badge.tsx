import { useTranslation } from 'react-i18next';
import type { UserStatus } from '../../../contracts/users';
import { cx } from '../../ui/cx';

const TONES: Record<UserStatus, string> = {
  active: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  invited: 'bg-amber-50 text-amber-800 ring-amber-200',
  disabled: 'bg-zinc-100 text-zinc-600 ring-zinc-200',
};

export function UserStatusBadge({ status, isExpired = false }: { status: UserStatus; isExpired?: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className={cx(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        isExpired ? 'bg-red-50 text-red-800 ring-red-200' : TONES[status],
      )}
    >
      {isExpired ? t('users.status.expired') : t(`users.status.${status}`)}
    </span>
  );
}
