import { type CalendarDate, daysInMonth, makeCalendarDate } from '../../../domain/calendar';
import type { Cents } from '../../../domain/money';

// Field parsers of the FEC reader. They work on char codes rather than regexes because they run
// several times on each of a million lines; the regexes below only explain a value already refused.

const ZERO = 48;
const NINE = 57;
const PLUS = 43;
const MINUS = 45;
const COMMA = 44;
const DOT = 46;

/** Largest integer part that still gives a safe number of cents. */
const MAX_UNITS = Math.floor(Number.MAX_SAFE_INTEGER / 100);

/**
 * Reads a FEC amount (XII-2°: comma decimals, zero padding, a sign on the left or on the right) into
 * cents; NaN when `text` is not an amount. `text` must be trimmed and not empty.
 * A dot is accepted as the decimal separator too, since some exporters write one. Decimals past
 * the second are accepted only when they are zeros: cents are never rounded.
 */
export function readFecAmount(text: string): Cents {
  let end = text.length;
  let i = 0;
  let isNegative = false;
  const first = text.charCodeAt(0);
  if (first === MINUS || first === PLUS) {
    isNegative = first === MINUS;
    i = 1;
  } else {
    const last = text.charCodeAt(end - 1);
    if (last === MINUS || last === PLUS) {
      isNegative = last === MINUS;
      end -= 1;
    }
  }
  let units = 0;
  let digitCount = 0;
  let code = 0;
  for (; i < end; i++) {
    code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) break;
    units = units * 10 + (code - ZERO);
    if (units > MAX_UNITS) return Number.NaN;
    digitCount++;
  }
  let cents = units * 100;
  if (i < end) {
    if (code !== COMMA && code !== DOT) return Number.NaN;
    let decimals = 0;
    for (i += 1; i < end; i++) {
      code = text.charCodeAt(i);
      if (code < ZERO || code > NINE) return Number.NaN;
      if (decimals === 0) cents += (code - ZERO) * 10;
      else if (decimals === 1) cents += code - ZERO;
      else if (code !== ZERO) return Number.NaN;
      decimals++;
      digitCount++;
    }
  }
  if (digitCount === 0 || cents > Number.MAX_SAFE_INTEGER) return Number.NaN;
  return isNegative && cents !== 0 ? -cents : cents;
}

/**
 * Parses a FEC amount into cents: `null` when the text is blank or not an amount (callers decide
 * what a blank means: 0 for Debit/Credit, no value for Montantdevise).
 * @example parseFecAmount(' 000000000003000,00') // 300000
 * @example parseFecAmount('12,00-') // -1200
 * @example parseFecAmount('1 234,56') // null (no thousands separator in a FEC)
 */
export function parseFecAmount(text: string): Cents | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const cents = readFecAmount(trimmed);
  return Number.isNaN(cents) ? null : cents;
}

/** Why `text` (trimmed) is not an amount, as a sentence for the user. */
export function explainBadAmount(text: string): string {
  if (/^[+-]?\d{1,3}(?:[ .\u00a0\u202f']\d{3})+(?:,\d+)?[+-]?$/.test(text)) {
    return `'${text}' has a thousands separator, which a FEC does not allow (write 1234,56)`;
  }
  if (/^[+-]?\d*[.,]\d{3,}[+-]?$/.test(text)) return `'${text}' has more than 2 decimals`;
  if (/^[+-]?\d+(?:[.,]\d*)?[+-]?$/.test(text)) return `'${text}' is too large for an amount`;
  return `'${text}' is not an amount`;
}

/** What {@link readFecDate} returns for a value that is not a date. */
export const INVALID_DATE = '!invalid';

const dateCache = new Map<string, CalendarDate>();
const DATE_CACHE_LIMIT = 10_000;

// DGFiP's checker accepts `-`, `/` or `.` separators, year first or day first, and an optional
// time; we do the same.
const OTHER_DATE =
  /^(?:(\d{4})(\d{2})(\d{2})|(\d{4})([-/.])(\d{1,2})\5(\d{1,2})|(\d{1,2})([-/.])(\d{1,2})\9(\d{4}))(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads a FEC date (trimmed text) into a calendar date: `''` when blank (an all-zero date such as
 * `00000000` counts as blank), {@link INVALID_DATE} when not a real date.
 */
export function readFecDate(text: string): CalendarDate {
  if (text === '') return '';
  // Files hold few distinct dates: most lookups hit, and give the same string every time.
  const cached = dateCache.get(text);
  if (cached !== undefined) return cached;
  const date = text.length === 8 ? readCompactDate(text) : readOtherDate(text);
  if (date !== INVALID_DATE) {
    if (dateCache.size >= DATE_CACHE_LIMIT) dateCache.clear();
    dateCache.set(text, date);
  }
  return date;
}

function readCompactDate(text: string): CalendarDate {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) return readOtherDate(text);
    value = value * 10 + (code - ZERO);
  }
  if (value === 0) return '';
  const year = Math.floor(value / 10_000);
  const month = Math.floor(value / 100) % 100;
  const day = value % 100;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return INVALID_DATE;
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

function readOtherDate(text: string): CalendarDate {
  const m = OTHER_DATE.exec(text);
  if (!m) return INVALID_DATE;
  const year = Number(m[1] ?? m[4] ?? m[11]);
  const month = Number(m[2] ?? m[6] ?? m[10]);
  const day = Number(m[3] ?? m[7] ?? m[8]);
  if (year === 0 && month === 0 && day === 0) return '';
  return makeCalendarDate(year, month, day) ?? INVALID_DATE;
}

/**
 * Parses a FEC date (XII-4°: AAAAMMJJ; also AAAA-MM-JJ, JJ/MM/AAAA and an optional time, as the
 * DGFiP checker accepts) into `YYYY-MM-DD`. Returns `null` when blank (or all zeros); throws a
 * `RangeError` when the text is not a real date.
 * @example parseFecDate('20240131') // '2024-01-31'
 * @example parseFecDate('31/01/2024 00:00:00') // '2024-01-31'
 * @example parseFecDate('20240230') // throws RangeError
 */
export function parseFecDate(text: string): CalendarDate | null {
  const date = readFecDate(text.trim());
  if (date === INVALID_DATE) throw new RangeError(explainBadDate(text.trim()));
  return date === '' ? null : date;
}

/** Why `text` (trimmed) is not a date, as a sentence for the user. */
export function explainBadDate(text: string): string {
  return OTHER_DATE.test(text)
    ? `'${text}' is not a real date`
    : `'${text}' is not a date (expected AAAAMMJJ, e.g. 20241231)`;
}
