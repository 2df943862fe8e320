import { type InputHTMLAttributes, useEffect, useRef } from 'react';
import { cx } from '../../ui/cx';

/** A native checkbox; `state: 'some'` shows it half-ticked (a "select all" over a partial selection). */
export function CheckBox({
  state,
  className,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'checked'> & { state: boolean | 'some' }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      checked={state === true}
      aria-checked={state === 'some' ? 'mixed' : undefined}
      className={cx(
        'size-4 shrink-0 cursor-pointer rounded border-zinc-300 accent-indigo-600 disabled:cursor-not-allowed',
        className,
      )}
      {...rest}
    />
  );
}
