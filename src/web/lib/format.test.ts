import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, formatCalendarDate, formatMoney, formatPercent } from './format';

/** Intl separates thousands and currency with (narrow) no-break spaces: compare on plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney (integer cents, divided only for display)', () => {
  it.each([
    [123456, 'EUR', 'fr', '1 234,56 €'],
    [123456, 'EUR', 'en', '€1,234.56'],
    [-5, 'EUR', 'fr', '-0,05 €'],
    [0, 'EUR', 'fr', '0,00 €'],
    [999_999_999_999, 'EUR', 'fr', '9 999 999 999,99 €'],
    [150000, 'GBP', 'en', '£1,500.00'],
  ])('%i %s in %s → %s', (cents, currency, locale, expected) => {
    expect(plain(formatMoney(cents, currency, locale))).toBe(expected);
  });

  it('shows an unknown currency code next to the number instead of failing', () => {
    expect(plain(formatMoney(1050, 'XX1', 'fr'))).toBe('10,50 XX1');
  });
});

describe('formatCalendarDate (no time-zone shift)', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each(['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC'])('keeps the same day in %s', (zone) => {
    process.env.TZ = zone;
    expect(formatCalendarDate('2024-04-30', 'fr')).toBe('30/04/2024');
    expect(formatCalendarDate('2024-01-01', 'en')).toBe('01/01/2024');
  });

  it('returns anything that is not YYYY-MM-DD as it is', () => {
    expect(formatCalendarDate('30/04/2024', 'fr')).toBe('30/04/2024');
  });
});

describe('other formats', () => {
  it('percent with one decimal at most', () => {
    expect(plain(formatPercent(0.3557, 'fr'))).toBe('35,6 %');
    expect(formatPercent(0.3557, 'en')).toBe('35.6%');
  });

  it('bytes in octets for French', () => {
    expect(plain(formatBytes(1536, 'fr'))).toBe('1,5 Ko');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
  });
});
