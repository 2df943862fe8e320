import type { ReactNode } from 'react';
import { minorUnitDecimals } from '../../../domain/currency';
import type { Cents } from '../../../domain/money';
import { cx } from '../../ui/cx';

/** A titled card of the record. */
export function RecordCard({
  title,
  actions,
  children,
  testId,
  className,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <section
      data-testid={testId}
      className={cx('min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200', className)}
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

/** A small pill, e.g. "Manual" next to an overridden field. */
export function Badge({
  children,
  tone = 'neutral',
  title,
}: {
  children: ReactNode;
  tone?: 'neutral' | 'manual' | 'warning';
  title?: string;
}) {
  return (
    <span
      title={title}
      className={cx(
        'inline-flex items-center rounded-full px-2 py-0.5 text-[11px] font-medium whitespace-nowrap',
        tone === 'neutral' && 'bg-zinc-100 text-zinc-700',
        tone === 'manual' && 'bg-violet-50 text-violet-700 ring-1 ring-violet-200 ring-inset',
        tone === 'warning' && 'bg-amber-50 text-amber-800 ring-1 ring-amber-200 ring-inset',
      )}
    >
      {children}
    </span>
  );
}

/**
 * Amounts come in minor units; the formatter expects hundredths. A currency without decimals
 * (yen) is in units, so it is scaled for display (VIS-12).
 */
export function toHundredths(amount: Cents, currency: string): Cents {
  return minorUnitDecimals(currency) === 0 ? amount * 100 : amount;
}
