import { describe, expect, it } from 'vitest';
import { formatAmountInput, parseAmountInput } from './amount-input';

describe('amounts typed in the dunning options, to the cent', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['0', 0],
    ['150', 15_000],
    ['1500,5', 150_050],
    ['1500.50', 150_050],
    ['1 500,50', 150_050],
    ['1\u202f500,50 €', 150_050],
    ['1.500,50', 150_050],
    ['1,500.50', 150_050],
    ['1,500', 150_000],
    ['0,1', 10],
    [',5', 50],
    ['19.99', 1999],
    ['1234567.89', 123_456_789],
  ])('%j → %j', (text, cents) => {
    expect(parseAmountInput(text)).toBe(cents);
  });

  it.each(['-5', '1.2.3', 'abc', '1,5,0', '12.'])('%j is not an amount', (text) => {
    expect(parseAmountInput(text)).toBeUndefined();
  });

  it('shows cents with the language’s decimal mark, and reads back the same', () => {
    expect(formatAmountInput(150_050, 'fr')).toBe('1500,50');
    expect(formatAmountInput(150_050, 'en')).toBe('1500.50');
    expect(formatAmountInput(null, 'fr')).toBe('');
    for (const cents of [0, 1, 99, 100, 123_456_789]) {
      expect(parseAmountInput(formatAmountInput(cents, 'fr'))).toBe(cents);
      expect(parseAmountInput(formatAmountInput(cents, 'en'))).toBe(cents);
    }
  });
});
