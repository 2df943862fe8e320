import { describe, expect, it } from 'vitest';
import { formatCapital, parseCapital } from './use-letterhead';

describe('share capital field', () => {
  it.each([
    ['50 000,00', 5_000_000],
    ['50000.5', 5_000_050],
    ['1 000 €', 100_000],
    ['', null],
    ['12,345', undefined],
    ['-5', undefined],
    ['abc', undefined],
  ])('reads %j as %j cents', (text, cents) => {
    expect(parseCapital(text)).toBe(cents);
  });

  it('writes cents back in the user’s decimal separator, and reads it again', () => {
    expect(formatCapital(5_000_050, 'fr')).toBe('50000,50');
    expect(formatCapital(5_000_050, 'en')).toBe('50000.50');
    expect(parseCapital(formatCapital(123_456_789, 'fr'))).toBe(123_456_789);
    expect(formatCapital(null, 'fr')).toBe('');
  });
});
