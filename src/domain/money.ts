/**
 * Money is an integer number of minor units (cents) with a currency code, never a float.
 * We use JS numbers restricted to safe integers: ±9e15 cents covers any ledger we will meet.
 */
export type Cents = number;

/** Throws when `value` is not a safe integer number of cents. */
export function assertCents(value: number, what = 'amount'): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} is not a whole number of cents: ${value}`);
  return value;
}

/**
 * Formats cents as a decimal string with two decimals and a dot, no thousands separator.
 * @example centsToDecimal(5251724) // '52517.24'
 * @example centsToDecimal(-5) // '-0.05'
 */
export function centsToDecimal(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = Math.trunc(abs / 100);
  const rest = abs % 100;
  return `${sign}${units}.${rest < 10 ? '0' : ''}${rest}`;
}

/**
 * Parses a decimal string with a dot (as produced by {@link centsToDecimal}) into cents.
 * @example decimalToCents('52517.24') // 5251724
 */
export function decimalToCents(text: string): Cents {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not a decimal amount: ${text}`);
  const [, sign, units, decimals = ''] = match;
  const cents = Number(units) * 100 + Number(decimals.padEnd(2, '0'));
  return assertCents(sign === '-' ? -cents : cents);
}
