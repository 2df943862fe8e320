import { centsToDecimal, decimalToCents } from '../../../../domain/money';

/**
 * Amounts typed in a form, in the currency's units, to and from cents without floats: "1 234,56"
 * (French), "1,234.56" (English) or "1234.5" all read the same.
 */

/**
 * Cents from what the user typed: `null` for an empty box, `undefined` when it is not an amount
 * of at most two decimals, zero or more.
 * @example parseAmountInput('1 234,5') // 123450
 */
export function parseAmountInput(text: string): number | null | undefined {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '');
  if (compact === '') return null;
  // The last mark followed by one or two digits is the decimal mark; any other is a thousands one.
  const match = /^([\d.,']*?)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return undefined;
  const whole = match[1] ?? '';
  const isWhole = /^\d+$/.test(whole) || /^\d{1,3}([.,']\d{3})+$/.test(whole) || (whole === '' && !!match[2]);
  if (!isWhole) return undefined;
  const units = whole.replace(/[.,']/g, '') || '0';
  return decimalToCents(`${units}${match[2] ? `.${match[2]}` : ''}`);
}

/**
 * Cents as the text of an input, with the locale's decimal mark and no thousands separator.
 * @example formatAmountInput(123450, 'fr') // '1234,50'
 */
export function formatAmountInput(cents: number | null, locale: string): string {
  if (cents === null) return '';
  const text = centsToDecimal(cents);
  return locale === 'fr' ? text.replace('.', ',') : text;
}
