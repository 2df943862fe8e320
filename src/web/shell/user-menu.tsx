import { ChevronDown, LogOut } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../contracts/auth';
import { useSignOut } from '../api/auth';
import { navigate } from '../router/router';
import { focusRing } from '../ui/button';
import { cx } from '../ui/cx';

function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 0 ? words.slice(0, 2).map((word) => word[0]) : [email[0]];
  return letters.join('').toUpperCase();
}

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const signOut = useSignOut();

  useEffect(() => {
    if (!isOpen) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setIsOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [isOpen]);

  return (
    <div ref={rootRef} className="relative">
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={isOpen}
        aria-controls={menuId}
        onClick={() => setIsOpen((open) => !open)}
        className={cx('flex items-center gap-2 rounded-md p-1 text-sm hover:bg-zinc-100', focusRing)}
      >
        <span
          aria-hidden="true"
          className="flex size-7 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700"
        >
          {initials(me.user.name, me.user.email)}
        </span>
        <span className="hidden max-w-40 truncate font-medium text-zinc-700 sm:inline">{me.user.name}</span>
        <span className="sr-only sm:hidden">{t('shell.userMenu')}</span>
        <ChevronDown aria-hidden="true" className="size-4 text-zinc-400" />
      </button>
      {isOpen ? (
        <div
          id={menuId}
          className="absolute right-0 z-30 mt-2 w-64 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-200"
        >
          <div className="border-b border-zinc-100 px-3 py-2.5">
            <p className="truncate text-sm font-medium text-zinc-900">{me.user.name}</p>
            <p className="truncate text-xs text-zinc-500">{me.user.email}</p>
            <p className="mt-1 truncate text-xs text-zinc-500">
              {me.organization.name} · {t(`roles.${me.user.role}`)}
            </p>
          </div>
          <button
            type="button"
            disabled={signOut.isPending}
            onClick={() =>
              signOut.mutate(undefined, {
                onSettled: () => navigate('/sign-in', { replace: true }),
              })
            }
            className={cx(
              'mt-1 flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm text-zinc-700 hover:bg-zinc-100',
              focusRing,
            )}
          >
            <LogOut aria-hidden="true" className="size-4" />
            {t('shell.signOut')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
