import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysInMonthOf } from '../calendar';
import { summarizeOpenItems } from './aging';
import {
  computeAtRiskShare,
  computeAverageDaysDelinquent,
  computeBestPossibleDso,
  computeCollectionEffectivenessIndex,
  computeDsoCountback,
  type MonthSales,
  monthStartsBack,
} from './kpis';

/** Sales in cents for the months going back from the month of `today`. */
const salesBack = (today: string, sales: readonly number[]): MonthSales[] =>
  monthStartsBack(today, sales.length).map((month, i) => ({ month, sales: sales[i]! }));

/** VIS-10 vector: 2,500 / 1,750 / 2,250 / 2,500 / 2,000 / 2,250, current month November. */
const vectorSales = salesBack('2024-11-15', [250_000, 175_000, 225_000, 250_000, 200_000, 225_000]);

describe('monthStartsBack', () => {
  it.each<[string, string, number, string[]]>([
    [
      'VIS-10 the current month first, then the ones before',
      '2024-03-15',
      3,
      ['2024-03-01', '2024-02-01', '2024-01-01'],
    ],
    ['VIS-10 across a year end, from the last day of a month', '2025-01-31', 2, ['2025-01-01', '2024-12-01']],
    ['VIS-10 from the first day of a month', '2024-03-01', 2, ['2024-03-01', '2024-02-01']],
    ['VIS-10 no month', '2024-03-15', 0, []],
  ])('%s', (_rule, today, count, expected) => {
    expect(monthStartsBack(today, count)).toEqual(expected);
  });

  it('VIS-10 refuses a count that is not a whole number ≥ 0', () => {
    expect(() => monthStartsBack('2024-03-15', -1)).toThrow(RangeError);
    expect(() => monthStartsBack('2024-03-15', 1.5)).toThrow(RangeError);
  });

  it('VIS-10 consecutive months: each start is the day after the end of the one before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 1, max: 40 }), (offset, count) => {
        const starts = monthStartsBack(addDays('2000-01-01', offset), count);
        expect(starts).toHaveLength(count);
        for (let i = 1; i < starts.length; i++) {
          expect(addDays(starts[i]!, daysInMonthOf(starts[i]!))).toBe(starts[i - 1]);
        }
      }),
    );
  });
});

describe('computeDsoCountback', () => {
  it('VIS-10 vector: receivables 12,000 against 2,500 / 1,750 / 2,250 / 2,500 / 2,000 / 2,250 → 166.3 days', () => {
    // November 30 + October 31 + September 30 + August 31 + July 31 = 153 days use 10,000 of the
    // 12,000; the last 1,000 is 1,000 / 2,250 of June's 30 days = 13.3.
    expect(vectorSales.map((m) => m.month)).toEqual([
      '2024-11-01',
      '2024-10-01',
      '2024-09-01',
      '2024-08-01',
      '2024-07-01',
      '2024-06-01',
    ]);
    expect(computeDsoCountback(1_200_000, vectorSales)).toBe(166.3);
  });

  it.each<[string, number, MonthSales[], number | null]>([
    ['VIS-10 no months → null', 1_200_000, [], null],
    ['VIS-10 no receivables → 0', 0, vectorSales, 0],
    ['VIS-10 a credit balance → 0', -50_000, vectorSales, 0],
    ['VIS-10 receivables inside the current month: a fraction of its days', 125_000, vectorSales, 15],
    ['VIS-10 receivables equal to the current month sales: all its days, no more', 250_000, vectorSales, 30],
    ['VIS-10 receivables ending exactly on a month: whole months', 425_000, vectorSales, 61],
    [
      'VIS-10 a month without sales counts in full and the walk goes on',
      300_000,
      salesBack('2024-11-15', [250_000, 0, 100_000]),
      30 + 31 + 15,
    ],
    [
      'VIS-10 a month with more credit notes than invoices counts like a month without sales',
      300_000,
      salesBack('2024-11-15', [250_000, -40_000, 100_000]),
      30 + 31 + 15,
    ],
    [
      'VIS-10 receivables beyond every month given → the days of those months (a lower bound)',
      9_999_999,
      vectorSales,
      30 + 31 + 30 + 31 + 31 + 30,
    ],
    ['VIS-10 only months without sales → all their days', 100, salesBack('2024-03-10', [0, 0]), 31 + 29],
    ['VIS-10 February of a leap year has 29 days', 50, salesBack('2024-02-10', [100]), 14.5],
    [
      'VIS-10 one decimal, halves rounded up (1/600 of 30 days = 0.05 → 0.1)',
      1,
      salesBack('2024-11-01', [600]),
      0.1,
    ],
    [
      'VIS-10 below half a tenth rounds down (1/700 of 30 days = 0.043 → 0)',
      1,
      salesBack('2024-11-01', [700]),
      0,
    ],
  ])('%s', (_rule, receivables, sales, expected) => {
    expect(computeDsoCountback(receivables, sales)).toBe(expected);
  });

  it('VIS-10 money must be whole cents', () => {
    expect(() => computeDsoCountback(10.5, vectorSales)).toThrow(RangeError);
    expect(() => computeDsoCountback(100, [{ month: '2024-11-01', sales: 0.5 }])).toThrow(RangeError);
  });

  const salesArb = fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 1, maxLength: 24 });

  it('VIS-10 DSO never falls when receivables grow, for the same sales', () => {
    fc.assert(
      fc.property(
        salesArb,
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 40_000 }),
        (sales, a, b, offset) => {
          const months = salesBack(addDays('2000-01-15', offset), sales);
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(computeDsoCountback(high, months)!).toBeGreaterThanOrEqual(
            computeDsoCountback(low, months)!,
          );
        },
      ),
    );
  });

  it('VIS-10 DSO lies between 0 and the days of the months given, with one decimal', () => {
    fc.assert(
      fc.property(salesArb, fc.integer({ min: -1_000_000, max: 2_000_000_000 }), (sales, receivables) => {
        const months = salesBack('2024-11-15', sales);
        const dso = computeDsoCountback(receivables, months)!;
        const allDays = months.reduce((days, m) => days + daysInMonthOf(m.month), 0);
        expect(dso).toBeGreaterThanOrEqual(0);
        expect(dso).toBeLessThanOrEqual(allDays);
        expect(Math.round(dso * 10) / 10).toBe(dso);
        if (receivables <= 0) expect(dso).toBe(0);
      }),
    );
  });

  it('VIS-10 with the same sales every month of 30 days, DSO = receivables / sales × 30', () => {
    // One 30-day month repeated: the countback reads only each month's sales and days.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        (sale, receivables) => {
          const months = Array.from({ length: 12 }, () => ({ month: '2024-11-01', sales: sale }));
          const expected = Math.min(receivables / sale, 12) * 30;
          expect(Math.abs(computeDsoCountback(receivables, months)! - expected)).toBeLessThanOrEqual(
            0.05 + 1e-9,
          );
        },
      ),
    );
  });
});

describe('computeBestPossibleDso', () => {
  it.each<[string, number, MonthSales[], number | undefined, number | null]>([
    [
      'VIS-10 not due ÷ sales of the last 3 months × their days (3,000 ÷ 6,500 × 91)',
      300_000,
      vectorSales,
      undefined,
      42,
    ],
    ['VIS-10 over the months asked for (3,000 ÷ 4,250 × 61)', 300_000, vectorSales, 2, 43.1],
    ['VIS-10 no sales over the months → null', 300_000, salesBack('2024-11-15', [0, 0, 0, 500_000]), 3, null],
    ['VIS-10 no months → null', 300_000, [], 3, null],
    ['VIS-10 nothing not yet due → 0', 0, vectorSales, 3, 0],
    ['VIS-10 a credit not yet due → 0', -10_000, vectorSales, 3, 0],
    ['VIS-10 fewer months than asked: the ones given', 250_000, salesBack('2024-11-15', [250_000]), 3, 30],
  ])('%s', (_rule, current, sales, months, expected) => {
    expect(computeBestPossibleDso(current, sales, months)).toBe(expected);
  });
});

describe('computeAverageDaysDelinquent', () => {
  it.each<[string, number | null, number | null, number | null]>([
    ['VIS-10 DSO − best possible DSO', 166.3, 42, 124.3],
    ['VIS-10 subtracted in tenths, no float residue', 166.3, 42.1, 124.2],
    ['VIS-10 can be negative', 10, 12.5, -2.5],
    ['VIS-10 null when DSO is unknown', null, 42, null],
    ['VIS-10 null when the best possible DSO is unknown', 166.3, null, null],
    ['VIS-10 equal → 0, not −0', 3.3, 3.3, 0],
  ])('%s', (_rule, dso, best, expected) => {
    expect(computeAverageDaysDelinquent(dso, best)).toBe(expected);
  });

  it('VIS-10 ADD = DSO − BPDSO, computed from the same ledger figures', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 3, maxLength: 12 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        (sales, balance, notDuePercent) => {
          const months = salesBack('2024-11-15', sales);
          const notDue = Math.floor((balance * notDuePercent) / 100);
          const dso = computeDsoCountback(balance, months);
          const best = computeBestPossibleDso(notDue, months);
          const add = computeAverageDaysDelinquent(dso, best);
          if (best === null) expect(add).toBeNull();
          // Both have one decimal: compare in tenths (a float tolerance fails on huge day counts).
          else expect(Math.round(add! * 10)).toBe(Math.round(dso! * 10) - Math.round(best * 10));
        },
      ),
    );
  });
});

describe('computeCollectionEffectivenessIndex', () => {
  it.each<[string, [number, number, number, number], number | null]>([
    [
      'VIS-10 (beginning + sales − ending) ÷ (beginning + sales − ending current) × 100',
      [1_000_000, 650_000, 1_200_000, 300_000],
      33.3,
    ],
    ['VIS-10 everything collectable collected → 100', [1_000_000, 500_000, 200_000, 200_000], 100],
    ['VIS-10 nothing collected → 0', [0, 500_000, 500_000, 100_000], 0],
    ['VIS-10 one decimal, halves rounded up (1 ÷ 2,000 = 0.05 % → 0.1)', [0, 2000, 1999, 0], 0.1],
    ['VIS-10 one decimal (3 ÷ 1,600 = 0.1875 % → 0.2)', [0, 1600, 1597, 0], 0.2],
    ['VIS-10 denominator 0 → null', [0, 0, 0, 0], null],
    ['VIS-10 denominator below 0 → null', [0, 100, 300, 200], null],
    ['VIS-10 more collected than the period sold can exceed 100 (overdue credits)', [1000, 0, -100, 0], 110],
  ])('%s', (_rule, [beginningReceivables, sales, endingReceivables, endingCurrentReceivables], expected) => {
    expect(
      computeCollectionEffectivenessIndex({
        beginningReceivables,
        sales,
        endingReceivables,
        endingCurrentReceivables,
      }),
    ).toBe(expected);
  });

  it('VIS-10 between 0 and 100 when nothing is negative and ending current ≤ ending ≤ beginning + sales', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (beginningReceivables, sales, endShare, currentShare) => {
          const endingReceivables = Math.floor((beginningReceivables + sales) * endShare);
          const endingCurrentReceivables = Math.floor(endingReceivables * currentShare);
          const cei = computeCollectionEffectivenessIndex({
            beginningReceivables,
            sales,
            endingReceivables,
            endingCurrentReceivables,
          });
          if (beginningReceivables + sales - endingCurrentReceivables <= 0) return expect(cei).toBeNull();
          expect(cei).toBeGreaterThanOrEqual(0);
          expect(cei).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});

describe('computeAtRiskShare', () => {
  it.each<[string, number[], number[], number | undefined, number | null]>([
    [
      'VIS-10 share of the balance over 90 days with the default buckets',
      [500, 200, 100, 100, 100],
      [30, 60, 90],
      undefined,
      10,
    ],
    [
      'VIS-10 over another number of days on a bound (over 60)',
      [500, 200, 100, 100, 100],
      [30, 60, 90],
      60,
      20,
    ],
    ['VIS-10 over 0 days: every overdue bucket', [500, 200, 100, 100, 100], [30, 60, 90], 0, 50],
    [
      'VIS-10 no bound at 90: the bucket 61–120 straddles 90 and counts whole (upper bound)',
      [500, 200, 100, 100, 100],
      [30, 60, 120],
      90,
      20,
    ],
    [
      'VIS-10 no bound at 90, the last bound below: the last bucket counts',
      [600, 100, 100, 200],
      [30, 60],
      90,
      20,
    ],
    ['VIS-10 nothing over 90 → 0', [500, 500, 0, 0, 0], [30, 60, 90], undefined, 0],
    [
      'VIS-10 old unallocated credits lower the share, even below 0',
      [1000, 100, 0, 0, -100],
      [30, 60, 90],
      undefined,
      -10,
    ],
    ['VIS-10 balance 0 → null', [100, 0, 0, 0, -100], [30, 60, 90], undefined, null],
    ['VIS-10 credit balance → null', [-100, 0, 0, 0, 0], [30, 60, 90], undefined, null],
    [
      'VIS-10 one decimal, halves up (1 of 2,000 = 0.05 % → 0.1)',
      [1999, 0, 0, 0, 1],
      [30, 60, 90],
      undefined,
      0.1,
    ],
  ])('%s', (_rule, buckets, bounds, overDays, expected) => {
    expect(computeAtRiskShare(buckets, bounds, overDays)).toBe(expected);
  });

  it('VIS-10 refuses buckets that do not match the bounds', () => {
    expect(() => computeAtRiskShare([1, 2, 3], [30, 60, 90])).toThrow(RangeError);
  });

  it('VIS-2 VIS-10 on the buckets of summarizeOpenItems, the share is that of the items more than 90 days past due', () => {
    const today = '2024-04-30';
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: fc.integer({ min: 1, max: 1_000_000 }),
            days: fc.integer({ min: -60, max: 400 }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (rows) => {
          const items = rows.map((r) => ({ amount: r.amount, dueDate: addDays(today, -r.days) }));
          const { buckets, balance } = summarizeOpenItems(items, today);
          const over = rows.filter((r) => r.days > 90).reduce((sum, r) => sum + r.amount, 0);
          const share = computeAtRiskShare(buckets, [30, 60, 90])!;
          expect(Math.abs(share - (over / balance) * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
        },
      ),
    );
  });
});
