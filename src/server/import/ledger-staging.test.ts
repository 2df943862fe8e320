import { describe, expect, it } from 'vitest';
import type { LedgerLine, LineError, ReadBatch } from './import-rows';
import { isReceivableAccount } from './import-rows';
import { emptyStagingSummary, stageLedgerLines } from './ledger-staging';

const line = (overrides: Partial<LedgerLine>): LedgerLine => ({
  line: 2,
  journalCode: 'VE',
  entryNumber: '1',
  entryDate: '2024-01-05',
  accountNumber: '411000',
  accountLabel: 'Clients',
  auxAccount: 'C1',
  auxLabel: 'Client un',
  pieceRef: 'F1',
  documentDate: '2024-01-05',
  label: 'Facture',
  debit: 12_000,
  credit: 0,
  letteringCode: '',
  letteringDate: null,
  validationDate: null,
  originalAmount: null,
  currency: null,
  dueDate: null,
  paymentMethod: null,
  extra: {},
  ...overrides,
});

async function* batches(...items: ReadBatch<LedgerLine>[]) {
  yield* items;
}

async function stage(items: ReadBatch<LedgerLine>[], prefixes = ['411', '416']) {
  const summary = emptyStagingSummary();
  const chunks: string[] = [];
  for await (const chunk of stageLedgerLines(
    batches(...items),
    { keepAllLines: false, receivablePrefixes: prefixes },
    summary,
    () => undefined,
  )) {
    chunks.push(chunk);
  }
  return { summary, text: chunks.join('') };
}

describe('staging a ledger for COPY', () => {
  it('IMP-3 keeps the receivable lines, keys customers by CompAuxNum else CompteNum, totals every line', async () => {
    const { summary, text } = await stage([
      {
        rows: [
          line({ line: 2 }),
          line({ line: 3, accountNumber: '706000', auxAccount: '', debit: 0, credit: 10_000 }),
          line({
            line: 4,
            accountNumber: '416100',
            auxAccount: '',
            accountLabel: 'Clients douteux',
            debit: 500,
          }),
          line({ line: 5, accountNumber: '445710', auxAccount: '', debit: 0, credit: 2_500 }),
        ],
        errors: [],
        bytesRead: 100,
      },
    ]);
    expect(summary).toMatchObject({ lines: 4, totalDebit: 12_500, totalCredit: 12_500, entries: 2 });
    expect(summary.customers).toEqual([
      ['C1', 'Client un'],
      ['416100', 'Clients douteux'],
    ]);
    const rows = text
      .trimEnd()
      .split('\n')
      .map((r) => r.split('\t'));
    expect(rows.map((r) => [r[0], r.at(-1)])).toEqual([
      ['C1', '2'],
      ['416100', '4'],
    ]);
  });

  it('escapes what COPY would read as separators and keeps unknown columns as custom fields', async () => {
    const { text } = await stage([
      { rows: [line({ label: 'a\\b\tc', extra: { Tag: 'x' } })], errors: [], bytesRead: 10 },
    ]);
    const fields = text.trimEnd().split('\t');
    expect(fields).toContain('a\\\\b\\tc');
    expect(fields).toContain('{"Tag":"x"}');
  });

  it('IMP-6 after the first bad line it copies nothing more but still counts every error', async () => {
    const error: LineError = {
      line: 3,
      column: 'Debit',
      value: 'x',
      reason: "'x' is not an amount",
      code: 'bad_amount',
    };
    const { summary, text } = await stage([
      { rows: [line({ line: 2 })], errors: [error], bytesRead: 10 },
      { rows: [line({ line: 4 })], errors: [{ ...error, line: 5 }], bytesRead: 20 },
    ]);
    expect(text).toBe('');
    expect(summary.errors.map((e) => e.line)).toEqual([3, 5]);
    expect(summary.lines).toBe(4);
  });

  it('VIS-12 keeps original amounts in their currency’s minor units, and refuses yen cents', async () => {
    const { text } = await stage([
      {
        rows: [
          line({ originalAmount: 150_000, currency: 'JPY' }),
          line({ line: 3, originalAmount: 150_050, currency: 'USD' }),
        ],
        errors: [],
        bytesRead: 10,
      },
    ]);
    const rows = text
      .trimEnd()
      .split('\n')
      .map((r) => r.split('\t'));
    expect(rows.map((r) => [r[11], r[12]])).toEqual([
      ['1500', 'JPY'],
      ['150050', 'USD'],
    ]);
    const refused = await stage([
      { rows: [line({ line: 7, originalAmount: 150_050, currency: 'JPY' })], errors: [], bytesRead: 10 },
    ]);
    expect(refused.text).toBe('');
    expect(refused.summary.errors).toEqual([
      expect.objectContaining({ line: 7, column: 'Montantdevise', code: 'bad_amount' }),
    ]);
  });

  it('matches accounts on any of the company prefixes', () => {
    expect(isReceivableAccount('41100000', ['411'])).toBe(true);
    expect(isReceivableAccount('4110', ['416', '4110'])).toBe(true);
    expect(isReceivableAccount('401000', ['411', '416'])).toBe(false);
  });
});
