import { LinkIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../router/router';
import { buttonClasses } from '../../ui/button';
import { describeAccountError, errorCode } from './account-errors';
import { cardClasses } from './public-layout';
import type { LinkPurpose } from './use-account-links';

/**
 * A link that no longer works, said plainly with what to do next: an expired invitation is sent
 * again by an admin; a reset link is asked again; a used one means the account is ready.
 */
export function LinkProblem({ purpose, error }: { purpose: LinkPurpose; error: unknown | null }) {
  const { t } = useTranslation();
  const code = error === null ? 'missing' : (errorCode(error) ?? 'other');
  const isKnown = ['missing', 'token_invalid', 'token_expired', 'token_used'].includes(code);
  const text = isKnown ? t(`account.linkProblem.${purpose}.${code}`) : describeAccountError(t, error);
  const canAskAgain = purpose === 'password-reset' && code !== 'token_used';
  return (
    <div className={cardClasses} data-testid="link-problem" data-code={code}>
      <div className="flex items-start gap-3">
        <LinkIcon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-zinc-400" />
        <div className="space-y-1">
          <h2 className="text-sm font-semibold text-zinc-900">
            {t(isKnown ? `account.linkProblem.titles.${code}` : 'account.linkProblem.titles.other')}
          </h2>
          <p className="text-sm text-zinc-600" role="alert">
            {text}
          </p>
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        {canAskAgain ? (
          <Link to="/reset-password" className={buttonClasses()}>
            {t('account.reset.askAgain')}
          </Link>
        ) : null}
        <Link to="/sign-in" className={buttonClasses({ variant: canAskAgain ? 'secondary' : 'primary' })}>
          {t('account.goToSignIn')}
        </Link>
      </div>
    </div>
  );
}
