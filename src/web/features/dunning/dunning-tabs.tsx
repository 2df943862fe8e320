import { BellRing, Filter, ListChecks } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from '../../router/router';
import { focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';

const TABS = [
  { key: 'todo', path: '/dunning', icon: BellRing },
  { key: 'criteria', path: '/dunning/criteria', icon: Filter },
  { key: 'tasks', path: '/dunning/tasks', icon: ListChecks },
] as const;

/** The three ways to work the reminders: by scenario (DUN-9), by criteria (DUN-10), the action list. */
export function DunningTabs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <nav
      aria-label={t('dunning.tabs.label')}
      className="-mt-3 mb-5 overflow-x-auto"
      data-testid="dunning-tabs"
    >
      <ul className="flex min-w-max gap-0.5 border-b border-zinc-200 sm:gap-1">
        {TABS.map(({ key, path, icon: Icon }) => {
          const isCurrent = pathname === path;
          return (
            <li key={key}>
              <Link
                to={path}
                aria-current={isCurrent ? 'page' : undefined}
                className={cx(
                  '-mb-px flex items-center gap-1.5 border-b-2 px-2 py-2 text-sm font-medium whitespace-nowrap sm:px-3',
                  isCurrent
                    ? 'border-indigo-600 text-indigo-700'
                    : 'border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900',
                  focusRing,
                )}
              >
                <Icon aria-hidden="true" className="hidden size-4 sm:block" />
                {t(`dunning.tabs.${key}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
