import { describe, expect, it } from 'vitest';
import { computeAccountSituationTotals, type SituationRow } from './account-situation-totals';

interface Entry extends SituationRow {
  piece: string;
  isOpen: boolean;
}

const entry = (piece: string, debit: number, credit: number, isOpen: boolean, currency = 'EUR'): Entry => ({
  piece,
  debit,
  credit,
  currency,
  isOpen,
});

const account: Entry[] = [
  entry('F1', 120_000, 0, false),
  entry('R1', 0, 120_000, false),
  entry('F2', 45_050, 0, true),
  entry('F3', 10_000, 0, true),
  entry('AV1', 0, 2_525, true),
];

describe('computeAccountSituationTotals', () => {
  it('VIS-7 single currency: a totals line and a balance line on the debit side', () => {
    expect(computeAccountSituationTotals(account)).toEqual({
      currency: 'EUR',
      totals: { debit: 175_050, credit: 122_525 },
      balance: { amount: 52_525, debit: 52_525, credit: null },
    });
  });

  it('VIS-7 the filter is honoured: only the kept rows are summed', () => {
    const open = account.filter((e) => e.isOpen);
    expect(computeAccountSituationTotals(open)).toEqual({
      currency: 'EUR',
      totals: { debit: 55_050, credit: 2_525 },
      balance: { amount: 52_525, debit: 52_525, credit: null },
    });
    const lettered = account.filter((e) => !e.isOpen);
    expect(computeAccountSituationTotals(lettered)?.totals).toEqual({ debit: 120_000, credit: 120_000 });
  });

  it('VIS-7 a negative balance is written on the credit side, as a positive amount', () => {
    const rows = [entry('F1', 1_000, 0, true), entry('P1', 0, 1_250, true)];
    expect(computeAccountSituationTotals(rows)?.balance).toEqual({ amount: -250, debit: null, credit: 250 });
  });

  it('VIS-7 a zero balance is written on the debit side', () => {
    const rows = [entry('F1', 1_000, 0, false), entry('P1', 0, 1_000, false)];
    expect(computeAccountSituationTotals(rows)?.balance).toEqual({ amount: 0, debit: 0, credit: null });
  });

  it('VIS-7 several currencies: both lines are left out', () => {
    const rows = [...account, entry('F9', 50_000, 0, true, 'USD')];
    expect(computeAccountSituationTotals(rows)).toBeNull();
  });

  it('VIS-7 several currencies in the account, one among the kept rows: the lines are there', () => {
    const rows = [...account, entry('F9', 50_000, 0, true, 'USD')];
    const dollars = rows.filter((e) => e.currency === 'USD');
    expect(computeAccountSituationTotals(dollars)).toEqual({
      currency: 'USD',
      totals: { debit: 50_000, credit: 0 },
      balance: { amount: 50_000, debit: 50_000, credit: null },
    });
  });

  it('VIS-7 no kept row: zero totals and no currency', () => {
    expect(computeAccountSituationTotals([])).toEqual({
      currency: null,
      totals: { debit: 0, credit: 0 },
      balance: { amount: 0, debit: 0, credit: null },
    });
  });
});
