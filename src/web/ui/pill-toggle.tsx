import { focusRing } from './button';
import { cx } from './cx';

/**
 * A small choice between a few views (an email's HTML and text parts): one pressed button per
 * option, in a fieldset named for screen readers.
 */
export function PillToggle<T extends string>({
  label,
  options,
  value,
  onChange,
  labelOf,
  className,
}: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  labelOf: (option: T) => string;
  className?: string;
}) {
  return (
    <fieldset className={cx('flex gap-1', className)}>
      <legend className="sr-only">{label}</legend>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={value === option}
          onClick={() => onChange(option)}
          className={cx(
            'rounded px-2.5 py-1 text-xs font-medium',
            focusRing,
            value === option ? 'bg-zinc-900 text-white' : 'text-zinc-600 hover:bg-zinc-100',
          )}
        >
          {labelOf(option)}
        </button>
      ))}
    </fieldset>
  );
}
