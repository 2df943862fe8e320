import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { navigate, useSearchParams } from '../../router/router';
import { useDocumentTitle } from '../../shell/app-shell';
import { Button } from '../../ui/button';
import { PageLoading, Spinner } from '../../ui/feedback';
import { Field, Input } from '../../ui/field';
import { describeAccountError, errorCode } from './account-errors';
import { LinkProblem } from './link-problem';
import { Notice } from './notice';
import { PasswordFields, type PasswordPair, passwordProblem } from './password-fields';
import { cardClasses, PublicLayout } from './public-layout';
import { useAcceptInvitation, useLinkPreview } from './use-account-links';

const LINK_CODES = new Set(['token_invalid', 'token_expired', 'token_used']);

function AcceptForm({ token, email, name: invitedName }: { token: string; email: string; name: string }) {
  const { t } = useTranslation();
  const id = useId();
  const me = useMe();
  const accept = useAcceptInvitation();
  const [name, setName] = useState(invitedName);
  const [pair, setPair] = useState<PasswordPair>({ password: '', confirmation: '' });
  const [isSubmitted, setIsSubmitted] = useState(false);
  const problem = isSubmitted ? passwordProblem(pair) : null;
  const signedInAs = me.data && me.data.user.email !== email ? me.data.user.email : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setIsSubmitted(true);
    if (passwordProblem(pair) || !name.trim()) return;
    accept.mutate(
      { token, password: pair.password, name: name.trim() },
      { onSuccess: () => navigate('/', { replace: true }) },
    );
  };

  if (accept.isError && LINK_CODES.has(errorCode(accept.error) ?? '')) {
    return <LinkProblem purpose="invitation" error={accept.error} />;
  }
  return (
    <form noValidate onSubmit={onSubmit} className={cardClasses} data-testid="accept-form">
      <p className="text-sm text-zinc-600">{t('account.invitation.as', { email })}</p>
      {signedInAs ? (
        <Notice tone="info">{t('account.invitation.otherSession', { email: signedInAs })}</Notice>
      ) : null}
      <Field
        id={`${id}-name`}
        label={t('account.invitation.name')}
        error={isSubmitted && !name.trim() ? t('account.invitation.nameMissing') : null}
      >
        <Input
          id={`${id}-name`}
          data-testid="accept-name"
          autoComplete="name"
          maxLength={200}
          value={name}
          invalid={isSubmitted && !name.trim()}
          onChange={(event) => setName(event.target.value)}
        />
      </Field>
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <PasswordFields id={id} value={pair} onChange={setPair} problem={problem} />
      {accept.isError ? <Notice tone="error">{describeAccountError(t, accept.error)}</Notice> : null}
      <Button type="submit" className="w-full" data-testid="accept-submit" disabled={accept.isPending}>
        {accept.isPending ? <Spinner className="text-white" /> : null}
        {t('account.invitation.submit')}
      </Button>
    </form>
  );
}

/** ACC-1: the page an invitation email opens: choose a password, land signed in. */
export default function AcceptInvitationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.invitation.title'));
  const token = useSearchParams().get('token');
  const preview = useLinkPreview('invitation', token);
  return (
    <PublicLayout
      title={
        preview.data
          ? t('account.invitation.join', { organization: preview.data.organizationName })
          : t('account.invitation.title')
      }
      subtitle={t('account.invitation.subtitle')}
    >
      {!token ? (
        <LinkProblem purpose="invitation" error={null} />
      ) : preview.isError ? (
        <LinkProblem purpose="invitation" error={preview.error} />
      ) : !preview.data ? (
        <PageLoading />
      ) : (
        <AcceptForm token={token} email={preview.data.email} name={preview.data.name} />
      )}
    </PublicLayout>
  );
}
