import { Lock } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { Link } from '../../router/router';
import { buttonClasses } from '../../ui/button';
import { EmptyState } from '../../ui/feedback';

/** Whether the signed-in user is an admin (COL-5: admins configure users and read the outbox). */
export function useIsAdmin(): boolean {
  return useCurrentUser().user.role === 'admin';
}

/** The page for admins only, or a plain "not for your role" state (the server refuses anyway). */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (me.user.role === 'admin') return children;
  return (
    <div className="mx-auto max-w-3xl pt-8" data-testid="not-allowed">
      <EmptyState
        icon={<Lock className="size-8" />}
        headingLevel={1}
        title={t('users.notAllowed.title')}
        description={t('users.notAllowed.text', { role: t(`roles.${me.user.role}`) })}
        action={
          <Link to="/" className={buttonClasses({ variant: 'secondary' })}>
            {t('users.notAllowed.action')}
          </Link>
        }
      />
    </div>
  );
}
