import type { Cents } from './money';

/**
 * Currencies whose minor unit is the unit itself (ISO 4217 exponent 0), among those a French
 * or European company meets: yen, won, the CFA and CFP francs… Every other currency counts in
 * hundredths; the few with three decimals (BHD, KWD, TND…) are read as hundredths too, since a
 * FEC amount has two decimals.
 */
const ZERO_DECIMAL = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);

/** How many decimals the currency's minor unit has: 0 for JPY or XOF, else 2. */
export function minorUnitDecimals(currency: string): 0 | 2 {
  return ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2;
}

/**
 * An amount read with two decimals (in hundredths), in the currency's own minor units — or
 * null when it has a fraction that currency does not have.
 * @example toMinorUnits(150000, 'JPY') // 1500 (¥1,500)
 * @example toMinorUnits(150050, 'JPY') // null (¥1,500.50 does not exist)
 * @example toMinorUnits(150050, 'USD') // 150050 ($1,500.50)
 */
export function toMinorUnits(hundredths: Cents, currency: string): number | null {
  if (minorUnitDecimals(currency) === 2) return hundredths;
  return hundredths % 100 === 0 ? hundredths / 100 : null;
}
