import { addDays, type CalendarDate, makeCalendarDate } from '../../../domain/calendar';
import type { Cents } from '../../../domain/money';

/** How dates are written in a spreadsheet column; `auto` = detected from the file (IMP-1 b). */
export const DATE_FORMATS = ['DD/MM/YYYY', 'YYYY-MM-DD', 'MM/DD/YYYY', 'YYYYMMDD', 'auto'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export type ConcreteDateFormat = Exclude<DateFormat, 'auto'>;

/** The decimal separator of amounts; `auto` = detected from the file. */
export const DECIMAL_SEPARATORS = [',', '.', 'auto'] as const;
export type DecimalSeparatorOption = (typeof DECIMAL_SEPARATORS)[number];
export type DecimalSeparator = Exclude<DecimalSeparatorOption, 'auto'>;

// Thousands separators: space, no-break space, narrow no-break space, apostrophes, and the other
// one of `.`/`,`.
const SPACES = ' \u00a0\u202f';
const THOUSANDS: Record<DecimalSeparator, string> = { ',': `${SPACES}.'’`, '.': `${SPACES},'’` };
const CURRENCY_SYMBOLS = '€$£¥';

function escapeForClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}

/** `1 234 567,89`, `1.234,5`, `1234,56`, `,5`: thousands groups must all use the same separator. */
function amountBodyPattern(decimal: DecimalSeparator): RegExp {
  const t = escapeForClass(THOUSANDS[decimal]);
  const d = decimal === '.' ? '\\.' : ',';
  return new RegExp(`^(?:(\\d{1,3}(?:([${t}])\\d{3})(?:\\2\\d{3})*)|(\\d*))(?:${d}(\\d+))?$`);
}

const AMOUNT_BODY: Record<DecimalSeparator, RegExp> = {
  ',': amountBodyPattern(','),
  '.': amountBodyPattern('.'),
};
const LEADING_CURRENCY = new RegExp(`^([${CURRENCY_SYMBOLS}]|[A-Z]{3}(?![A-Z]))[${SPACES}]*`, 'i');
const TRAILING_CURRENCY = new RegExp(`[${SPACES}]*([${CURRENCY_SYMBOLS}]|(?<![A-Z])[A-Z]{3})$`, 'i');
/** ISO 4217 codes: `EUR 12` is an amount, `REF12` is not. */
const CURRENCY_CODES = new Set(Intl.supportedValuesOf('currency'));

/** Removes a currency symbol or a known ISO code matched by `pattern`, if any. */
function stripCurrency(text: string, pattern: RegExp): string {
  const m = pattern.exec(text);
  if (!m) return text;
  const currency = m[1]!;
  if (currency.length === 3 && !CURRENCY_CODES.has(currency.toUpperCase())) return text;
  return text.slice(0, m.index) + text.slice(m.index + m[0].length);
}
const LEADING_SIGN = new RegExp(`^([+\\-\u2212])[${SPACES}]*`);
const TRAILING_SIGN = new RegExp(`[${SPACES}]*([+\\-\u2212])$`);

function trimSpaces(text: string): string {
  return text.replace(/^[\s\u00a0\u202f\ufeff]+|[\s\u00a0\u202f\ufeff]+$/g, '');
}

/**
 * Parses an amount written by a person or an ERP into cents, or `null` when the text is not an
 * amount. Accepts thousands separators consistent with `decimal`, a leading or trailing sign,
 * parentheses for negatives, and a currency symbol or code on either side. String arithmetic only:
 * decimals beyond the cent must be zeros (`12,340` with `,` is 12.34; `12,345` is refused).
 * @example parseAmount('1 234,56 €', ',') // 123456
 * @example parseAmount('(12.00)', '.') // -1200
 * @example parseAmount('1,234.56', ',') // null
 */
export function parseAmount(text: string, decimal: DecimalSeparator): Cents | null {
  let s = trimSpaces(text);
  let signs = 0;
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    signs += 1;
    s = trimSpaces(s.slice(1, -1));
  }
  const takeSign = (pattern: RegExp): void => {
    const m = pattern.exec(s);
    if (!m) return;
    signs += 1;
    if (m[1] !== '+') negative = true;
    s = s.slice(0, m.index) + s.slice(m.index + m[0].length);
  };
  // `-12 €`, `€ -12`, `12 € -`, `EUR 12-`: one sign and one currency, in any order, on either side.
  takeSign(LEADING_SIGN);
  s = stripCurrency(s, LEADING_CURRENCY);
  takeSign(LEADING_SIGN);
  takeSign(TRAILING_SIGN);
  s = stripCurrency(s, TRAILING_CURRENCY);
  takeSign(TRAILING_SIGN);
  if (signs > 1) return null;
  const m = AMOUNT_BODY[decimal].exec(s);
  if (!m) return null;
  const units = (m[1] ?? m[3] ?? '').replace(/\D/g, '');
  const decimals = m[4] ?? '';
  if (units === '' && decimals === '') return null;
  if (/[1-9]/.test(decimals.slice(2))) return null;
  return digitsToCents(units, decimals.slice(0, 2).padEnd(2, '0'), negative);
}

function digitsToCents(units: string, twoDecimals: string, negative: boolean): Cents | null {
  const digits = `${units}${twoDecimals}`.replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return null;
  const cents = Number(digits);
  return negative && cents !== 0 ? -cents : cents;
}

/**
 * Converts a number read from a spreadsheet cell into cents, rounding half away from zero on
 * its shortest decimal writing (what Excel shows): 14.399999999999999 → 1440, 1.005 → 101.
 * @example numberToCents(1234.56) // 123456
 */
export function numberToCents(value: number): Cents | null {
  if (!Number.isFinite(value)) return null;
  const negative = value < 0;
  const text = String(Math.abs(value));
  if (/e-/i.test(text)) return 0;
  if (/e/i.test(text)) return null;
  const [units = '0', decimals = ''] = text.split('.');
  const base = digitsToCents(units, decimals.slice(0, 2).padEnd(2, '0'), false);
  if (base === null) return null;
  const rounded = (decimals[2] ?? '0') >= '5' ? base + 1 : base;
  return negative && rounded !== 0 ? -rounded : rounded;
}

/**
 * Guesses the decimal separator from sample values. A separator followed by exactly three digits
 * is ambiguous (`1,234`), unless the other separator also appears (`1.234,5`).
 * @example detectDecimalSeparator(['1 234,56', '12']) // ','
 * @example detectDecimalSeparator(['1,234.56']) // '.'
 */
export function detectDecimalSeparator(
  samples: string[],
  fallback: DecimalSeparator = ',',
): DecimalSeparator {
  let commaVotes = 0;
  let dotVotes = 0;
  for (const sample of samples) {
    const s = sample.replace(/[^\d.,]/g, '');
    const lastComma = s.lastIndexOf(',');
    const lastDot = s.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) {
      if (lastComma > lastDot) commaVotes += 1;
      else dotVotes += 1;
      continue;
    }
    const vote = voteForSingleSeparator(s, lastComma >= 0 ? ',' : lastDot >= 0 ? '.' : null);
    if (vote === ',') commaVotes += 1;
    else if (vote === '.') dotVotes += 1;
  }
  if (commaVotes > dotVotes) return ',';
  if (dotVotes > commaVotes) return '.';
  return fallback;
}

function voteForSingleSeparator(s: string, sep: DecimalSeparator | null): DecimalSeparator | null {
  if (sep === null) return null;
  const other: DecimalSeparator = sep === ',' ? '.' : ',';
  const parts = s.split(sep);
  // Several occurrences can only be thousands groups: 1,234,567 → the decimal is the other one.
  if (parts.length > 2) return other;
  const [units = '', decimals = ''] = parts;
  if (decimals.length !== 3) return sep;
  // 0,123 or 1234,567 cannot be thousands groups; 1,234 could be either.
  if (units === '' || units === '0' || units.length > 3) return sep;
  return null;
}

/** Matches a time of day after a date: `31/12/2024 00:00:00`, `2024-12-31T10:00:00+02:00`. */
const TIME_SUFFIX = /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)$/;
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const DAY_OR_MONTH_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/;

/** Two-digit years as Excel reads them: 00–29 → 20xx, 30–99 → 19xx. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year < 30 ? 2000 + year : 1900 + year;
}

/**
 * Parses a date cell into a calendar date, or `null` when it is not a real date. Text follows
 * `format` (separators `/`, `.`, `-` are all accepted, a time of day is ignored) and a year-first
 * date `2024-12-31` is accepted whatever the format; a `Date` (XLSX date cell) is read from its
 * UTC parts; a number is an Excel serial day (or `YYYYMMDD` when it has eight digits).
 * @example parseDate('31/12/2024', 'DD/MM/YYYY') // '2024-12-31'
 * @example parseDate('31/02/2024', 'DD/MM/YYYY') // null
 * @example parseDate(45657, 'DD/MM/YYYY') // '2024-12-31'
 */
export function parseDate(
  value: string | Date | number,
  format: ConcreteDateFormat,
  { date1904 = false }: { date1904?: boolean } = {},
): CalendarDate | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return makeCalendarDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 10_000_101 && value <= 99_991_231) {
      return parseDate(String(value), 'YYYYMMDD');
    }
    return excelSerialToDate(value, date1904);
  }
  const text = trimSpaces(value).replace(TIME_SUFFIX, '');
  const yearFirst = YEAR_FIRST.exec(text) ?? (format === 'YYYYMMDD' ? COMPACT.exec(text) : null);
  if (yearFirst) return makeCalendarDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  if (format !== 'DD/MM/YYYY' && format !== 'MM/DD/YYYY') return null;
  const m = DAY_OR_MONTH_FIRST.exec(text);
  if (!m) return null;
  const [first, second] = [Number(m[1]), Number(m[2])];
  const year = fullYear(m[3]!);
  return format === 'DD/MM/YYYY'
    ? makeCalendarDate(year, second, first)
    : makeCalendarDate(year, first, second);
}

/** Last serial day Excel knows: 9999-12-31. */
const MAX_SERIAL = 2_958_465;

/**
 * Converts an Excel serial day number into a calendar date (the time of day is dropped). In the
 * 1900 system, serial 60 is Excel's fictitious 1900-02-29 and has no date.
 * @example excelSerialToDate(45657) // '2024-12-31'
 */
export function excelSerialToDate(serial: number, date1904 = false): CalendarDate | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (date1904) return day >= 0 && day <= MAX_SERIAL - 1462 ? addDays('1904-01-01', day) : null;
  if (day < 1 || day > MAX_SERIAL || day === 60) return null;
  return day < 60 ? addDays('1899-12-31', day) : addDays('1899-12-30', day);
}

/**
 * Guesses how dates are written from sample values: year-first forms win by majority; for
 * `dd/mm` versus `mm/dd`, a first part above 12 proves day-first, a second part above 12 proves
 * month-first; when nothing proves either, `fallback` (French usage by default).
 * @example detectDateFormat(['01/02/2024', '12/31/2024']) // 'MM/DD/YYYY'
 */
export function detectDateFormat(
  samples: string[],
  fallback: 'DD/MM/YYYY' | 'MM/DD/YYYY' = 'DD/MM/YYYY',
): ConcreteDateFormat {
  let iso = 0;
  let compact = 0;
  let slashed = 0;
  let dayFirst = 0;
  let monthFirst = 0;
  for (const sample of samples) {
    const text = trimSpaces(sample).replace(TIME_SUFFIX, '');
    if (YEAR_FIRST.test(text)) iso += 1;
    else if (COMPACT.test(text)) compact += 1;
    else {
      const m = DAY_OR_MONTH_FIRST.exec(text);
      if (!m) continue;
      slashed += 1;
      if (Number(m[1]) > 12) dayFirst += 1;
      if (Number(m[2]) > 12) monthFirst += 1;
    }
  }
  if (slashed === 0 && compact === 0 && iso === 0) return fallback;
  if (iso >= compact && iso >= slashed) return 'YYYY-MM-DD';
  if (compact >= slashed) return 'YYYYMMDD';
  if (dayFirst > monthFirst) return 'DD/MM/YYYY';
  if (monthFirst > dayFirst) return 'MM/DD/YYYY';
  return fallback;
}
