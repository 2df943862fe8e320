import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { cx } from '../../ui/cx';

/** The organization's aging bounds (VIS-2), given by the page that read them from the API. */
export const AgingBoundsContext = createContext<readonly number[]>([30, 60, 90]);

/** Blue for not yet due, then warmer as items get older (VIS-1 colours: orange = overdue). */
const OVERDUE_COLOURS = [
  'bg-amber-400',
  'bg-orange-500',
  'bg-orange-700',
  'bg-red-700',
  'bg-red-900',
] as const;
const OVERDUE_FILLS = ['#fbbf24', '#f97316', '#c2410c', '#b91c1c', '#7f1d1d'] as const;

/** Colour classes of the buckets: not due, then each overdue range up to the last. */
export function bucketColours(count: number): string[] {
  return ['bg-sky-500', ...spread(OVERDUE_COLOURS, count - 1)];
}

/** The same colours as chart fills. */
export const BUCKET_FILLS_FOR = (count: number): string[] => ['#0ea5e9', ...spread(OVERDUE_FILLS, count - 1)];

/** Picks `count` colours across the scale, so the oldest bucket is always the darkest. */
function spread<T>(scale: readonly T[], count: number): T[] {
  if (count <= 0) return [];
  if (count === 1) return [scale[scale.length - 1]!];
  return Array.from({ length: count }, (_, i) => scale[Math.round((i * (scale.length - 1)) / (count - 1))]!);
}

/** Labels of the buckets of `bounds`: "Not due", "1–30 days", …, "Over 90 days" (short: "1–30 d"). */
export function useBucketLabels(bounds: readonly number[], style: 'long' | 'short' = 'long'): string[] {
  const { t } = useTranslation();
  const suffix = style === 'short' ? 'Short' : '';
  const labels = [t(`aging.notDue${suffix}`)];
  let from = 1;
  for (const bound of bounds) {
    labels.push(t(`aging.range${suffix}`, { from, to: bound }));
    from = bound + 1;
  }
  labels.push(t(`aging.over${suffix}`, { days: bounds[bounds.length - 1] ?? 0 }));
  return labels;
}

/** A stacked bar of the positive buckets, with every bucket in words for screen readers. */
export function AgingBar({
  buckets,
  currency,
  className,
}: {
  buckets: number[];
  currency: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useBucketLabels(useContext(AgingBoundsContext));
  const colours = bucketColours(buckets.length);
  const positive = buckets.map((value) => Math.max(0, value));
  const sum = positive.reduce((total, value) => total + value, 0);
  const words = buckets
    .map((value, index) =>
      t('aging.entry', { bucket: labels[index] ?? '', amount: format.money(value ?? 0, currency) }),
    )
    .join(' · ');
  return (
    <div className={cx('flex items-center', className)} title={words}>
      <span className="sr-only">{words}</span>
      <div aria-hidden="true" className="flex h-2 w-full overflow-hidden rounded-full bg-zinc-100">
        {sum > 0
          ? positive.map((value, index) =>
              value > 0 ? (
                <div
                  // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positional
                  key={index}
                  className={colours[index]}
                  style={{ width: `${(value / sum) * 100}%` }}
                />
              ) : null,
            )
          : null}
      </div>
    </div>
  );
}

export function AgingLegend() {
  const labels = useBucketLabels(useContext(AgingBoundsContext));
  const colours = bucketColours(labels.length);
  return (
    <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-500">
      {labels.map((label, index) => (
        <li key={label} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={cx('size-2 rounded-full', colours[index])} />
          {label}
        </li>
      ))}
    </ul>
  );
}
