import type { CalendarDate } from '../calendar';
import type { Cents } from '../money';

/** A promise of payment on an open item (CSH-1). */
export interface ItemPromise {
  amount: Cents;
  date: CalendarDate;
  isCancelled: boolean;
}

/** Statuses of a promise (CSH-1). */
export const PROMISE_STATUSES = ['expected', 'late', 'kept', 'cancelled'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/**
 * Status of a promise (CSH-1): cancelled, else kept once the item is settled, else expected while
 * its date is today or later, else late.
 * @example resolvePromiseStatus({ amount: 100, date: '2024-04-29', isCancelled: false }, false, '2024-04-30') // 'late'
 */
export function resolvePromiseStatus(
  promise: ItemPromise,
  isItemSettled: boolean,
  today: CalendarDate,
): PromiseStatus {
  if (promise.isCancelled) return 'cancelled';
  if (isItemSettled) return 'kept';
  return promise.date >= today ? 'expected' : 'late';
}

/**
 * Whether an open item's only promises are still upcoming (DUN-8 option): at least one promise that
 * is not cancelled, and none of them late. Cancelled promises do not count either way.
 * @example hasOnlyUpcomingPromises([{ amount: 100, date: '2024-05-10', isCancelled: false }], '2024-04-30') // true
 */
export function hasOnlyUpcomingPromises(promises: readonly ItemPromise[], today: CalendarDate): boolean {
  let upcoming = 0;
  for (const promise of promises) {
    const status = resolvePromiseStatus(promise, false, today);
    if (status === 'late') return false;
    if (status === 'expected') upcoming += 1;
  }
  return upcoming > 0;
}
