import { useTranslation } from 'react-i18next';
import type { InvitationResult } from '../../../contracts/users';
import { Link } from '../../router/router';
import { Notice } from './notice';

/** What became of an invitation email: sent, waiting in the outbox, or refused by the mail server. */
export function MailOutcomeNotice({ result }: { result: InvitationResult }) {
  const { t } = useTranslation();
  const { user, mail } = result;
  if (mail.status === 'sent') {
    return (
      <Notice tone="success" testId="invite-outcome">
        {t('users.outcome.sent', { email: user.email })}
      </Notice>
    );
  }
  if (mail.status === 'outbox') {
    return (
      <Notice tone="info" testId="invite-outcome">
        {t('users.outcome.outbox', { email: user.email })}{' '}
        <Link
          to={`/settings/outbox?message=${mail.id}`}
          className="font-medium underline underline-offset-2"
          data-testid="invite-outbox-link"
        >
          {t('users.outcome.openOutbox')}
        </Link>
      </Notice>
    );
  }
  return (
    <Notice tone="error" testId="invite-outcome">
      {t('users.outcome.failed', { email: user.email, reply: mail.error ?? '' })}
    </Notice>
  );
}
