import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar';
import { computeAveragePaymentDelay, type SettledDocument } from './payment-delay';

const doc = (documentDate: string, dueDate: string, paymentDate: string): SettledDocument => ({
  documentDate,
  dueDate,
  paymentDate,
});

describe('computeAveragePaymentDelay', () => {
  it.each<[string, SettledDocument[], 'document' | 'due', number | null]>([
    [
      'VIS-11 vector: two invoices paid 31 and 89 days after their dates → 60',
      [doc('2024-01-01', '2024-01-31', '2024-02-01'), doc('2024-02-01', '2024-03-02', '2024-04-30')],
      'document',
      60,
    ],
    ['VIS-11 nothing settled → null', [], 'document', null],
    [
      'VIS-11 the mean is rounded to one decimal (10, 11, 11 → 10.7)',
      [
        doc('2024-01-01', '2024-01-01', '2024-01-11'),
        doc('2024-01-01', '2024-01-01', '2024-01-12'),
        doc('2024-01-01', '2024-01-01', '2024-01-12'),
      ],
      'document',
      10.7,
    ],
    [
      'VIS-11 option: measured from the due date (paid 1 day late and 29 days late → 15)',
      [doc('2024-01-01', '2024-01-31', '2024-02-01'), doc('2024-02-01', '2024-03-02', '2024-03-31')],
      'due',
      15,
    ],
    [
      'VIS-11 from the due date, early payments count negative (−3 and −2 → −2.5)',
      [doc('2024-01-01', '2024-01-31', '2024-01-28'), doc('2024-01-01', '2024-01-31', '2024-01-29')],
      'due',
      -2.5,
    ],
    [
      'VIS-11 the delay crosses a leap day on the calendar',
      [doc('2024-02-28', '2024-03-31', '2024-03-01')],
      'document',
      2,
    ],
  ])('%s', (_rule, settled, from, expected) => {
    expect(computeAveragePaymentDelay(settled, from)).toBe(expected);
  });

  it('VIS-11 the average lies between the shortest and the longest delay', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -30, max: 400 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (rows) => {
          const settled = rows.map(([d, delay]) =>
            doc(addDays('2020-01-01', d), addDays('2020-01-01', d), addDays('2020-01-01', d + delay)),
          );
          const delays = rows.map(([, delay]) => delay);
          const average = computeAveragePaymentDelay(settled)!;
          expect(average).toBeGreaterThanOrEqual(Math.min(...delays));
          expect(average).toBeLessThanOrEqual(Math.max(...delays));
          expect(Math.round(average * 10)).toBeCloseTo(average * 10, 9);
        },
      ),
    );
  });
});
