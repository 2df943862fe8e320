import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../contracts/auth';
import { chooseLocale } from '../i18n';
import { focusRing } from '../ui/button';
import { cx } from '../ui/cx';

/** FR | EN toggle; remembers the choice for this user (or for this browser before sign-in). */
export function LanguageSwitcher({ userId, className }: { userId?: string; className?: string }) {
  const { t, i18n } = useTranslation();
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
            onClick={() => chooseLocale(locale, userId)}
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
