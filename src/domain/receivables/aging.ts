import { type CalendarDate, daysBetween } from '../calendar';
import type { Cents } from '../money';

/**
 * Default aging buckets (VIS-2), as upper bounds in days past due: [30, 60, 90] gives the buckets
 * not due, 1–30, 31–60, 61–90, over 90.
 */
export const DEFAULT_AGING_BUCKETS: readonly number[] = Object.freeze([30, 60, 90]);

/**
 * Days late shown per entry (VIS-1): for a debit `today − due date − 1`, for a credit
 * `today − due date`. Before the due date the formula goes negative and is returned as is
 * (a debit due today shows −1), so callers may show "due in N days".
 * @example computeDaysLate({ amount: 100, dueDate: '2024-04-20' }, '2024-04-30') // 9
 * @example computeDaysLate({ amount: -100, dueDate: '2024-04-20' }, '2024-04-30') // 10
 */
export function computeDaysLate(item: { amount: Cents; dueDate: CalendarDate }, today: CalendarDate): number {
  const days = daysBetween(item.dueDate, today);
  return item.amount < 0 ? days : days - 1;
}

/**
 * Whether an open item is overdue (VIS-1): its due date is before today.
 * @example isOverdue({ dueDate: '2024-04-29' }, '2024-04-30') // true
 */
export function isOverdue(item: { dueDate: CalendarDate }, today: CalendarDate): boolean {
  return item.dueDate < today;
}

/** Outstanding of a customer (or of any set of open items) split by due date and by age. */
export interface ReceivableSummary {
  /** Sum of the open items: open debits − open credits. */
  balance: Cents;
  /** Open debits overdue − open credits overdue; negative when unallocated credits are overdue. */
  overdue: Cents;
  /** balance − overdue. */
  notDue: Cents;
  /** [not due, up to bound 1, …, up to the last bound, over the last bound]; they add up to the balance. */
  buckets: Cents[];
  openItemCount: number;
  /** Oldest due date of an open debit, null if there is none. */
  oldestDueDate: CalendarDate | null;
}

/**
 * Sums open items into outstanding, overdue, not due and aging buckets (VIS-1, VIS-2).
 *
 * An item's age is its days past due, `today − due date` (not the debit's days late, which is one
 * less): 0 or less is not due, so an item lands in the bucket of the first bound it does not exceed
 * (with [30, 60, 90]: 30 days past due is in 1–30, 31 in 31–60). Credits age like debits, with
 * their negative amounts, so every bucket is a net amount and the buckets add up to the balance.
 * `bounds` must be strictly increasing whole numbers ≥ 1.
 * @example summarizeOpenItems([{ amount: 500, dueDate: '2024-03-01' }], '2024-04-30').buckets // [0, 0, 500, 0, 0]
 */
export function summarizeOpenItems(
  items: readonly { amount: Cents; dueDate: CalendarDate }[],
  today: CalendarDate,
  bounds: readonly number[] = DEFAULT_AGING_BUCKETS,
): ReceivableSummary {
  for (let b = 0; b < bounds.length; b++) {
    const bound = bounds[b]!;
    if (!Number.isInteger(bound) || bound < 1 || (b > 0 && bound <= bounds[b - 1]!)) {
      throw new RangeError(`aging bounds must be increasing whole numbers of days ≥ 1: ${bounds.join(', ')}`);
    }
  }
  const buckets = new Array<Cents>(bounds.length + 2).fill(0);
  let balance = 0;
  let overdue = 0;
  let oldestDueDate: CalendarDate | null = null;
  for (const item of items) {
    balance += item.amount;
    if (item.amount > 0 && (oldestDueDate === null || item.dueDate < oldestDueDate))
      oldestDueDate = item.dueDate;
    if (item.dueDate >= today) {
      buckets[0]! += item.amount;
      continue;
    }
    overdue += item.amount;
    const daysPastDue = daysBetween(item.dueDate, today);
    let b = 0;
    while (b < bounds.length && daysPastDue > bounds[b]!) b++;
    buckets[b + 1]! += item.amount;
  }
  return { balance, overdue, notDue: balance - overdue, buckets, openItemCount: items.length, oldestDueDate };
}
