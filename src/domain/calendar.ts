/**
 * Calendar dates of the ledger (entry, document, due, lettering) carry no time and no zone.
 * They are ISO strings `YYYY-MM-DD`: they sort and compare as strings, and the arithmetic below
 * works on the calendar, never on milliseconds of a local clock.
 */
export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (2024-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Builds a calendar date from its parts, or `null` when the parts name no real day. */
export function makeCalendarDate(year: number, month: number, day: number): CalendarDate | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Number of days of a month (1-12) of a year, leap years included. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function toDayNumber(date: CalendarDate): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000
  );
}

function fromDayNumber(day: number): CalendarDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Adds a number of days (negative to go back).
 * @example addDays('2024-02-28', 2) // '2024-03-01'
 */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round(toDayNumber(to) - toDayNumber(from));
}

/**
 * Last day of the month of `date`.
 * @example endOfMonth('2024-02-10') // '2024-02-29'
 */
export function endOfMonth(date: CalendarDate): CalendarDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 8)}${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

/** The later of two dates. */
export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

/** The earlier of two dates. */
export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a <= b ? a : b;
}

/**
 * First day of the month of `date`.
 * @example startOfMonth('2024-02-10') // '2024-02-01'
 */
export function startOfMonth(date: CalendarDate): CalendarDate {
  return `${date.slice(0, 8)}01`;
}

/**
 * Number of days of the month of `date`.
 * @example daysInMonthOf('2024-02-10') // 29
 */
export function daysInMonthOf(date: CalendarDate): number {
  return daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
}
