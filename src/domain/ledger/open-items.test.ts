import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar';
import { DEFAULT_TERMS, type PaymentTerms } from '../terms';
import {
  computeOpenItems,
  type LedgerEntry,
  type OpenItem,
  resolveDueDate,
  type SettledEntry,
} from './open-items';

const terms = DEFAULT_TERMS; // 30 days net

/** A ledger line; entry date = document date unless given. */
function entry(key: string, fields: Partial<LedgerEntry> & { documentDate: string }): LedgerEntry {
  return {
    key,
    entryDate: fields.documentDate,
    sourceDueDate: null,
    debit: 0,
    credit: 0,
    letteringCode: '',
    letteringDate: null,
    ...fields,
  };
}

const open = (
  key: string,
  amount: number,
  documentDate: string,
  dueDate: string,
  isPartial = false,
): OpenItem => ({
  key,
  amount,
  documentDate,
  dueDate,
  isPartial,
});

describe('resolveDueDate', () => {
  const eom45: PaymentTerms = { kind: 'days-end-of-month', days: 45 };
  it.each<[string, Parameters<typeof resolveDueDate>[0], PaymentTerms, string]>([
    [
      'IMP-4 the source due date wins',
      { documentDate: '2024-01-10', sourceDueDate: '2024-05-05', debit: 100, credit: 0 },
      terms,
      '2024-05-05',
    ],
    [
      'IMP-4 a debit without source due date: document date + terms',
      { documentDate: '2024-01-10', sourceDueDate: null, debit: 100, credit: 0 },
      terms,
      '2024-02-09',
    ],
    [
      'IMP-4 a debit under end-of-month terms',
      { documentDate: '2024-01-20', sourceDueDate: null, debit: 100, credit: 0 },
      eom45,
      '2024-03-31',
    ],
    [
      'VIS-1 a credit without source due date: its document date',
      { documentDate: '2024-01-10', sourceDueDate: null, debit: 0, credit: 100 },
      eom45,
      '2024-01-10',
    ],
    [
      'VIS-1 a credit keeps its source due date',
      { documentDate: '2024-01-10', sourceDueDate: '2024-01-31', debit: 0, credit: 100 },
      terms,
      '2024-01-31',
    ],
    [
      'VIS-1 a line with both sides is a credit when its net is a credit',
      { documentDate: '2024-01-10', sourceDueDate: null, debit: 100, credit: 300 },
      terms,
      '2024-01-10',
    ],
  ])('%s', (_rule, e, t, expected) => {
    expect(resolveDueDate(e, t)).toBe(expected);
  });
});

describe('computeOpenItems', () => {
  it.each<[string, LedgerEntry[], OpenItem[], SettledEntry[]]>([
    ['IMP-5 empty input', [], [], []],
    [
      'IMP-5 a fully lettered invoice and its payment leave the open items; the lettering date is the payment date',
      [
        entry('F1', {
          documentDate: '2024-01-10',
          debit: 1000,
          letteringCode: 'A',
          letteringDate: '2024-02-05',
        }),
        entry('P1', {
          documentDate: '2024-02-03',
          credit: 1000,
          letteringCode: 'A',
          letteringDate: '2024-02-05',
        }),
      ],
      [],
      [{ key: 'F1', paymentDate: '2024-02-05' }],
    ],
    [
      'IMP-5 a partial payment leaves the rest of the invoice open, same due date',
      [
        entry('F1', {
          documentDate: '2024-01-10',
          debit: 1000,
          letteringCode: 'A',
          letteringDate: '2024-02-02',
        }),
        entry('P1', {
          documentDate: '2024-02-01',
          credit: 400,
          letteringCode: 'A',
          letteringDate: '2024-02-02',
        }),
      ],
      [open('F1', 600, '2024-01-10', '2024-02-09', true)],
      [],
    ],
    [
      'IMP-5 a payment goes to the oldest DUE date first, not the oldest document',
      [
        // F1 is the older document but falls due later (source due date).
        entry('F1', {
          documentDate: '2024-01-05',
          sourceDueDate: '2024-03-31',
          debit: 1000,
          letteringCode: 'L',
        }),
        entry('F2', { documentDate: '2024-01-20', debit: 500, letteringCode: 'L' }), // due 2024-02-19
        entry('P1', {
          documentDate: '2024-02-24',
          credit: 800,
          letteringCode: 'L',
          letteringDate: '2024-02-25',
        }),
      ],
      [open('F1', 700, '2024-01-05', '2024-03-31', true)],
      [{ key: 'F2', paymentDate: '2024-02-25' }],
    ],
    [
      'IMP-5 same due date: the older document is paid first',
      [
        entry('F1', {
          documentDate: '2024-01-10',
          sourceDueDate: '2024-03-31',
          debit: 100,
          letteringCode: 'T',
        }),
        entry('F2', {
          documentDate: '2024-01-05',
          sourceDueDate: '2024-03-31',
          debit: 100,
          letteringCode: 'T',
        }),
        entry('P1', { documentDate: '2024-03-01', credit: 150, letteringCode: 'T' }),
      ],
      [open('F1', 50, '2024-01-10', '2024-03-31', true)],
      [{ key: 'F2', paymentDate: '2024-03-01' }],
    ],
    [
      'IMP-5 same due date and document date: the order given decides',
      [
        entry('F1', { documentDate: '2024-01-10', debit: 100, letteringCode: 'T' }),
        entry('F2', { documentDate: '2024-01-10', debit: 100, letteringCode: 'T' }),
        entry('P1', { documentDate: '2024-03-01', credit: 150, letteringCode: 'T' }),
      ],
      [open('F2', 50, '2024-01-10', '2024-02-09', true)],
      [{ key: 'F1', paymentDate: '2024-03-01' }],
    ],
    [
      'IMP-5 an overpayment leaves the excess as an open credit on the latest credit, dated like it',
      [
        entry('F1', {
          documentDate: '2024-01-10',
          debit: 1000,
          letteringCode: 'X',
          letteringDate: '2024-02-16',
        }),
        entry('P2', {
          documentDate: '2024-02-15',
          credit: 600,
          letteringCode: 'X',
          letteringDate: '2024-02-16',
        }),
        entry('P1', {
          documentDate: '2024-02-01',
          credit: 600,
          letteringCode: 'X',
          letteringDate: '2024-02-16',
        }),
      ],
      [open('P2', -200, '2024-02-15', '2024-02-15', true)],
      [{ key: 'F1', paymentDate: '2024-02-16' }],
    ],
    [
      'IMP-5 lettering codes are compared trimmed; a code of spaces is no lettering',
      [
        entry('F1', {
          documentDate: '2024-01-10',
          debit: 1000,
          letteringCode: ' AB ',
          letteringDate: '2024-02-05',
        }),
        entry('P1', { documentDate: '2024-02-03', credit: 1000, letteringCode: 'AB' }),
        entry('F2', { documentDate: '2024-01-12', debit: 300, letteringCode: '   ' }),
      ],
      [open('F2', 300, '2024-01-12', '2024-02-11')],
      [{ key: 'F1', paymentDate: '2024-02-05' }],
    ],
    [
      'IMP-5 a group without lettering date is paid on its latest entry date',
      [
        entry('F1', { documentDate: '2024-01-10', debit: 1000, letteringCode: 'C' }),
        entry('P1', { documentDate: '2024-02-28', entryDate: '2024-03-02', credit: 600, letteringCode: 'C' }),
        entry('P2', { documentDate: '2024-02-20', credit: 400, letteringCode: 'C' }),
      ],
      [],
      [{ key: 'F1', paymentDate: '2024-03-02' }],
    ],
    [
      'IMP-5 the payment date is the latest lettering date when only some entries carry one',
      [
        entry('F1', {
          documentDate: '2024-01-10',
          debit: 1000,
          letteringCode: 'D',
          letteringDate: '2024-02-10',
        }),
        entry('P1', { documentDate: '2024-03-01', credit: 1000, letteringCode: 'D' }),
      ],
      [],
      [{ key: 'F1', paymentDate: '2024-02-10' }],
    ],
    [
      'IMP-5 an unlettered credit note is an open credit at its document date',
      [entry('AV1', { documentDate: '2024-02-01', credit: 250 })],
      [open('AV1', -250, '2024-02-01', '2024-02-01')],
      [],
    ],
    [
      'IMP-5 a group of credits only is one open credit on its latest credit',
      [
        entry('P1', { documentDate: '2024-01-05', credit: 100, letteringCode: 'Z' }),
        entry('P2', { documentDate: '2024-01-20', credit: 50, letteringCode: 'Z' }),
      ],
      [open('P2', -150, '2024-01-20', '2024-01-20', true)],
      [],
    ],
    [
      'IMP-5 a group of debits only stays open, marked partial',
      [
        entry('F1', { documentDate: '2024-01-05', debit: 100, letteringCode: 'Y' }),
        entry('F2', { documentDate: '2024-01-20', debit: 50, letteringCode: 'Y' }),
      ],
      [open('F1', 100, '2024-01-05', '2024-02-04', true), open('F2', 50, '2024-01-20', '2024-02-19', true)],
      [],
    ],
    [
      'IMP-5 unlettered lines are open for their net; a zero line yields nothing',
      [
        entry('F1', { documentDate: '2024-01-10', debit: 500, credit: 200 }),
        entry('Z1', { documentDate: '2024-01-11' }),
        entry('F2', { documentDate: '2024-01-12', sourceDueDate: '2024-01-31', debit: 70 }),
      ],
      [open('F1', 300, '2024-01-10', '2024-02-09'), open('F2', 70, '2024-01-12', '2024-01-31')],
      [],
    ],
    [
      'IMP-5 a credit note lettered with an invoice settles it like a payment',
      [
        entry('F1', {
          documentDate: '2024-01-10',
          debit: 1000,
          letteringCode: 'AV',
          letteringDate: '2024-01-20',
        }),
        entry('AV1', {
          documentDate: '2024-01-18',
          credit: 1000,
          letteringCode: 'AV',
          letteringDate: '2024-01-20',
        }),
        entry('F2', { documentDate: '2024-01-15', debit: 200 }),
      ],
      [open('F2', 200, '2024-01-15', '2024-02-14')],
      [{ key: 'F1', paymentDate: '2024-01-20' }],
    ],
  ])('%s', (_rule, entries, openItems, settled) => {
    expect(computeOpenItems(entries, terms)).toEqual({ openItems, settled });
  });

  const ledgerArb = fc
    .array(
      fc.record({
        day: fc.integer({ min: 0, max: 400 }),
        dueOffset: fc.option(fc.integer({ min: -10, max: 120 })),
        debit: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 })),
        credit: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 })),
        code: fc.constantFrom('', '', ' ', 'A', ' A', 'A ', 'B', 'C'),
        letteringDay: fc.option(fc.integer({ min: 0, max: 500 })),
      }),
      { maxLength: 40 },
    )
    .map((rows) =>
      rows.map(
        (r, i): LedgerEntry => ({
          key: `E${i}`,
          documentDate: addDays('2024-01-01', r.day),
          entryDate: addDays('2024-01-01', r.day),
          sourceDueDate: r.dueOffset === null ? null : addDays('2024-01-01', r.day + r.dueOffset),
          debit: r.debit,
          credit: r.credit,
          letteringCode: r.code,
          letteringDate: r.letteringDay === null ? null : addDays('2024-01-01', r.letteringDay),
        }),
      ),
    );

  it('IMP-5 the sum of the open items equals debits minus credits', () => {
    fc.assert(
      fc.property(ledgerArb, (entries) => {
        const { openItems } = computeOpenItems(entries, terms);
        const balance = entries.reduce((sum, e) => sum + e.debit - e.credit, 0);
        expect(openItems.reduce((sum, item) => sum + item.amount, 0)).toBe(balance);
      }),
    );
  });

  it('IMP-5 open items are never zero, a debit stays within its net, settled entries are closed debits', () => {
    fc.assert(
      fc.property(ledgerArb, (entries) => {
        const { openItems, settled } = computeOpenItems(entries, terms);
        const byKey = new Map(entries.map((e) => [e.key, e]));
        const openKeys = new Set(openItems.map((item) => item.key));
        expect(openKeys.size).toBe(openItems.length);
        for (const item of openItems) {
          const e = byKey.get(item.key)!;
          const net = e.debit - e.credit;
          expect(item.amount).not.toBe(0);
          if (item.amount > 0) expect(item.amount).toBeLessThanOrEqual(net);
        }
        for (const s of settled) {
          const e = byKey.get(s.key)!;
          expect(e.debit - e.credit).toBeGreaterThan(0);
          expect(e.letteringCode.trim()).not.toBe('');
          expect(openKeys.has(s.key)).toBe(false);
        }
      }),
    );
  });

  it('IMP-5 without lettering every non-zero line is open as it is', () => {
    fc.assert(
      fc.property(ledgerArb, (lettered) => {
        const entries = lettered.map((e) => ({ ...e, letteringCode: '' }));
        const { openItems, settled } = computeOpenItems(entries, terms);
        expect(settled).toEqual([]);
        expect(openItems.map((item) => [item.key, item.amount, item.isPartial])).toEqual(
          entries.filter((e) => e.debit !== e.credit).map((e) => [e.key, e.debit - e.credit, false]),
        );
      }),
    );
  });

  it('IMP-5 leaving out the balanced lettering groups changes no open item (what the server relies on)', () => {
    // The server leaves such groups in the database, grouping codes with only spaces trimmed.
    const spaceTrim = (code: string) => code.replace(/^ +| +$/g, '');
    fc.assert(
      fc.property(ledgerArb, fc.integer({ min: 1, max: 500_000 }), (entries, amount) => {
        // Make some groups balance: close group B with its opposite, and add a settled pair Z.
        const netOfB = entries
          .filter((e) => e.letteringCode.trim() === 'B')
          .reduce((n, e) => n + e.debit - e.credit, 0);
        const ledger: LedgerEntry[] = [
          ...entries,
          {
            ...entries[0]!,
            key: 'Z1',
            debit: amount,
            credit: 0,
            letteringCode: 'Z',
            letteringDate: null,
            documentDate: '2024-03-01',
            entryDate: '2024-03-01',
            sourceDueDate: null,
          },
          {
            ...entries[0]!,
            key: 'Z2',
            debit: 0,
            credit: amount,
            letteringCode: ' Z',
            letteringDate: null,
            documentDate: '2024-03-05',
            entryDate: '2024-03-05',
            sourceDueDate: null,
          },
          {
            ...entries[0]!,
            key: 'B9',
            debit: Math.max(0, -netOfB),
            credit: Math.max(0, netOfB),
            letteringCode: 'B',
            letteringDate: null,
            documentDate: '2024-04-01',
            entryDate: '2024-04-01',
            sourceDueDate: null,
          },
        ].filter((e) => e.documentDate !== undefined);
        const nets = new Map<string, number>();
        for (const e of ledger)
          nets.set(
            spaceTrim(e.letteringCode),
            (nets.get(spaceTrim(e.letteringCode)) ?? 0) + e.debit - e.credit,
          );
        const kept = ledger.filter(
          (e) => spaceTrim(e.letteringCode) === '' || nets.get(spaceTrim(e.letteringCode)) !== 0,
        );
        expect(computeOpenItems(kept, terms).openItems).toEqual(computeOpenItems(ledger, terms).openItems);
      }),
    );
  });
});
