import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { cx } from '../../ui/cx';

/** VIS-2 default buckets, in the order of `customerRowSchema.buckets`. */
export const BUCKET_KEYS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;

/** Blue for not yet due, then warmer as items get older (VIS-1 colours: orange = overdue). */
export const BUCKET_COLOURS = [
  'bg-sky-500',
  'bg-amber-400',
  'bg-orange-500',
  'bg-orange-700',
  'bg-red-700',
] as const;

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
  const positive = buckets.map((value) => Math.max(0, value));
  const sum = positive.reduce((total, value) => total + value, 0);
  const words = BUCKET_KEYS.map((key, index) =>
    t('aging.entry', { bucket: t(`aging.${key}`), amount: format.money(buckets[index] ?? 0, currency) }),
  ).join(' · ');
  return (
    <div className={cx('flex items-center', className)} title={words}>
      <span className="sr-only">{words}</span>
      <div aria-hidden="true" className="flex h-2 w-full overflow-hidden rounded-full bg-zinc-100">
        {sum > 0
          ? positive.map((value, index) =>
              value > 0 ? (
                <div
                  key={BUCKET_KEYS[index]}
                  className={BUCKET_COLOURS[index]}
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
  const { t } = useTranslation();
  return (
    <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-500">
      {BUCKET_KEYS.map((key, index) => (
        <li key={key} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={cx('size-2 rounded-full', BUCKET_COLOURS[index])} />
          {t(`aging.${key}`)}
        </li>
      ))}
    </ul>
  );
}
