import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar';
import {
  addYears,
  computePrescriptionCutoff,
  computePrescriptionDate,
  DEFAULT_PRESCRIPTION_WARNING_DAYS,
  type DebtorKind,
  type PrescriptionStatus,
  resolvePrescription,
} from './prescription';

describe('addYears', () => {
  it.each<[string, string, number, string]>([
    ['same day and month', '2019-03-15', 5, '2024-03-15'],
    ['29 February to a common year: 28 February (art. 641 CPC)', '2020-02-29', 5, '2025-02-28'],
    ['29 February to a leap year stays 29 February', '2020-02-29', 4, '2024-02-29'],
    ['28 February stays 28 February, even in a leap year', '2022-02-28', 2, '2024-02-28'],
    ['31 December', '2019-12-31', 5, '2024-12-31'],
    ['backwards', '2025-02-28', -5, '2020-02-28'],
  ])('%s', (_case, date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});

describe('computePrescriptionDate', () => {
  it.each<[string, string, DebtorKind, string]>([
    ['VIS-9 between merchants: 5 years after the due date (L110-4)', '2019-03-15', 'merchant', '2024-03-15'],
    ['VIS-9 against a consumer: 2 years after the due date (L218-2)', '2022-03-15', 'consumer', '2024-03-15'],
    ['VIS-9 merchant, due 29 February 2020: 28 February 2025', '2020-02-29', 'merchant', '2025-02-28'],
    ['VIS-9 consumer, due 29 February 2024: 28 February 2026', '2024-02-29', 'consumer', '2026-02-28'],
    [
      'VIS-9 merchant, due 29 February 2016: 29 February 2021 does not exist, 28',
      '2016-02-29',
      'merchant',
      '2021-02-28',
    ],
  ])('%s', (_rule, dueDate, debtor, expected) => {
    expect(computePrescriptionDate(dueDate, debtor)).toBe(expected);
  });
});

describe('resolvePrescription', () => {
  const today = '2024-04-30';
  it.each<[string, string, DebtorKind, PrescriptionStatus, number]>([
    ['VIS-9 merchant invoice due 4 years ago: running', '2020-04-30', 'merchant', 'running', 365],
    ['VIS-9 merchant invoice prescribing in 91 days: running', '2019-07-30', 'merchant', 'running', 91],
    [
      'VIS-9 merchant invoice prescribing in 90 days: approaching',
      '2019-07-29',
      'merchant',
      'approaching',
      90,
    ],
    [
      'VIS-9 merchant invoice prescribing today, last day to act: approaching',
      '2019-04-30',
      'merchant',
      'approaching',
      0,
    ],
    ['VIS-9 merchant invoice prescribed yesterday', '2019-04-29', 'merchant', 'prescribed', -1],
    [
      'VIS-9 the same due date against a consumer: prescribed long ago',
      '2020-04-30',
      'consumer',
      'prescribed',
      -731,
    ],
    [
      'VIS-9 consumer invoice due 2 years ago tomorrow: approaching',
      '2022-05-01',
      'consumer',
      'approaching',
      1,
    ],
    ['VIS-9 consumer invoice due 18 months ago: running', '2022-10-30', 'consumer', 'running', 183],
  ])('%s', (_rule, dueDate, debtor, status, daysLeft) => {
    expect(resolvePrescription({ dueDate, debtor }, today)).toMatchObject({ status, daysLeft });
  });

  it('VIS-9 the warning window is 90 days by default and can be changed', () => {
    expect(DEFAULT_PRESCRIPTION_WARNING_DAYS).toBe(90);
    const invoice = { dueDate: '2019-09-27', debtor: 'merchant' as const }; // prescribes in 150 days
    expect(resolvePrescription(invoice, today).status).toBe('running');
    expect(resolvePrescription(invoice, today, { warningDays: 150 }).status).toBe('approaching');
  });
});

describe('computePrescriptionCutoff', () => {
  it.each<[string, string, DebtorKind, string]>([
    [
      'VIS-9 merchant: due dates up to 5 years before today + 90 days',
      '2024-04-30',
      'merchant',
      '2019-07-29',
    ],
    [
      'VIS-9 consumer: due dates up to 2 years before today + 90 days',
      '2024-04-30',
      'consumer',
      '2022-07-29',
    ],
    // today + 90 = 2025-02-28: an invoice due 2020-02-29 prescribes on 2025-02-28, so it is in.
    [
      'VIS-9 a horizon on 28 February takes in 29 February of a leap year',
      '2024-11-30',
      'merchant',
      '2020-02-29',
    ],
    ['VIS-9 a horizon on 29 February', '2023-12-01', 'merchant', '2019-02-28'],
  ])('%s', (_rule, today, debtor, expected) => {
    expect(computePrescriptionCutoff(today, debtor)).toBe(expected);
  });

  it('VIS-9 an invoice is approaching or prescribed exactly when it is due on or before the cutoff (a window of −1 day: prescribed)', () => {
    const day = fc.integer({ min: 0, max: 365 * 12 });
    fc.assert(
      fc.property(
        day,
        day,
        fc.constantFrom<DebtorKind>('merchant', 'consumer'),
        fc.integer({ min: -5, max: 400 }),
        (todayOffset, dueOffset, debtor, warningDays) => {
          const today = addDays('2018-01-01', todayOffset);
          const dueDate = addDays('2012-01-01', dueOffset);
          const status = resolvePrescription({ dueDate, debtor }, today, { warningDays }).status;
          const cutoff = computePrescriptionCutoff(today, debtor, warningDays);
          expect(status !== 'running').toBe(dueDate <= cutoff);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('VIS-9 the property holds around every 28 and 29 February', () => {
    for (const year of [2019, 2020, 2021, 2023, 2024, 2025, 2028]) {
      for (const today of [
        `${year}-02-27`,
        `${year}-02-28`,
        `${year}-03-01`,
        `${year}-11-30`,
        `${year}-12-01`,
      ]) {
        for (const debtor of ['merchant', 'consumer'] as const) {
          const cutoff = computePrescriptionCutoff(today, debtor);
          for (let d = -3; d <= 3; d++) {
            const dueDate = addDays(cutoff, d);
            expect(
              resolvePrescription({ dueDate, debtor }, today).status !== 'running',
              `${today} ${dueDate}`,
            ).toBe(d <= 0);
          }
        }
      }
    }
  });
});
