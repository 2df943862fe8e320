import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar';
import { computeDaysLate, DEFAULT_AGING_BUCKETS, isOverdue, summarizeOpenItems } from './aging';

const today = '2024-04-30';
/** The due date that is `days` days before today. */
const pastDue = (days: number) => addDays(today, -days);

describe('computeDaysLate', () => {
  it.each<[string, number, string, number]>([
    ['VIS-1 vector: a debit due 2024-04-20 is 9 days late on 2024-04-30', 100, '2024-04-20', 9],
    ['VIS-1 vector: a credit due 2024-04-20 is 10 days late on 2024-04-30', -100, '2024-04-20', 10],
    ['VIS-1 a debit due yesterday is overdue but 0 days late', 100, '2024-04-29', 0],
    ['VIS-1 a debit due today: the formula value, −1', 100, '2024-04-30', -1],
    ['VIS-1 a credit due today: 0', -100, '2024-04-30', 0],
    ['VIS-1 a debit not yet due: negative, as the formula gives', 100, '2024-05-10', -11],
  ])('%s', (_rule, amount, dueDate, expected) => {
    expect(computeDaysLate({ amount, dueDate }, today)).toBe(expected);
  });
});

describe('isOverdue', () => {
  it.each<[string, string, boolean]>([
    ['VIS-1 due yesterday is overdue', '2024-04-29', true],
    ['VIS-1 due today is not yet due', '2024-04-30', false],
    ['VIS-1 due tomorrow is not yet due', '2024-05-01', false],
  ])('%s', (_rule, dueDate, expected) => {
    expect(isOverdue({ dueDate }, today)).toBe(expected);
  });
});

describe('summarizeOpenItems', () => {
  it('VIS-2 the default buckets are not due, 1–30, 31–60, 61–90, over 90', () => {
    expect(DEFAULT_AGING_BUCKETS).toEqual([30, 60, 90]);
  });

  it.each<[string, number, number]>([
    ['VIS-2 due today is not due', 0, 0],
    ['VIS-2 1 day past due is in 1–30', 1, 1],
    ['VIS-2 30 days past due is in 1–30', 30, 1],
    ['VIS-2 31 days past due is in 31–60', 31, 2],
    ['VIS-2 60 days past due is in 31–60', 60, 2],
    ['VIS-2 61 days past due is in 61–90', 61, 3],
    ['VIS-2 90 days past due is in 61–90', 90, 3],
    ['VIS-2 91 days past due is over 90', 91, 4],
    ['VIS-2 a date in the future is not due', -15, 0],
  ])('%s', (_rule, days, bucket) => {
    const buckets = [0, 0, 0, 0, 0];
    buckets[bucket] = 700;
    expect(summarizeOpenItems([{ amount: 700, dueDate: pastDue(days) }], today).buckets).toEqual(buckets);
  });

  it('VIS-1 overdue = open debits overdue − open credits overdue; not yet due = balance − overdue', () => {
    const summary = summarizeOpenItems(
      [
        { amount: 1000, dueDate: '2024-04-20' }, // overdue debit
        { amount: 400, dueDate: '2024-05-15' }, // debit not yet due
        { amount: -300, dueDate: '2024-04-01' }, // overdue credit (unallocated payment)
        { amount: -50, dueDate: '2024-04-30' }, // credit due today: not yet due
      ],
      today,
    );
    expect(summary).toEqual({
      balance: 1050,
      overdue: 700,
      notDue: 350,
      buckets: [350, 700, 0, 0, 0],
      openItemCount: 4,
      oldestDueDate: '2024-04-20',
    });
  });

  it('VIS-1 overdue is negative when the overdue credits exceed the overdue debits', () => {
    const summary = summarizeOpenItems(
      [
        { amount: 200, dueDate: '2024-05-31' },
        { amount: -500, dueDate: '2024-03-01' },
      ],
      today,
    );
    expect([summary.balance, summary.overdue, summary.notDue]).toEqual([-300, -500, 200]);
    expect(summary.buckets).toEqual([200, 0, -500, 0, 0]);
    expect(summary.oldestDueDate).toBe('2024-05-31');
  });

  it('VIS-1 no open item: zeros and no oldest due date; credits alone have no oldest due date', () => {
    expect(summarizeOpenItems([], today)).toEqual({
      balance: 0,
      overdue: 0,
      notDue: 0,
      buckets: [0, 0, 0, 0, 0],
      openItemCount: 0,
      oldestDueDate: null,
    });
    expect(summarizeOpenItems([{ amount: -10, dueDate: '2024-01-01' }], today).oldestDueDate).toBeNull();
  });

  it('VIS-2 buckets follow the bounds given', () => {
    const items = [
      { amount: 1, dueDate: pastDue(10) },
      { amount: 10, dueDate: pastDue(11) },
      { amount: 100, dueDate: pastDue(500) },
    ];
    expect(summarizeOpenItems(items, today, [10]).buckets).toEqual([0, 1, 110]);
    expect(summarizeOpenItems(items, today, []).buckets).toEqual([0, 111]);
  });

  it.each([[[30, 30]], [[0, 30]], [[60, 30]], [[1.5]]])('VIS-2 rejects bounds %j', (bounds) => {
    expect(() => summarizeOpenItems([], today, bounds)).toThrow(RangeError);
  });

  it('VIS-1 VIS-2 buckets add up to the balance, bucket 0 is the not-due amount', () => {
    const itemsArb = fc.array(
      fc.record({
        amount: fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((a) => a !== 0),
        dueDate: fc.integer({ min: -200, max: 200 }).map(pastDue),
      }),
      { maxLength: 50 },
    );
    const boundsArb = fc
      .uniqueArray(fc.integer({ min: 1, max: 365 }), { maxLength: 6 })
      .map((b) => b.sort((x, y) => x - y));
    fc.assert(
      fc.property(itemsArb, boundsArb, (items, bounds) => {
        const s = summarizeOpenItems(items, today, bounds);
        expect(s.buckets).toHaveLength(bounds.length + 2);
        expect(s.buckets.reduce((a, b) => a + b, 0)).toBe(s.balance);
        expect(s.balance).toBe(items.reduce((a, i) => a + i.amount, 0));
        expect(s.buckets[0]).toBe(s.notDue);
        expect(s.overdue + s.notDue).toBe(s.balance);
      }),
    );
  });
});
