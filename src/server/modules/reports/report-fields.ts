import type { Cents } from '../../../domain/money';

/**
 * Field names of the aging buckets (VIS-2) in the reports, from the organization's bounds:
 * `notDue`, then `1-30`, `31-60`, … one per range, then `overN` past the last bound. With the
 * default bounds [30, 60, 90]: `notDue`, `1-30`, `31-60`, `61-90`, `over90`. They change only
 * when an admin changes the bounds.
 * @example agingFieldNames([30, 60, 90]) // ['notDue', '1-30', '31-60', '61-90', 'over90']
 * @example agingFieldNames([45]) // ['notDue', '1-45', 'over45']
 */
export function agingFieldNames(bounds: readonly number[]): string[] {
  const names = ['notDue'];
  let from = 1;
  for (const bound of bounds) {
    names.push(`${from}-${bound}`);
    from = bound + 1;
  }
  names.push(`over${bounds.at(-1) ?? 0}`);
  return names;
}

/**
 * The buckets keyed by their field names, each amount through `format`.
 * @example namedBuckets([100, 0, 5], [30], String) // { notDue: '100', '1-30': '0', over30: '5' }
 */
export function namedBuckets<T>(
  buckets: readonly Cents[],
  bounds: readonly number[],
  format: (amount: Cents) => T,
): Record<string, T> {
  const names = agingFieldNames(bounds);
  if (buckets.length !== names.length) {
    throw new RangeError(`${buckets.length} buckets for the bounds ${bounds.join(', ')}`);
  }
  return Object.fromEntries(names.map((name, i) => [name, format(buckets[i]!)]));
}
