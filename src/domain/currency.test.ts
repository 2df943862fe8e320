import { describe, expect, it } from 'vitest';
import { minorUnitDecimals, toMinorUnits } from './currency';

describe('VIS-12 original amounts in the currency’s minor units', () => {
  it.each([
    [150_000, 'JPY', 1500],
    [-150_000, 'xof', -1500],
    [150_050, 'JPY', null],
    [150_050, 'USD', 150_050],
    [150_050, 'EUR', 150_050],
    [0, 'XPF', 0],
  ])('%i hundredths of %s → %s', (amount, currency, expected) => {
    expect(toMinorUnits(amount, currency)).toBe(expected);
  });

  it('knows the zero-decimal currencies', () => {
    expect(minorUnitDecimals('XAF')).toBe(0);
    expect(minorUnitDecimals('GBP')).toBe(2);
  });
});
