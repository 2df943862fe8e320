import { Menu, X } from 'lucide-react';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../contracts/auth';
import { Link, useLocation } from '../router/router';
import { focusRing } from '../ui/button';
import { cx } from '../ui/cx';
import { LanguageSwitcher } from './language-switcher';
import { isActive, NAV_ITEMS, type NavItem } from './nav-items';
import { UserMenu } from './user-menu';

function Logo() {
  return (
    <span className="flex items-center gap-2">
      <span
        aria-hidden="true"
        className="flex size-7 items-center justify-center rounded-md bg-indigo-600 text-sm font-bold text-white"
      >
        E
      </span>
      <span className="text-base font-semibold tracking-tight text-zinc-900">Encours</span>
    </span>
  );
}

function NavEntry({
  item,
  pathname,
  onNavigate,
}: {
  item: NavItem;
  pathname: string;
  onNavigate?: () => void;
}) {
  const { t } = useTranslation();
  const Icon = item.icon;
  if (!item.isReady) {
    return (
      <li>
        <span
          aria-disabled="true"
          className="flex cursor-not-allowed items-center gap-3 rounded-md px-3 py-2 text-sm text-zinc-400"
        >
          <Icon aria-hidden="true" className="size-4" />
          <span className="flex-1">{t(`nav.${item.key}`)}</span>
          <span className="sr-only">({t('nav.soon')})</span>
        </span>
      </li>
    );
  }
  const active = isActive(item, pathname);
  return (
    <li>
      <Link
        to={item.path}
        onClick={onNavigate}
        aria-current={active ? 'page' : undefined}
        className={cx(
          'flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors',
          focusRing,
          active
            ? 'bg-white text-indigo-700 shadow-sm ring-1 ring-zinc-200'
            : 'text-zinc-700 hover:bg-zinc-200/60',
        )}
      >
        <Icon aria-hidden="true" className={cx('size-4', active ? 'text-indigo-600' : 'text-zinc-500')} />
        {t(`nav.${item.key}`)}
      </Link>
    </li>
  );
}

function NavList({ pathname, onNavigate }: { pathname: string; onNavigate?: () => void }) {
  const ready = NAV_ITEMS.filter((item) => item.isReady);
  const coming = NAV_ITEMS.filter((item) => !item.isReady);
  const { t } = useTranslation();
  return (
    <>
      <ul className="space-y-0.5">
        {ready.map((item) => (
          <NavEntry key={item.key} item={item} pathname={pathname} onNavigate={onNavigate} />
        ))}
      </ul>
      <p className="mt-6 mb-1 px-3 text-xs font-medium text-zinc-500">{t('nav.comingSoon')}</p>
      <ul className="space-y-0.5">
        {coming.map((item) => (
          <NavEntry key={item.key} item={item} pathname={pathname} />
        ))}
      </ul>
    </>
  );
}

/** Phone navigation: the three pages at the thumb, the rest in a drawer. */
const BOTTOM_BAR_ITEMS = 4;

function BottomBar({ pathname, onOpenMenu }: { pathname: string; onOpenMenu: () => void }) {
  const { t } = useTranslation();
  return (
    <nav
      aria-label={t('nav.label')}
      className="fixed inset-x-0 bottom-0 z-20 border-t border-zinc-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden"
    >
      <ul className="grid grid-cols-5">
        {/* The first four pages; the rest are in the drawer behind "More". */}
        {NAV_ITEMS.filter((item) => item.isReady)
          .slice(0, BOTTOM_BAR_ITEMS)
          .map((item) => {
            const Icon = item.icon;
            const active = isActive(item, pathname);
            return (
              <li key={item.key}>
                <Link
                  to={item.path}
                  aria-current={active ? 'page' : undefined}
                  className={cx(
                    'flex flex-col items-center gap-0.5 py-2 text-[11px] font-medium',
                    focusRing,
                    active ? 'text-indigo-700' : 'text-zinc-500',
                  )}
                >
                  <Icon aria-hidden="true" className="size-5" />
                  {t(`nav.short.${item.key}`, { defaultValue: t(`nav.${item.key}`) })}
                </Link>
              </li>
            );
          })}
        <li>
          <button
            type="button"
            onClick={onOpenMenu}
            className={cx(
              'flex w-full flex-col items-center gap-0.5 py-2 text-[11px] font-medium text-zinc-500',
              focusRing,
            )}
          >
            <Menu aria-hidden="true" className="size-5" />
            {t('nav.more')}
          </button>
        </li>
      </ul>
    </nav>
  );
}

function Drawer({ me, pathname, onClose }: { me: Me; pathname: string; onClose: () => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-40 md:hidden">
      <button
        type="button"
        aria-label={t('common.close')}
        className="absolute inset-0 bg-zinc-900/40"
        onClick={onClose}
      />
      <div
        role="dialog"
        aria-modal="true"
        aria-label={t('nav.label')}
        className="absolute inset-y-0 left-0 flex w-72 max-w-[85vw] flex-col bg-zinc-50 p-4 shadow-xl"
      >
        <div className="mb-6 flex items-center justify-between">
          <Logo />
          <button type="button" onClick={onClose} className={cx('rounded-md p-1.5 text-zinc-500', focusRing)}>
            <X aria-hidden="true" className="size-5" />
            <span className="sr-only">{t('common.close')}</span>
          </button>
        </div>
        <p className="mb-4 truncate px-3 text-sm text-zinc-600">{me.organization.name}</p>
        <nav aria-label={t('nav.label')} className="flex-1 overflow-y-auto">
          <NavList pathname={pathname} onNavigate={onClose} />
        </nav>
      </div>
    </div>
  );
}

/** Header, navigation (side bar from 768 px, bottom bar and drawer below) and the page. */
export function AppShell({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [isDrawerOpen, setIsDrawerOpen] = useState(false);

  return (
    <div className="min-h-dvh bg-zinc-50">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        {t('shell.skipToContent')}
      </a>
      <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/95 backdrop-blur">
        <div className="flex h-14 items-center gap-3 px-4 md:px-6">
          <Link to="/" className={cx('rounded-md', focusRing)}>
            <Logo />
          </Link>
          <span aria-hidden="true" className="hidden h-5 w-px bg-zinc-200 sm:block" />
          <span
            className="hidden min-w-0 truncate text-sm text-zinc-600 sm:block"
            title={me.organization.name}
          >
            {me.organization.name}
          </span>
          <div className="ml-auto flex items-center gap-2 sm:gap-3">
            <LanguageSwitcher userId={me.user.id} />
            <UserMenu me={me} />
          </div>
        </div>
      </header>
      <div className="flex">
        <aside className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-56 shrink-0 overflow-y-auto border-r border-zinc-200 bg-zinc-50 px-3 py-5 md:block">
          <nav aria-label={t('nav.label')}>
            <NavList pathname={pathname} />
          </nav>
        </aside>
        <main id="main" className="min-w-0 flex-1 px-4 pt-5 pb-24 md:px-8 md:pt-8 md:pb-12">
          {children}
        </main>
      </div>
      <BottomBar pathname={pathname} onOpenMenu={() => setIsDrawerOpen(true)} />
      {isDrawerOpen ? <Drawer me={me} pathname={pathname} onClose={() => setIsDrawerOpen(false)} /> : null}
    </div>
  );
}

/** The title and the one-line description every page starts with. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold tracking-tight text-zinc-900 md:text-2xl">{title}</h1>
        {description ? <p className="mt-1 text-sm text-zinc-500">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}

/** Sets `document.title` to "<page> · Encours". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Encours`;
  }, [title]);
}
