import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, endOfMonth } from './calendar';
import {
  computeDueDate,
  DEFAULT_TERMS,
  exceedsLegalCap,
  formatTerms,
  type PaymentTerms,
  parseTerms,
} from './terms';

const net = (days: number): PaymentTerms => ({ kind: 'net', days });
const daysEom = (days: number): PaymentTerms => ({ kind: 'days-end-of-month', days });
const eomPlus = (days: number): PaymentTerms => ({ kind: 'end-of-month-plus', days });

const termsArb: fc.Arbitrary<PaymentTerms> = fc.oneof(
  fc.integer({ min: 0, max: 999 }).map(net),
  fc.integer({ min: 0, max: 999 }).map(daysEom),
  fc.integer({ min: 0, max: 999 }).map(eomPlus),
);
const dateArb = fc.integer({ min: 0, max: 365 * 40 }).map((d) => addDays('2000-01-01', d));

describe('parseTerms', () => {
  it.each<[string, PaymentTerms | null]>([
    ['30 days net', net(30)],
    ['30 days', net(30)],
    ['net 30', net(30)],
    ['NET30', net(30)],
    ['30 jours net', net(30)],
    ['30 jours', net(30)],
    ['  30   JOURS  ', net(30)],
    ['30j', net(30)],
    ['30-day net', net(30)],
    ['fin-de-mois + 10', eomPlus(10)],
    ['à 30 jours date de facture', net(30)],
    ['1 day net', net(1)],
    ['30', net(30)],
    ['0 days net', net(0)],
    ['comptant', net(0)],
    ['Cash', net(0)],
    ['at receipt', net(0)],
    ['à réception', net(0)],
    ['45 days end of month', daysEom(45)],
    ['45 jours fin de mois', daysEom(45)],
    ['45 j fdm', daysEom(45)],
    ['45J FDM', daysEom(45)],
    ['45 days EOM', daysEom(45)],
    ['end of month + 10 days', eomPlus(10)],
    ['fin de mois + 10 jours', eomPlus(10)],
    ['Fin de mois+10j', eomPlus(10)],
    ['fin de mois le 10', eomPlus(10)],
    ['le 10 du mois suivant', eomPlus(10)],
    ['fin de mois', eomPlus(0)],
    ['end of month', eomPlus(0)],
    ['', null],
    ['   ', null],
    ['soon', null],
    ['30 weeks', null],
    ['1000 days net', null],
    ['-30 days', null],
    ['fin de mois le 32', null],
    ['le 10', null],
  ])('IMP-4 reads %j', (text, expected) => {
    expect(parseTerms(text)).toEqual(expected);
  });
});

describe('formatTerms', () => {
  it.each<[PaymentTerms, string]>([
    [net(30), '30 days net'],
    [net(1), '1 day net'],
    [net(0), '0 days net'],
    [daysEom(45), '45 days end of month'],
    [eomPlus(10), 'end of month + 10 days'],
  ])('IMP-4 writes %j as %j', (terms, text) => {
    expect(formatTerms(terms)).toBe(text);
  });

  it('IMP-4 the default terms are 30 days net', () => {
    expect(formatTerms(DEFAULT_TERMS)).toBe('30 days net');
  });

  it('IMP-4 canonical text round-trips through parseTerms, in any case', () => {
    fc.assert(
      fc.property(termsArb, (terms) => {
        expect(parseTerms(formatTerms(terms))).toEqual(terms);
        expect(parseTerms(formatTerms(terms).toUpperCase())).toEqual(terms);
      }),
    );
  });
});

describe('computeDueDate', () => {
  it.each<[string, PaymentTerms, string, string]>([
    ['net adds N days', net(30), '2024-01-15', '2024-02-14'],
    ['net 0 is the document date', net(0), '2024-01-15', '2024-01-15'],
    ['net crosses a leap day', net(30), '2024-02-15', '2024-03-16'],
    ['N days end of month: date + N, then end of that month', daysEom(45), '2024-01-20', '2024-03-31'],
    ['N days end of month lands on February 29 in a leap year', daysEom(30), '2024-01-30', '2024-02-29'],
    ['N days end of month, 0 days: end of the same month', daysEom(0), '2024-04-01', '2024-04-30'],
    ['end of month + N: end of the document month, then + N', eomPlus(10), '2024-01-20', '2024-02-10'],
    ['end of month + N from February', eomPlus(10), '2023-02-01', '2023-03-10'],
    ['end of month + 45 differs from 45 days end of month', eomPlus(45), '2024-01-20', '2024-03-16'],
    ['end of month + N crosses the year', eomPlus(30), '2024-12-05', '2025-01-30'],
  ])('IMP-4 %s', (_rule, terms, documentDate, due) => {
    expect(computeDueDate(documentDate, terms)).toBe(due);
  });

  it('IMP-4 the due date is never before the document date; end-of-month forms', () => {
    fc.assert(
      fc.property(dateArb, termsArb, (date, terms) => {
        const due = computeDueDate(date, terms);
        expect(due >= date).toBe(true);
        if (terms.kind === 'days-end-of-month') expect(due).toBe(endOfMonth(due));
        if (terms.kind === 'end-of-month-plus' && terms.days === 0) expect(due).toBe(endOfMonth(date));
      }),
    );
  });
});

describe('exceedsLegalCap', () => {
  it.each<[PaymentTerms, boolean]>([
    [net(60), false],
    [net(61), true],
    [daysEom(45), false],
    [daysEom(46), true],
    [eomPlus(45), false],
    [eomPlus(46), true],
    [net(0), false],
  ])('IMP-4 French caps (L441-10): %j exceeds → %s', (terms, expected) => {
    expect(exceedsLegalCap(terms)).toBe(expected);
  });
});
