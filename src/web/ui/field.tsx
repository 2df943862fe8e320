import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { cx } from './cx';

const control =
  'block w-full rounded-md border-0 bg-white py-2 text-sm text-zinc-900 shadow-sm ring-inset placeholder:text-zinc-400 focus:ring-2 focus:outline-none disabled:bg-zinc-50 disabled:text-zinc-500';

/** One ring colour or the other, never both (which one wins would depend on CSS order). */
function ringFor(invalid: boolean | undefined): string {
  return invalid ? 'ring-2 ring-red-500 focus:ring-red-600' : 'ring-1 ring-zinc-300 focus:ring-indigo-600';
}

export function Label({
  htmlFor,
  children,
  className,
}: {
  htmlFor: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <label htmlFor={htmlFor} className={cx('block text-sm font-medium text-zinc-700', className)}>
      {children}
    </label>
  );
}

export function Input({
  className,
  invalid,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return (
    <input
      className={cx(control, ringFor(invalid), 'px-3', className)}
      aria-invalid={invalid || undefined}
      {...rest}
    />
  );
}

export function Select({
  className,
  invalid,
  ...rest
}: SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean }) {
  return (
    <select
      className={cx(control, ringFor(invalid), 'pr-8 pl-3', className)}
      aria-invalid={invalid || undefined}
      {...rest}
    />
  );
}

/** A labelled control with an optional hint or error under it. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      <div className="mt-1">{children}</div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
