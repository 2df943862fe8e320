import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../contracts/auth';
import { useChooseLocale } from '../api/auth';
import { chooseLocale } from '../i18n';
import { focusRing } from '../ui/button';
import { cx } from '../ui/cx';

/** FR | EN toggle; saved in the user's profile once signed in (ACC-4), in this browser before. */
export function LanguageSwitcher({ userId, className }: { userId?: string; className?: string }) {
  const { t, i18n } = useTranslation();
  const chooseForUser = useChooseLocale();
  return (
    <fieldset className={cx('inline-flex rounded-md bg-zinc-100 p-0.5', className)}>
      <legend className="sr-only">{t('shell.language')}</legend>
      {LOCALES.map((locale: Locale) => {
        const isCurrent = i18n.language === locale;
        return (
          <button
            key={locale}
            type="button"
            lang={locale}
            aria-pressed={isCurrent}
            aria-label={t(`shell.languageName.${locale}`)}
            title={t(`shell.languageName.${locale}`)}
            onClick={() => (userId ? chooseForUser.mutate(locale) : chooseLocale(locale))}
            className={cx(
              'rounded px-2 py-1 text-xs font-semibold uppercase transition-colors',
              focusRing,
              isCurrent ? 'bg-white text-zinc-900 shadow-sm' : 'text-zinc-500 hover:text-zinc-800',
            )}
          >
            {locale}
          </button>
        );
      })}
    </fieldset>
  );
}
