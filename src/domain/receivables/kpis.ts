import { addDays, type CalendarDate, daysInMonthOf, startOfMonth } from '../calendar';
import { assertCents, type Cents } from '../money';

/**
 * Receivable KPIs of VIS-10 (formulas, inputs and edge cases in docs/formulas.md).
 *
 * Money comes in as whole cents and every division is done once, on whole numbers, so a result
 * rounded to one decimal never depends on float noise: 0.05 is a half and goes up.
 */

/** Sales of one calendar month: `month` is its first day. */
export interface MonthSales {
  month: CalendarDate;
  sales: Cents;
}

/**
 * `numerator / denominator` (denominator > 0) as a whole number of tenths, halves rounded up
 * (towards +∞): floor((20·n + d) / 2d).
 */
function tenthsHalfUp(numerator: bigint, denominator: bigint): number {
  const shifted = 20n * numerator + denominator;
  const divisor = 2n * denominator;
  let quotient = shifted / divisor; // BigInt division truncates towards zero…
  if (shifted % divisor !== 0n && shifted < 0n) quotient -= 1n; // …so step down to the floor
  return Number(quotient);
}

/** A number of tenths as a number with one decimal, −0 turned into 0. */
function fromTenths(tenths: number): number {
  return tenths / 10 + 0;
}

/**
 * Days sales outstanding by the countback method (VIS-10): walks back from the current month,
 * taking each month's sales out of the receivables while they cover it (its calendar days count in
 * full), then the fraction of the month that the rest covers. The current month counts with all
 * its days, whatever today is. One decimal, halves up.
 *
 * Edge cases: no months → `null`; receivables ≤ 0 → 0; a month without sales (or with more credit
 * notes than invoices) while receivables remain counts in full and the walk goes on; receivables
 * beyond every month given → the days of all the months given (a lower bound).
 * @example computeDsoCountback(1_200_000, [
 *   { month: '2024-11-01', sales: 250_000 }, { month: '2024-10-01', sales: 175_000 },
 *   { month: '2024-09-01', sales: 225_000 }, { month: '2024-08-01', sales: 250_000 },
 *   { month: '2024-07-01', sales: 200_000 }, { month: '2024-06-01', sales: 225_000 },
 * ]) // 166.3
 */
export function computeDsoCountback(receivables: Cents, salesByMonth: readonly MonthSales[]): number | null {
  assertCents(receivables, 'receivables');
  if (salesByMonth.length === 0) return null;
  if (receivables <= 0) return 0;
  let left = receivables;
  let wholeDays = 0;
  for (const { month, sales } of salesByMonth) {
    assertCents(sales, 'sales');
    const days = daysInMonthOf(month);
    if (left >= sales || sales <= 0) {
      // Also a month with no sales: receivables remain, so all its days are outstanding.
      left -= Math.max(sales, 0);
      wholeDays += days;
      if (left === 0) break;
      continue;
    }
    // 0 < left < sales: the part of this month the rest of the receivables covers.
    return fromTenths(wholeDays * 10 + tenthsHalfUp(BigInt(left) * BigInt(days), BigInt(sales)));
  }
  return wholeDays;
}

/**
 * Best possible DSO (VIS-10): receivables not yet due ÷ sales of the last `months` months × the
 * calendar days of those months. One decimal, halves up; `null` when those months have no sales
 * (sum ≤ 0); 0 when nothing positive is not yet due.
 * @example computeBestPossibleDso(300_000, [
 *   { month: '2024-11-01', sales: 250_000 }, { month: '2024-10-01', sales: 175_000 },
 *   { month: '2024-09-01', sales: 225_000 },
 * ]) // 42 (3,000 ÷ 6,500 × 91 days)
 */
export function computeBestPossibleDso(
  currentReceivables: Cents,
  salesByMonth: readonly MonthSales[],
  months = 3,
): number | null {
  assertCents(currentReceivables, 'current receivables');
  let sales = 0;
  let days = 0;
  for (const month of salesByMonth.slice(0, Math.max(0, months))) {
    sales += assertCents(month.sales, 'sales');
    days += daysInMonthOf(month.month);
  }
  if (sales <= 0) return null;
  if (currentReceivables <= 0) return 0;
  return fromTenths(tenthsHalfUp(BigInt(currentReceivables) * BigInt(days), BigInt(sales)));
}

/**
 * Average days delinquent (VIS-10): DSO − best possible DSO, one decimal; `null` when either is
 * unknown. It can be negative when more is not yet due than the countback accounts for.
 * @example computeAverageDaysDelinquent(166.3, 42) // 124.3
 */
export function computeAverageDaysDelinquent(
  dso: number | null,
  bestPossibleDso: number | null,
): number | null {
  if (dso === null || bestPossibleDso === null) return null;
  // Subtracted in whole tenths: 166.3 − 42.1 is 124.2, not 124.20000000000002.
  return fromTenths(Math.round(dso * 10) - Math.round(bestPossibleDso * 10));
}

/**
 * Collection effectiveness index (VIS-10), percent with one decimal, halves up:
 * (beginning receivables + sales − ending receivables) ÷ (beginning receivables + sales − ending
 * receivables not yet due) × 100. `null` when the denominator is ≤ 0 (nothing was collectable).
 * @example computeCollectionEffectivenessIndex({ beginningReceivables: 1_000_000, sales: 650_000, endingReceivables: 1_200_000, endingCurrentReceivables: 300_000 }) // 33.3
 */
export function computeCollectionEffectivenessIndex(input: {
  beginningReceivables: Cents;
  sales: Cents;
  endingReceivables: Cents;
  endingCurrentReceivables: Cents;
}): number | null {
  const beginning = assertCents(input.beginningReceivables, 'beginning receivables');
  const sales = assertCents(input.sales, 'sales');
  const ending = assertCents(input.endingReceivables, 'ending receivables');
  const endingCurrent = assertCents(input.endingCurrentReceivables, 'ending current receivables');
  const collectable = BigInt(beginning) + BigInt(sales) - BigInt(endingCurrent);
  if (collectable <= 0n) return null;
  const collected = BigInt(beginning) + BigInt(sales) - BigInt(ending);
  return fromTenths(tenthsHalfUp(collected * 100n, collectable));
}

/**
 * Share of the balance more than `overDays` days past due (VIS-10), percent with one decimal,
 * halves up, from aging buckets laid out as `summarizeOpenItems` gives them: [not due, 1–b0,
 * b0+1–b1, …, over the last bound]. Counts every bucket that holds a day past `overDays`: with a
 * bound exactly at `overDays` that is the balance beyond it; without one, the bucket that straddles
 * `overDays` counts whole (an upper bound: a balance over `overDays` days is never hidden). Buckets
 * are net amounts, so old unallocated credits lower the share (it can go below 0). `null` when the
 * balance is ≤ 0.
 * @example computeAtRiskShare([500, 200, 100, 100, 100], [30, 60, 90]) // 10
 */
export function computeAtRiskShare(
  buckets: readonly Cents[],
  bounds: readonly number[],
  overDays = 90,
): number | null {
  if (buckets.length !== bounds.length + 2) {
    throw new RangeError(`expected ${bounds.length + 2} aging buckets for bounds ${bounds.join(', ')}`);
  }
  if (!Number.isInteger(overDays) || overDays < 0)
    throw new RangeError(`overDays must be a whole number ≥ 0`);
  let balance = 0;
  let atRisk = 0;
  for (let b = 0; b < buckets.length; b++) {
    const amount = assertCents(buckets[b]!, 'bucket');
    balance += amount;
    // Bucket b ≥ 1 runs up to bounds[b − 1] days past due; the last one has no end.
    const lastDay = b === 0 ? 0 : b <= bounds.length ? bounds[b - 1]! : Number.POSITIVE_INFINITY;
    if (b > 0 && lastDay > overDays) atRisk += amount;
  }
  if (balance <= 0) return null;
  return fromTenths(tenthsHalfUp(BigInt(atRisk) * 100n, BigInt(balance)));
}

/**
 * First days of the month of `today` and of the `count − 1` months before it, latest first.
 * @example monthStartsBack('2024-03-15', 3) // ['2024-03-01', '2024-02-01', '2024-01-01']
 */
export function monthStartsBack(today: CalendarDate, count: number): CalendarDate[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number ≥ 0: ${count}`);
  const starts: CalendarDate[] = [];
  let start = startOfMonth(today);
  for (let i = 0; i < count; i++) {
    starts.push(start);
    start = startOfMonth(addDays(start, -1));
  }
  return starts;
}
