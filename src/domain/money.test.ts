import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertCents, centsToDecimal, decimalToCents } from './money';

describe('money in cents', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [100, '1.00'],
    [5_251_724, '52517.24'],
    [-1_441_652, '-14416.52'],
  ])('centsToDecimal(%i) = %s', (cents, text) => {
    expect(centsToDecimal(cents)).toBe(text);
  });

  it.each([
    ['52517.24', 5_251_724],
    ['12.5', 1250],
    ['7', 700],
    ['-0.05', -5],
  ])('decimalToCents(%s) = %i', (text, cents) => {
    expect(decimalToCents(text)).toBe(cents);
  });

  it.each(['12,50', '1.234', 'abc', '', '1e3'])('decimalToCents refuses %j', (text) => {
    expect(() => decimalToCents(text)).toThrow(RangeError);
  });

  it('refuses amounts that are not whole cents', () => {
    expect(() => assertCents(0.1 + 0.2)).toThrow(RangeError);
    expect(() => assertCents(2 ** 60)).toThrow(RangeError);
  });

  it('round-trips every amount through its decimal text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        expect(decimalToCents(centsToDecimal(cents))).toBe(cents);
      }),
    );
  });
});
