import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cents } from '../../domain/money';

/** BCP 47 tags for the interface languages: British English keeps European day/month order. */
const INTL_TAGS: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' };

export function intlTag(locale: string): string {
  return INTL_TAGS[locale] ?? locale;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(intlTag(locale), { style: 'currency', currency });
    } catch {
      // Not an ISO 4217 code Intl knows: show the number and the code as written.
      format = new Intl.NumberFormat(intlTag(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * Formats an integer number of cents for display; the division happens only here.
 * @example formatMoney(123456, 'EUR', 'fr') // '1 234,56 €'
 */
export function formatMoney(cents: Cents, currency: string, locale: string): string {
  const format = moneyFormat(locale, currency);
  const text = format.format(cents / 100);
  return format.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}

/**
 * Formats a calendar date `YYYY-MM-DD` as that same day, whatever the browser's time zone.
 * @example formatCalendarDate('2024-04-30', 'fr') // '30/04/2024'
 */
export function formatCalendarDate(
  date: string,
  locale: string,
  style: 'short' | 'medium' = 'short',
): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: style, timeZone: 'UTC' }).format(utc);
}

/** Formats an instant (ISO timestamp) in the browser's time zone, e.g. when an import ran. */
export function formatDateTime(instant: string, locale: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

export function formatInteger(value: number, locale: string): string {
  return new Intl.NumberFormat(intlTag(locale)).format(value);
}

/** A number with at most one decimal, e.g. days of DSO. */
export function formatDecimal(value: number, locale: string): string {
  return new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 1 }).format(value);
}

/**
 * Cents as a short amount for chart axes: "12 k€", "1,2 M€".
 * @example formatCompactMoney(1_234_500_00, 'EUR', 'fr') // '1,2 M€'
 */
export function formatCompactMoney(cents: Cents, currency: string, locale: string): string {
  return new Intl.NumberFormat(intlTag(locale), {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(cents / 100);
}

/** A calendar date as its short month and year, e.g. "avr. 24" / "Apr 24". */
export function formatMonthShort(date: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(intlTag(locale), {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  }).format(utc);
}

/** A ratio 0…1 as a percentage with at most one decimal. */
export function formatPercent(ratio: number, locale: string): string {
  return new Intl.NumberFormat(intlTag(locale), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** Bytes as KB/MB with the locale's decimal mark. */
export function formatBytes(bytes: number, locale: string): string {
  // French writes octets: o, Ko, Mo, Go.
  const units = locale === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** A duration in milliseconds as "850 ms", "12.4 s" or "3 min 5 s". */
export function formatDuration(ms: number, locale: string): string {
  const number = (value: number, digits = 0) =>
    new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: digits }).format(value);
  if (ms < 1000) return `${number(ms)} ms`;
  if (ms < 60_000) return `${number(ms / 1000, 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${number(minutes)} min ${number(Math.round((ms % 60_000) / 1000))} s`;
}

/** The formatters bound to the current interface language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(
    () => ({
      locale,
      money: (cents: Cents, currency: string) => formatMoney(cents, currency, locale),
      date: (date: string) => formatCalendarDate(date, locale),
      dateTime: (instant: string) => formatDateTime(instant, locale),
      integer: (value: number) => formatInteger(value, locale),
      percent: (ratio: number) => formatPercent(ratio, locale),
      decimal: (value: number) => formatDecimal(value, locale),
      compactMoney: (cents: Cents, currency: string) => formatCompactMoney(cents, currency, locale),
      monthShort: (date: string) => formatMonthShort(date, locale),
      bytes: (bytes: number) => formatBytes(bytes, locale),
      duration: (ms: number) => formatDuration(ms, locale),
    }),
    [locale],
  );
}
