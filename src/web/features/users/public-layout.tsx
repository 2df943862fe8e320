import type { ReactNode } from 'react';
import { LanguageSwitcher } from '../../shell/language-switcher';

/** The frame of the pages reached from an email before signing in, like the sign-in page. */
export function PublicLayout({
  title,
  subtitle,
  children,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
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
            <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
            {subtitle ? <p className="mt-1 text-sm text-zinc-500">{subtitle}</p> : null}
          </div>
          {children}
        </div>
      </main>
    </div>
  );
}

/** The white card a public form sits in. */
export const cardClasses = 'space-y-5 rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200';
