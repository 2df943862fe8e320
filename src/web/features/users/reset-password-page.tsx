import { MailCheck } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordResetRequestBodySchema } from '../../../contracts/users';
import { useHealth } from '../../api/auth';
import { Link, navigate, useSearchParams } from '../../router/router';
import { useDocumentTitle } from '../../shell/app-shell';
import { Button, buttonClasses } from '../../ui/button';
import { PageLoading, Spinner } from '../../ui/feedback';
import { Field, Input } from '../../ui/field';
import { describeAccountError, errorCode } from './account-errors';
import { LinkProblem } from './link-problem';
import { Notice } from './notice';
import { PasswordFields, type PasswordPair, passwordProblem } from './password-fields';
import { cardClasses, PublicLayout } from './public-layout';
import { useConfirmPasswordReset, useLinkPreview, useRequestPasswordReset } from './use-account-links';

const LINK_CODES = new Set(['token_invalid', 'token_expired', 'token_used']);

/** Without a token: the address to send a link to; the answer never says whether it has an account. */
function RequestForm() {
  const { t } = useTranslation();
  const id = useId();
  const health = useHealth();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const [isInvalid, setIsInvalid] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = passwordResetRequestBodySchema.safeParse({ email });
    setIsInvalid(!parsed.success);
    if (parsed.success) request.mutate(parsed.data);
  };

  if (request.isSuccess) {
    return (
      <div className={cardClasses} data-testid="reset-requested">
        <div className="flex items-start gap-3">
          <MailCheck aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-emerald-600" />
          <div className="space-y-1">
            <h2 className="text-sm font-semibold text-zinc-900">{t('account.reset.sentTitle')}</h2>
            <p className="text-sm text-zinc-600" role="status">
              {t('account.reset.sentText', { email: request.variables.email })}
            </p>
          </div>
        </div>
        {health.data?.demo ? <Notice tone="info">{t('account.reset.demoOutbox')}</Notice> : null}
        <Link to="/sign-in" className={buttonClasses({ variant: 'secondary' })}>
          {t('account.goToSignIn')}
        </Link>
      </div>
    );
  }
  return (
    <form noValidate onSubmit={onSubmit} className={cardClasses}>
      <p className="text-sm text-zinc-600">{t('account.reset.requestText')}</p>
      <Field
        id={`${id}-email`}
        label={t('account.reset.email')}
        error={isInvalid ? t('account.reset.emailInvalid') : null}
      >
        <Input
          id={`${id}-email`}
          data-testid="reset-email"
          type="email"
          inputMode="email"
          autoComplete="username"
          autoFocus
          required
          value={email}
          invalid={isInvalid}
          onChange={(event) => setEmail(event.target.value)}
        />
      </Field>
      {request.isError ? <Notice tone="error">{describeAccountError(t, request.error)}</Notice> : null}
      <Button
        type="submit"
        className="w-full"
        data-testid="reset-request-submit"
        disabled={request.isPending}
      >
        {request.isPending ? <Spinner className="text-white" /> : null}
        {t('account.reset.requestSubmit')}
      </Button>
      <p className="text-center text-sm">
        <Link to="/sign-in" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          {t('account.backToSignIn')}
        </Link>
      </p>
    </form>
  );
}

/** With a token: the new password, then signed in. */
function ConfirmForm({ token, email }: { token: string; email: string }) {
  const { t } = useTranslation();
  const id = useId();
  const confirm = useConfirmPasswordReset();
  const [pair, setPair] = useState<PasswordPair>({ password: '', confirmation: '' });
  const [isSubmitted, setIsSubmitted] = useState(false);
  const problem = isSubmitted ? passwordProblem(pair) : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setIsSubmitted(true);
    if (passwordProblem(pair)) return;
    confirm.mutate({ token, password: pair.password }, { onSuccess: () => navigate('/', { replace: true }) });
  };

  if (confirm.isError && LINK_CODES.has(errorCode(confirm.error) ?? '')) {
    return <LinkProblem purpose="password-reset" error={confirm.error} />;
  }
  return (
    <form noValidate onSubmit={onSubmit} className={cardClasses} data-testid="reset-form">
      <p className="text-sm text-zinc-600">{t('account.reset.for', { email })}</p>
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <PasswordFields id={id} value={pair} onChange={setPair} problem={problem} />
      <p className="text-xs text-zinc-500">{t('account.reset.otherSessions')}</p>
      {confirm.isError ? <Notice tone="error">{describeAccountError(t, confirm.error)}</Notice> : null}
      <Button type="submit" className="w-full" data-testid="reset-submit" disabled={confirm.isPending}>
        {confirm.isPending ? <Spinner className="text-white" /> : null}
        {t('account.reset.submit')}
      </Button>
    </form>
  );
}

/** ACC-1: `/reset-password` asks for the email; `/reset-password?token=…` (from the email) sets the password. */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.reset.title'));
  const token = useSearchParams().get('token');
  const preview = useLinkPreview('password-reset', token);
  return (
    <PublicLayout title={t('account.reset.title')} subtitle={token ? undefined : t('account.reset.subtitle')}>
      {!token ? (
        <RequestForm />
      ) : preview.isError ? (
        <LinkProblem purpose="password-reset" error={preview.error} />
      ) : !preview.data ? (
        <PageLoading />
      ) : (
        <ConfirmForm token={token} email={preview.data.email} />
      )}
    </PublicLayout>
  );
}
