import { Ellipsis, FileText, type LucideIcon, Mail, Phone } from 'lucide-react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { TodoLine } from '../../../contracts/dunning';
import { cx } from '../../ui/cx';

type Channel = TodoLine['channel'];
type Kind = TodoLine['kind'];
type Level = TodoLine['level'];
export type ReminderStatus = NonNullable<TodoLine['rowStatus']>;

export const CHANNEL_ICONS: Record<Channel, LucideIcon> = {
  email: Mail,
  letter: FileText,
  phone: Phone,
  other: Ellipsis,
};

/** The channel as an icon and a word (DUN-3). */
export function ChannelLabel({ channel, className }: { channel: Channel; className?: string }) {
  const { t } = useTranslation();
  const Icon = CHANNEL_ICONS[channel];
  return (
    <span className={cx('inline-flex items-center gap-1.5 whitespace-nowrap', className)}>
      <Icon aria-hidden="true" className="size-4 shrink-0 text-zinc-500" />
      {t(`dunning.channels.${channel}`)}
    </span>
  );
}

/** The level a reminder brings its items to: "Notice", "R1"…, "Thank-you". */
export function levelText(t: (key: string) => string, kind: Kind, level: Level): string {
  if (kind === 'thankYou') return t('dunning.levels.thankYou');
  return t(`dunning.levels.${level ?? 'none'}`);
}

const LEVEL_TONES: Record<string, string> = {
  none: 'bg-zinc-50 text-zinc-600 ring-zinc-200',
  notice: 'bg-sky-50 text-sky-800 ring-sky-200',
  R1: 'bg-amber-50 text-amber-800 ring-amber-200',
  R2: 'bg-orange-50 text-orange-800 ring-orange-200',
  thankYou: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
};

export function LevelBadge({ kind, level }: { kind: Kind; level: Level }) {
  const { t } = useTranslation();
  const tone =
    LEVEL_TONES[kind === 'thankYou' ? 'thankYou' : (level ?? '')] ?? 'bg-red-50 text-red-800 ring-red-200';
  return (
    <span
      className={cx(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        tone,
      )}
    >
      {levelText(t, kind, level)}
    </span>
  );
}

const STATUS_TONES: Record<ReminderStatus, string> = {
  planned: 'bg-zinc-100 text-zinc-700 ring-zinc-200',
  sending: 'bg-sky-50 text-sky-800 ring-sky-200',
  deferred: 'bg-amber-50 text-amber-800 ring-amber-200',
  sent: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  bounced: 'bg-red-50 text-red-800 ring-red-200',
  failed: 'bg-red-50 text-red-800 ring-red-200',
  cancelled: 'bg-zinc-100 text-zinc-500 ring-zinc-200',
};

/** Where a reminder row stands (DUN-13): planned, sending, deferred, sent, bounced, failed, cancelled. */
export function ReminderStatusBadge({ status }: { status: ReminderStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={cx(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        STATUS_TONES[status],
      )}
    >
      {t(`dunning.rowStatus.${status}`)}
    </span>
  );
}

/** "(D)": the customer is in dispute, and stays in the list (DUN-8). */
export function DisputeMarker() {
  const { t } = useTranslation();
  return (
    <abbr
      title={t('dunning.disputedTitle')}
      className="ml-1 font-semibold text-red-700 no-underline"
      data-testid="dispute-marker"
    >
      {t('dunning.disputed')}
    </abbr>
  );
}

/** The first piece references, then "+N": a reminder may carry dozens of invoices. */
export function PieceList({ pieces, max = 3 }: { pieces: readonly string[]; max?: number }) {
  const { t } = useTranslation();
  if (pieces.length === 0) return <span className="text-zinc-400">—</span>;
  const shown = pieces.slice(0, max);
  const more = pieces.length - shown.length;
  // A reference never breaks in the middle; the line breaks between references.
  return (
    <span className="font-mono text-xs text-zinc-600" title={pieces.join(', ')}>
      {shown.map((piece, i) => (
        // An invoice paid in instalments repeats its reference: the position tells them apart.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Fragment key={i}>
          <span className="whitespace-nowrap">
            {piece}
            {i < shown.length - 1 ? ',' : null}
          </span>{' '}
        </Fragment>
      ))}
      {more > 0 ? (
        <span className="font-sans whitespace-nowrap text-zinc-500">
          {t('dunning.morePieces', { count: more })}
        </span>
      ) : null}
    </span>
  );
}
