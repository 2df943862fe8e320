import { type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from './api/auth';
import { SignInPage } from './features/auth/sign-in-page';
import { safeNext } from './lib/safe-next';
import { navigate, useLocation, useSearchParams } from './router/router';
import { pageFor, publicPageFor } from './routes';
import { AppShell } from './shell/app-shell';
import { Button } from './ui/button';
import { ErrorNotice, PageLoading, Spinner } from './ui/feedback';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function FullPage({ children }: { children: ReactNode }) {
  return <div className="flex min-h-dvh items-center justify-center bg-zinc-50 p-6">{children}</div>;
}

export function App() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const params = useSearchParams();
  const me = useMe();

  if (me.isPending) {
    return (
      <FullPage>
        <Spinner label={t('common.loading')} />
      </FullPage>
    );
  }
  if (me.isError) {
    return (
      <FullPage>
        <div className="w-full max-w-md space-y-4">
          <ErrorNotice error={me.error} />
          <Button variant="secondary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        </div>
      </FullPage>
    );
  }

  const PublicPage = publicPageFor(pathname);
  if (PublicPage) {
    return (
      <Suspense fallback={<PageLoading />}>
        <PublicPage />
      </Suspense>
    );
  }
  if (pathname === '/sign-in') {
    return me.data ? <Redirect to={safeNext(params.get('next'))} /> : <SignInPage />;
  }
  if (!me.data) {
    const here = pathname + search;
    return <Redirect to={here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`} />;
  }

  const Page = pageFor(pathname);
  return (
    <AppShell me={me.data}>
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    </AppShell>
  );
}
