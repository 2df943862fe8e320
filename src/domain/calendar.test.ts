import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  daysInMonthOf,
  endOfMonth,
  isCalendarDate,
  makeCalendarDate,
  maxDate,
  minDate,
  startOfMonth,
} from './calendar';

describe('calendar dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['20240101', false],
  ])('isCalendarDate(%s) is %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-28', 2, '2024-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    // Across the change to summer time in Paris: calendar days, not hours.
    ['2024-03-30', 1, '2024-03-31'],
    ['2024-03-31', 1, '2024-04-01'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2024-02-10', '2024-02-29'],
    ['2023-02-10', '2023-02-28'],
    ['2024-04-30', '2024-04-30'],
    ['2024-12-01', '2024-12-31'],
  ])('endOfMonth(%s) = %s', (date, expected) => {
    expect(endOfMonth(date)).toBe(expected);
  });

  it.each([
    ['2024-02-29', '2024-02-01', 29],
    ['2023-02-01', '2023-02-01', 28],
    ['2024-11-15', '2024-11-01', 30],
    ['2024-12-31', '2024-12-01', 31],
  ])('startOfMonth(%s) = %s, daysInMonthOf = %i', (date, start, days) => {
    expect(startOfMonth(date)).toBe(start);
    expect(daysInMonthOf(date)).toBe(days);
  });

  it('VIS-1 vector: from 2024-04-20 to 2024-04-30 is 10 days', () => {
    expect(daysBetween('2024-04-20', '2024-04-30')).toBe(10);
  });

  it('makeCalendarDate refuses impossible days', () => {
    expect(makeCalendarDate(2024, 2, 30)).toBeNull();
    expect(makeCalendarDate(2024, 2, 29)).toBe('2024-02-29');
    expect(minDate('2024-01-02', '2023-12-31')).toBe('2023-12-31');
    expect(maxDate('2024-01-02', '2023-12-31')).toBe('2024-01-02');
  });

  it('adding then counting days gives the days back', () => {
    const dates = fc
      .record({
        year: fc.integer({ min: 1900, max: 2200 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
      })
      .map(({ year, month, day }) => makeCalendarDate(year, month, day)!);
    fc.assert(
      fc.property(dates, fc.integer({ min: -20_000, max: 20_000 }), (date, days) => {
        const later = addDays(date, days);
        expect(isCalendarDate(later)).toBe(true);
        expect(daysBetween(date, later)).toBe(days);
      }),
    );
  });
});
