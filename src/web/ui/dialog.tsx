import { X } from 'lucide-react';
import { type FormEvent, type ReactNode, type TextareaHTMLAttributes, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { focusRing } from './button';
import { cx } from './cx';

/**
 * A modal form: a sheet from the bottom of a phone's screen, a centred box on a larger one.
 * Escape or the backdrop closes it; focus goes to its first field and back to the opener.
 */
export function Dialog({
  title,
  description,
  onClose,
  onSubmit,
  footer,
  children,
  testId,
  wide = false,
}: {
  title: ReactNode;
  description?: ReactNode;
  onClose: () => void;
  /** The dialog is a form; submitting it (Enter, or a submit button in `footer`) calls this. */
  onSubmit: () => void;
  footer: ReactNode;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // The latest `onClose`, without moving the focus again each time the parent renders.
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = formRef.current?.querySelector<HTMLElement>(
      'input:not([type="radio"]):not([type="checkbox"]), select, textarea, button[type="submit"]',
    );
    first?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <div className="fixed inset-0 z-40 flex items-end justify-center sm:items-center sm:p-6">
      <button
        type="button"
        tabIndex={-1}
        aria-label={t('common.close')}
        className="absolute inset-0 bg-zinc-900/40"
        onClick={onClose}
      />
      <form
        ref={formRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        onSubmit={submit}
        noValidate
        className={cx(
          'relative flex max-h-[92dvh] w-full flex-col rounded-t-xl bg-white shadow-xl sm:rounded-xl',
          wide ? 'sm:max-w-2xl' : 'sm:max-w-lg',
        )}
      >
        <div className="flex items-start justify-between gap-3 border-b border-zinc-200 px-4 py-3 sm:px-6">
          <div className="min-w-0">
            <h2 id={titleId} className="text-base font-semibold text-zinc-900">
              {title}
            </h2>
            {description ? <p className="mt-0.5 text-sm text-zinc-600">{description}</p> : null}
          </div>
          <button
            type="button"
            onClick={onClose}
            className={cx('rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100', focusRing)}
          >
            <X aria-hidden="true" className="size-5" />
            <span className="sr-only">{t('common.close')}</span>
          </button>
        </div>
        <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-4 sm:px-6">{children}</div>
        <div className="flex flex-wrap items-center justify-end gap-2 border-t border-zinc-200 px-4 py-3 pb-[calc(0.75rem+env(safe-area-inset-bottom))] sm:px-6 sm:pb-3">
          {footer}
        </div>
      </form>
    </div>
  );
}

/** A multi-line text box with the look of the other fields. */
export function TextArea({
  className,
  invalid,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }) {
  return (
    <textarea
      className={cx(
        'block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm ring-inset placeholder:text-zinc-400 focus:ring-2 focus:outline-none',
        invalid ? 'ring-2 ring-red-500 focus:ring-red-600' : 'ring-1 ring-zinc-300 focus:ring-indigo-600',
        className,
      )}
      aria-invalid={invalid || undefined}
      {...rest}
    />
  );
}
