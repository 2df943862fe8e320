import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signInBodySchema } from '../../../contracts/auth';
import { useHealth, useSignIn } from '../../api/auth';
import { ApiError } from '../../api/client';
import { Link } from '../../router/router';
import { useDocumentTitle } from '../../shell/app-shell';
import { LanguageSwitcher } from '../../shell/language-switcher';
import { Button } from '../../ui/button';
import { describeError } from '../../ui/describe-error';
import { Spinner } from '../../ui/feedback';
import { Field, Input } from '../../ui/field';

const DEMO_EMAIL = 'demo@encours.test';
const DEMO_PASSWORD = 'demo';

/** The sentence for a failed sign-in: wrong credentials and rate limiting named plainly (ACC-1). */
function signInErrorText(t: ReturnType<typeof useTranslation>['t'], error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401 || error.code === 'invalid_credentials') return t('signIn.invalidCredentials');
    if (error.code === 'account_disabled') return t('account.errors.account_disabled');
    if (error.status === 429) {
      return error.retryAfter
        ? t('signIn.tooManyAttemptsWait', { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) })
        : t('signIn.tooManyAttempts');
    }
  }
  return describeError(t, error);
}

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('signIn.title'));
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const signIn = useSignIn();
  const health = useHealth();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const parsed = signInBodySchema.safeParse({ email, password });
    if (!parsed.success) {
      setFormError(t('signIn.fillBoth'));
      return;
    }
    // On success the session query holds the user and the app moves on to the requested page.
    signIn.mutate(parsed.data);
  };

  const error = formError ?? (signIn.error ? signInErrorText(t, signIn.error) : null);

  return (
    <div className="flex min-h-dvh flex-col bg-zinc-50">
      <div className="flex justify-end p-4">
        <LanguageSwitcher />
      </div>
      <main className="flex flex-1 items-start justify-center px-4 pt-8 pb-16 sm:items-center sm:pt-0">
        <div className="w-full max-w-sm">
          <div className="mb-8 flex flex-col items-center text-center">
            <span
              aria-hidden="true"
              className="mb-4 flex size-11 items-center justify-center rounded-xl bg-indigo-600 text-xl font-bold text-white shadow-sm"
            >
              E
            </span>
            <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{t('signIn.title')}</h1>
            <p className="mt-1 text-sm text-zinc-500">{t('signIn.subtitle')}</p>
          </div>
          <form
            noValidate
            onSubmit={onSubmit}
            className="space-y-5 rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200"
          >
            <Field id={`${id}-email`} label={t('signIn.email')}>
              <Input
                id={`${id}-email`}
                name="email"
                type="email"
                autoComplete="username"
                inputMode="email"
                required
                autoFocus
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                invalid={error !== null}
                aria-describedby={error ? `${id}-error` : undefined}
              />
            </Field>
            <Field id={`${id}-password`} label={t('signIn.password')}>
              <Input
                id={`${id}-password`}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                invalid={error !== null}
                aria-describedby={error ? `${id}-error` : undefined}
              />
            </Field>
            <p className="-mt-2 text-right text-sm">
              <Link
                to="/reset-password"
                data-testid="forgot-password"
                className="font-medium text-indigo-700 underline-offset-2 hover:underline"
              >
                {t('account.forgotPassword')}
              </Link>
            </p>
            {error ? (
              <p
                id={`${id}-error`}
                role="alert"
                data-testid="sign-in-error"
                className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
              >
                {error}
              </p>
            ) : null}
            <Button type="submit" className="w-full" disabled={signIn.isPending}>
              {signIn.isPending ? <Spinner className="text-white" /> : null}
              {t('signIn.submit')}
            </Button>
          </form>
          {health.data?.demo ? (
            <div className="mt-4 rounded-lg bg-indigo-50 px-4 py-3 text-sm text-indigo-900 ring-1 ring-indigo-100">
              <p>
                {t('signIn.demoHint')}{' '}
                <span className="font-mono text-xs">
                  {DEMO_EMAIL} / {DEMO_PASSWORD}
                </span>
              </p>
              <button
                type="button"
                className="mt-1 text-sm font-medium text-indigo-700 underline underline-offset-2"
                onClick={() => {
                  setEmail(DEMO_EMAIL);
                  setPassword(DEMO_PASSWORD);
                }}
              >
                {t('signIn.useDemo')}
              </button>
            </div>
          ) : null}
        </div>
      </main>
    </div>
  );
}
