import { Mail, MessageSquare, Phone, ScrollText } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Activity, ActivityStatus } from '../../../contracts/activities';
import { cx } from '../../ui/cx';

const STATUS_TONES: Record<ActivityStatus, string> = {
  planned: 'bg-zinc-100 text-zinc-700 ring-zinc-200',
  sending: 'bg-sky-50 text-sky-800 ring-sky-200',
  deferred: 'bg-amber-50 text-amber-800 ring-amber-200',
  sent: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  bounced: 'bg-red-50 text-red-800 ring-red-200',
  failed: 'bg-red-50 text-red-800 ring-red-200',
  cancelled: 'bg-zinc-100 text-zinc-500 ring-zinc-200',
  done: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
};

export function ActivityStatusBadge({ status }: { status: ActivityStatus }) {
  const { t } = useTranslation();
  return (
    <span
      data-testid="activity-status"
      data-status={status}
      className={cx(
        'inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        STATUS_TONES[status],
      )}
    >
      {t(`activities.status.${status}`)}
    </span>
  );
}

/** The planner says `phone`; manual actions say `call`: one channel. */
export function channelKey(channel: string): 'email' | 'letter' | 'call' | 'other' {
  if (channel === 'phone' || channel === 'call') return 'call';
  if (channel === 'email' || channel === 'letter') return channel;
  return 'other';
}

export function ChannelIcon({ channel, className }: { channel: string; className?: string }) {
  const key = channelKey(channel);
  const Icon =
    key === 'email' ? Mail : key === 'letter' ? ScrollText : key === 'call' ? Phone : MessageSquare;
  return <Icon aria-hidden="true" className={className} />;
}

/** Who acted: a user's name, or the automatic sending (DUN-12). */
export function useActorLabel() {
  const { t } = useTranslation();
  return (activity: Pick<Activity, 'actor' | 'userName'>) =>
    activity.actor === 'automatic'
      ? t('activities.automatic')
      : (activity.userName ?? t('activities.unknownUser'));
}
