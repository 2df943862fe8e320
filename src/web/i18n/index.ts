import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from '../../contracts/auth';
import en from './en.json';
import fr from './fr.json';

type Messages = Record<string, unknown>;

/**
 * Each feature may keep its messages in `features/<feature>.<locale>.json`, whose top-level keys
 * are namespaces of its own; they are added to the shared `fr.json` / `en.json`.
 */
const featureFiles = import.meta.glob<Messages>('./features/*.json', { eager: true, import: 'default' });

export function messagesFor(locale: Locale): Messages {
  const merged: Messages = { ...(locale === 'fr' ? fr : en) };
  for (const [path, messages] of Object.entries(featureFiles)) {
    if (!path.endsWith(`.${locale}.json`)) continue;
    for (const [namespace, value] of Object.entries(messages)) {
      if (namespace in merged) throw new Error(`${path}: namespace "${namespace}" is already defined`);
      merged[namespace] = value;
    }
  }
  return merged;
}

export const DEFAULT_LOCALE: Locale = 'fr';

const ANONYMOUS_KEY = 'encours.locale';
const userKey = (userId: string) => `encours.locale.${userId}`;

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private mode or storage disabled: the choice lasts until the page is reloaded.
  }
}

/** Before sign-in: the last choice made in this browser, else the browser's language, else French. */
function anonymousLocale(): Locale {
  const stored = readStorage(ANONYMOUS_KEY);
  if (isLocale(stored)) return stored;
  const browser = typeof navigator !== 'undefined' ? navigator.language.slice(0, 2) : '';
  return browser === 'en' ? 'en' : DEFAULT_LOCALE;
}

/**
 * The language of a signed-in user: their profile's locale (ACC-4), unless they switched language in
 * this browser. The API has no route to save the choice yet, so it is kept per user locally.
 */
export function localeForUser(userId: string, profileLocale: Locale): Locale {
  const stored = readStorage(userKey(userId));
  return isLocale(stored) ? stored : profileLocale;
}

/** Switches the interface language and the document's `lang`, and remembers the choice. */
export function chooseLocale(locale: Locale, userId?: string): void {
  writeStorage(userId ? userKey(userId) : ANONYMOUS_KEY, locale);
  applyLocale(locale);
}

/** Switches the interface language and the document's `lang` without remembering it. */
export function applyLocale(locale: Locale): void {
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/** The current interface language. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

const initial = anonymousLocale();
void i18n.use(initReactI18next).init({
  resources: { fr: { translation: messagesFor('fr') }, en: { translation: messagesFor('en') } },
  lng: initial,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});
document.documentElement.lang = initial;

export { i18n };
