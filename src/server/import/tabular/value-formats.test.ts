import { describe, expect, it } from 'vitest';
import {
  type ConcreteDateFormat,
  type DecimalSeparator,
  detectDateFormat,
  detectDecimalSeparator,
  excelSerialToDate,
  numberToCents,
  parseAmount,
  parseDate,
} from './value-formats';

describe('IMP-1 b parseAmount', () => {
  const cases: [string, DecimalSeparator, number | null][] = [
    ['1234,56', ',', 123456],
    ['1 234,56', ',', 123456],
    ['1\u00a0234,56', ',', 123456],
    ['1\u202f234\u202f567,8', ',', 123456780],
    ['1.234,56', ',', 123456],
    ["1'234,56", ',', 123456],
    ['12', ',', 1200],
    ['0,5', ',', 50],
    [',5', ',', 50],
    ['-12,00', ',', -1200],
    ['- 12,00', ',', -1200],
    ['+12,00', ',', 1200],
    ['12,00-', ',', -1200],
    ['(12,00)', ',', -1200],
    ['\u221212,00', ',', -1200],
    ['12,00 €', ',', 1200],
    ['€12,00', ',', 1200],
    ['-12,00 €', ',', -1200],
    ['€ -12,00', ',', -1200],
    ['12,00 € -', ',', -1200],
    ['EUR 1 234,56', ',', 123456],
    ['1 234,56 EUR', ',', 123456],
    ['1234,56EUR', ',', 123456],
    ['-0,00', ',', 0],
    ['000012,30', ',', 1230],
    ['12,3400', ',', 1234],
    ['  42,10  ', ',', 4210],
    ['1,234.56', '.', 123456],
    ['1 234.56', '.', 123456],
    ['1234.5', '.', 123450],
    ['(1,234.56)', '.', -123456],
    ['$1,234.56', '.', 123456],
    ['USD 99.99', '.', 9999],
    // not amounts
    ['', ',', null],
    ['   ', ',', null],
    ['-', ',', null],
    ['abc', ',', null],
    ['12.5.0', '.', null],
    ['12,5,0', ',', null],
    ['1,234.56', ',', null],
    ['1234.56', ',', null],
    ['1.234,56', '.', null],
    ['1 23,45', ',', null],
    ['1 234.567,8', ',', null],
    ['12,345', ',', null],
    ['--12', ',', null],
    ['REF12', ',', null],
    ['12 ABC', ',', null],
    ['eur 12', ',', 1200],
    ['12 CHF', ',', 1200],
    ['(-12)', ',', null],
    ['-12-', ',', null],
    ['1e5', '.', null],
    ['12,', ',', null],
    ['2024-12-31', ',', null],
    ['1234567890123456,00', ',', null],
  ];
  it.each(cases)('%j with %j → %j', (text, separator, expected) => {
    expect(parseAmount(text, separator)).toBe(expected);
  });
});

describe('IMP-1 b numberToCents (XLSX number cells)', () => {
  const cases: [number, number | null][] = [
    [1234.56, 123456],
    [-1234.56, -123456],
    [0.1 + 0.2, 30],
    [14.399999999999999, 1440],
    [1.005, 101],
    [-1.005, -101],
    [1e-7, 0],
    [42, 4200],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    [1e21, null],
  ];
  it.each(cases)('%d → %j', (value, expected) => {
    expect(numberToCents(value)).toBe(expected);
  });
});

describe('IMP-1 b detectDecimalSeparator', () => {
  const cases: [string[], DecimalSeparator][] = [
    [['1 234,56', '12'], ','],
    [['1\u00a0234,56'], ','],
    [['1.234,56'], ','],
    [['1234,56'], ','],
    [['1,234.56'], '.'],
    [['1234.5', '12'], '.'],
    [['1,234,567'], '.'],
    [['1.234.567'], ','],
    [['0,125'], ','],
    [['1234,567'], ','],
    [['1,234'], ','],
    [['1.234'], ','],
    [['12', '13'], ','],
    [[], ','],
    [['1,234', '12.50'], '.'],
    [['-1 234,56 €', '(12,00)'], ','],
  ];
  it.each(cases)('%j → %j', (samples, expected) => {
    expect(detectDecimalSeparator(samples)).toBe(expected);
  });

  it('uses the fallback when nothing decides', () => {
    expect(detectDecimalSeparator(['1,234'], '.')).toBe('.');
  });
});

describe('IMP-1 b parseDate', () => {
  const cases: [string, ConcreteDateFormat, string | null][] = [
    ['31/12/2024', 'DD/MM/YYYY', '2024-12-31'],
    ['1/2/2024', 'DD/MM/YYYY', '2024-02-01'],
    ['31.12.2024', 'DD/MM/YYYY', '2024-12-31'],
    ['31-12-2024', 'DD/MM/YYYY', '2024-12-31'],
    ['31/12/24', 'DD/MM/YYYY', '2024-12-31'],
    ['31/12/99', 'DD/MM/YYYY', '1999-12-31'],
    ['31/12/2024 00:00:00', 'DD/MM/YYYY', '2024-12-31'],
    ['31/12/2024 10:30', 'DD/MM/YYYY', '2024-12-31'],
    ['2024-12-31', 'DD/MM/YYYY', '2024-12-31'],
    ['12/31/2024', 'MM/DD/YYYY', '2024-12-31'],
    ['12/31/2024 11:59 PM', 'MM/DD/YYYY', '2024-12-31'],
    ['2024-12-31', 'YYYY-MM-DD', '2024-12-31'],
    ['2024/12/31', 'YYYY-MM-DD', '2024-12-31'],
    ['2024-12-31T10:00:00+02:00', 'YYYY-MM-DD', '2024-12-31'],
    ['2024-12-31T00:00:00.000Z', 'YYYY-MM-DD', '2024-12-31'],
    ['20241231', 'YYYYMMDD', '2024-12-31'],
    ['29/02/2024', 'DD/MM/YYYY', '2024-02-29'],
    // not dates
    ['29/02/2023', 'DD/MM/YYYY', null],
    ['31/02/2024', 'DD/MM/YYYY', null],
    ['12/31/2024', 'DD/MM/YYYY', null],
    ['31/12/2024', 'MM/DD/YYYY', null],
    ['20241231', 'DD/MM/YYYY', null],
    ['31/12/2024', 'YYYY-MM-DD', null],
    ['31/12/2024', 'YYYYMMDD', null],
    ['2024-13-01', 'YYYY-MM-DD', null],
    ['', 'DD/MM/YYYY', null],
    ['demain', 'DD/MM/YYYY', null],
    ['31/12', 'DD/MM/YYYY', null],
  ];
  it.each(cases)('%j as %s → %j', (text, format, expected) => {
    expect(parseDate(text, format)).toBe(expected);
  });

  it('reads an XLSX date cell from its UTC parts', () => {
    expect(parseDate(new Date(Date.UTC(2024, 11, 31)), 'DD/MM/YYYY')).toBe('2024-12-31');
    expect(parseDate(new Date(Date.UTC(2024, 11, 31, 23, 59, 59)), 'DD/MM/YYYY')).toBe('2024-12-31');
    expect(parseDate(new Date(Number.NaN), 'DD/MM/YYYY')).toBeNull();
  });

  it('reads a number as an Excel serial day, or as YYYYMMDD when it has eight digits', () => {
    expect(parseDate(45657, 'DD/MM/YYYY')).toBe('2024-12-31');
    expect(parseDate(45657.75, 'DD/MM/YYYY')).toBe('2024-12-31');
    expect(parseDate(20241231, 'DD/MM/YYYY')).toBe('2024-12-31');
    expect(parseDate(44195, 'DD/MM/YYYY', { date1904: true })).toBe('2024-12-31');
  });
});

describe('IMP-1 b excelSerialToDate', () => {
  const cases: [number, boolean, string | null][] = [
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [60, false, null],
    [61, false, '1900-03-01'],
    [45292, false, '2024-01-01'],
    [2958465, false, '9999-12-31'],
    [2958466, false, null],
    [0, false, null],
    [-5, false, null],
    [0, true, '1904-01-01'],
  ];
  it.each(cases)('%d (1904: %s) → %j', (serial, date1904, expected) => {
    expect(excelSerialToDate(serial, date1904)).toBe(expected);
  });
});

describe('IMP-1 b detectDateFormat', () => {
  const cases: [string[], ConcreteDateFormat][] = [
    [['31/12/2024', '01/02/2024'], 'DD/MM/YYYY'],
    [['12/31/2024', '01/02/2024'], 'MM/DD/YYYY'],
    [['01/02/2024', '03/04/2024'], 'DD/MM/YYYY'],
    [['2024-12-31', '2024-01-02'], 'YYYY-MM-DD'],
    [['2024-12-31 00:00:00'], 'YYYY-MM-DD'],
    [['20241231', '20240102'], 'YYYYMMDD'],
    [['31.12.2024'], 'DD/MM/YYYY'],
    [['31/12/2024 00:00'], 'DD/MM/YYYY'],
    [[], 'DD/MM/YYYY'],
    [['n/a', ''], 'DD/MM/YYYY'],
  ];
  it.each(cases)('%j → %s', (samples, expected) => {
    expect(detectDateFormat(samples)).toBe(expected);
  });

  it('uses the fallback when no value proves the order of day and month', () => {
    expect(detectDateFormat(['01/02/2024'], 'MM/DD/YYYY')).toBe('MM/DD/YYYY');
    expect(detectDateFormat(['13/02/2024'], 'MM/DD/YYYY')).toBe('DD/MM/YYYY');
  });
});
