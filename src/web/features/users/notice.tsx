import { CircleAlert, CircleCheck, Info } from 'lucide-react';
import type { ReactNode } from 'react';
import { cx } from '../../ui/cx';

const TONES = {
  error: { box: 'bg-red-50 text-red-800 ring-red-200', Icon: CircleAlert },
  success: { box: 'bg-emerald-50 text-emerald-900 ring-emerald-200', Icon: CircleCheck },
  info: { box: 'bg-indigo-50 text-indigo-900 ring-indigo-100', Icon: Info },
} as const;

/** A boxed sentence with an icon: an error, a success, or something to know. */
export function Notice({
  tone,
  children,
  className,
  testId,
}: {
  tone: keyof typeof TONES;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const { box, Icon } = TONES[tone];
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
      className={cx('flex items-start gap-3 rounded-md p-3 text-sm ring-1', box, className)}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 flex-1 break-words">{children}</div>
    </div>
  );
}
