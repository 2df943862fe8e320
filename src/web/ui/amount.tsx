import type { Cents } from '../../domain/money';
import { useFormat } from '../lib/format';
import { cx } from './cx';

/** An amount in tabular figures with its currency; `tone` colours it (VIS-1: orange = overdue). */
export function Amount({
  cents,
  currency,
  tone = 'default',
  className,
  testId,
  muteZero = false,
}: {
  cents: Cents;
  currency: string;
  tone?: 'default' | 'overdue' | 'muted';
  className?: string;
  testId?: string;
  /** Greys out zero, so that the amounts that matter stand out in a column. */
  muteZero?: boolean;
}) {
  const format = useFormat();
  return (
    <span
      data-testid={testId}
      data-cents={cents}
      data-currency={currency}
      className={cx(
        'whitespace-nowrap tabular-nums',
        tone === 'overdue' && cents > 0 && 'font-medium text-orange-600',
        (tone === 'muted' || (muteZero && cents === 0)) && 'text-zinc-400',
        className,
      )}
    >
      {format.money(cents, currency)}
    </span>
  );
}
