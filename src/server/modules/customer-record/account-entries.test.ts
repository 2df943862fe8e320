import { describe, expect, it } from 'vitest';
import { DEFAULT_TERMS } from '../../../domain/terms';
import { amountsInView, computeEntryTone, toAccountEntry } from './account-entries';
import type { AccountEntryRow } from './customer-record.queries';

const TODAY = '2024-04-30';

const row = (over: Partial<AccountEntryRow>): AccountEntryRow => ({
  entry_key: 'C1\u001fFA-1\u001f2024-03-21\u001f1',
  journal_code: 'VE',
  entry_number: '1',
  piece_ref: 'FA-1',
  document_date: '2024-03-21',
  entry_date: '2024-03-21',
  source_due_date: null,
  label: 'Invoice',
  debit: 10_000,
  credit: 0,
  original_amount: null,
  currency: null,
  payment_method: null,
  lettering_code: '',
  lettering_date: null,
  open_amount: null,
  open_due_date: null,
  is_partial: null,
  ...over,
});

describe('account situation lines', () => {
  it.each([
    [
      'VIS-1 open debit past its due date is orange',
      { debit: 100, credit: 0, openAmount: 100, dueDate: '2024-04-29' },
      'overdue',
    ],
    [
      'VIS-1 open debit due today is blue (not yet due)',
      { debit: 100, credit: 0, openAmount: 100, dueDate: TODAY },
      'notDue',
    ],
    [
      'VIS-1 settled debit is green',
      { debit: 100, credit: 0, openAmount: 0, dueDate: '2024-01-01' },
      'settled',
    ],
    [
      'VIS-1 open credit is green',
      { debit: 0, credit: 100, openAmount: -100, dueDate: '2024-01-01' },
      'credit',
    ],
    [
      'VIS-1 settled credit is green',
      { debit: 0, credit: 100, openAmount: 0, dueDate: '2024-01-01' },
      'credit',
    ],
  ] as const)('%s', (_name, entry, tone) => {
    expect(computeEntryTone(entry, TODAY)).toBe(tone);
  });

  it('VIS-1 vector: due 2024-04-20 → a debit is 9 days late, a credit 10', () => {
    const context = { today: TODAY, terms: DEFAULT_TERMS, mode: 'ledger' as const, ledgerCurrency: 'EUR' };
    const debit = toAccountEntry(row({ open_amount: 10_000, open_due_date: '2024-04-20' }), context);
    const credit = toAccountEntry(
      row({ debit: 0, credit: 5000, open_amount: -5000, open_due_date: '2024-04-20' }),
      context,
    );
    expect([debit.daysLate, debit.tone]).toEqual([9, 'overdue']);
    expect([credit.daysLate, credit.tone]).toEqual([10, 'credit']);
  });

  it('IMP-4 a settled entry shows the due date the terms give, or its source due date; no days late', () => {
    const context = { today: TODAY, terms: DEFAULT_TERMS, mode: 'ledger' as const, ledgerCurrency: 'EUR' };
    expect(toAccountEntry(row({ lettering_code: ' AB ' }), context)).toMatchObject({
      dueDate: '2024-04-20',
      daysLate: null,
      tone: 'settled',
      letteringCode: 'AB',
    });
    expect(toAccountEntry(row({ source_due_date: '2024-05-15' }), context).dueDate).toBe('2024-05-15');
    expect(toAccountEntry(row({ debit: 0, credit: 300 }), context).dueDate).toBe('2024-03-21');
  });

  it('VIS-12 the original-currency view shows the source amount on the ledger side, the open part in proportion', () => {
    const usd = { debit: 10_000, credit: 0, original_amount: -11_000, currency: 'USD', open_amount: 5000 };
    expect(amountsInView(usd, 'original', 'EUR')).toEqual({
      currency: 'USD',
      debit: 11_000,
      credit: 0,
      open: 5500,
    });
    expect(amountsInView(usd, 'ledger', 'EUR')).toEqual({
      currency: 'EUR',
      debit: 10_000,
      credit: 0,
      open: 5000,
    });
    const credit = { debit: 0, credit: 3, original_amount: 5, currency: 'USD', open_amount: -3 };
    expect(amountsInView(credit, 'original', 'EUR')).toEqual({
      currency: 'USD',
      debit: 0,
      credit: 5,
      open: -5,
    });
    // Same currency as the ledger, or no original amount: the ledger amounts.
    const eur = { debit: 100, credit: 0, original_amount: 100, currency: 'EUR', open_amount: null };
    expect(amountsInView(eur, 'original', 'EUR')).toEqual({
      currency: 'EUR',
      debit: 100,
      credit: 0,
      open: 0,
    });
  });
});
