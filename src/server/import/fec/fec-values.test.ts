import { describe, expect, it } from 'vitest';
import { explainBadAmount, parseFecAmount, parseFecDate } from './fec-values';

describe('IMP-2 parseFecAmount: FEC amounts (XII-2°) to cents', () => {
  it.each([
    ['1234,56', 123_456],
    ['0000000074,70', 7_470],
    [' 000000000003000,00', 300_000],
    ['-000000000001000,00', -100_000],
    ['12,00-', -1_200],
    ['12,00+', 1_200],
    ['+12,00', 1_200],
    ['-12,5', -1_250],
    ['12', 1_200],
    ['0', 0],
    ['12.50', 1_250],
    ['0,5', 50],
    [',05', 5],
    ['12,', 1_200],
    ['12,500', 1_250],
    ['12,3000', 1_230],
    ['0,01', 1],
    ['-0,01', -1],
    ['90071992547409,91', Number.MAX_SAFE_INTEGER],
  ])('%j is %d cents', (text, cents) => {
    expect(parseFecAmount(text)).toBe(cents);
  });

  it('reads a negative zero as plain 0', () => {
    expect(Object.is(parseFecAmount('-0,00'), 0)).toBe(true);
    expect(Object.is(parseFecAmount('0,00-'), 0)).toBe(true);
  });

  it.each([
    '',
    '   ',
    '12.5.0',
    '12,5,0',
    'abc',
    '1 234,56',
    '1.234,56',
    '12,345',
    '12,001',
    '--12',
    '-12-',
    '+-12',
    '+',
    '-',
    ',',
    '.',
    '12,3a',
    '1e5',
    '0x10',
    '12 ,00',
    '- 12,00',
    '12,00 -',
    '€12,00',
    '12,00 EUR',
    'NaN',
    'Infinity',
    '90071992547410,00',
    '100000000000000000000,00',
  ])('%j is not an amount', (text) => {
    expect(parseFecAmount(text)).toBeNull();
  });

  it.each([
    ['12.5.0', "'12.5.0' is not an amount"],
    ['abc', "'abc' is not an amount"],
    ['1 234,56', "'1 234,56' has a thousands separator, which a FEC does not allow (write 1234,56)"],
    ['1.234.567,00', "'1.234.567,00' has a thousands separator, which a FEC does not allow (write 1234,56)"],
    ['12,345', "'12,345' has more than 2 decimals"],
    ['100000000000000000000', "'100000000000000000000' is too large for an amount"],
  ])('explains why %j is refused', (text, reason) => {
    expect(explainBadAmount(text)).toBe(reason);
  });
});

describe('IMP-2 parseFecDate: AAAAMMJJ (XII-4°) and what the DGFiP checker accepts', () => {
  it.each([
    ['20240131', '2024-01-31'],
    ['20240229', '2024-02-29'],
    ['20000229', '2000-02-29'],
    [' 20240131 ', '2024-01-31'],
    ['2024-01-31', '2024-01-31'],
    ['2024/01/31', '2024-01-31'],
    ['2024.01.31', '2024-01-31'],
    ['31/01/2024', '2024-01-31'],
    ['31-01-2024', '2024-01-31'],
    ['31.01.2024', '2024-01-31'],
    ['1/2/2024', '2024-02-01'],
    ['2024-1-5', '2024-01-05'],
    ['20240131 00:00:00', '2024-01-31'],
    ['2024-01-31 12:30:00', '2024-01-31'],
    ['2024-01-31T12:30:00', '2024-01-31'],
    ['2024-01-31T12:30:00.000Z', '2024-01-31'],
    ['31/01/2024 08:15', '2024-01-31'],
  ])('%j is %s', (text, date) => {
    expect(parseFecDate(text)).toBe(date);
  });

  it.each(['', '   ', '00000000', '0000-00-00'])('%j is blank (null)', (text) => {
    expect(parseFecDate(text)).toBeNull();
  });

  it.each([
    '20240230',
    '20230229',
    '19000229',
    '20241301',
    '20240100',
    '20240132',
    '00000101',
    '2024013',
    '202401311',
    '2024-02-30',
    '31/02/2024',
    '2024/01-31',
    '2024-01-31X',
    '20240131 25h',
    'abc',
    '31 janvier 2024',
  ])('%j throws RangeError', (text) => {
    expect(() => parseFecDate(text)).toThrow(RangeError);
  });

  it('says whether a value is no date at all or an impossible one', () => {
    expect(() => parseFecDate('20240230')).toThrow("'20240230' is not a real date");
    expect(() => parseFecDate('abc')).toThrow("'abc' is not a date (expected AAAAMMJJ, e.g. 20241231)");
  });
});
