import {
  ArrowUpRight,
  Ban,
  Handshake,
  Layers,
  type LucideIcon,
  MessageSquareWarning,
  OctagonPause,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CustomerDunning } from '../../../contracts/dunning';
import { useFormat } from '../../lib/format';
import { CHANNEL_ICONS, PieceList } from '../dunning/dunning-labels';

type Action = CustomerDunning['actions'][number];

const ACTION_ICONS: Record<Action['kind'], LucideIcon> = {
  call: CHANNEL_ICONS.phone,
  email: CHANNEL_ICONS.email,
  letter: CHANNEL_ICONS.letter,
  other: CHANNEL_ICONS.other,
  level: Layers,
  stop: OctagonPause,
  dispute: MessageSquareWarning,
  promise: Handshake,
};

/** One line of what happened: "Call · Reached", "STOP lifted", "Level set to R2", "Promise for 10/05/2024". */
function useActionText(action: Action): string {
  const { t } = useTranslation();
  const format = useFormat();
  const kind = t(`dunning.record.history.kinds.${action.kind}`);
  switch (action.kind) {
    case 'stop':
    case 'dispute':
      return t(`dunning.record.history.${action.kind}${action.outcome === 'off' ? 'Off' : 'On'}`);
    case 'level':
      return t('dunning.record.history.levelSet', {
        level: t(`dunning.levels.${action.outcome ?? 'none'}`, { defaultValue: action.outcome ?? '' }),
      });
    case 'promise':
      return t('dunning.record.history.promiseFor', {
        date: action.outcome ? format.date(action.outcome) : '—',
      });
    default:
      return action.outcome
        ? `${kind} · ${t(`dunning.record.outcomes.${action.outcome}`, { defaultValue: action.outcome })}`
        : kind;
  }
}

function ActionRow({ action }: { action: Action }) {
  const { t } = useTranslation();
  const format = useFormat();
  const Icon = ACTION_ICONS[action.kind];
  const text = useActionText(action);
  const isManual = ['call', 'email', 'letter', 'other'].includes(action.kind);
  return (
    <li
      data-testid="dunning-action"
      data-kind={action.kind}
      className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 py-2.5 text-sm sm:grid-cols-[6rem_auto_minmax(0,1fr)]"
    >
      <span className="col-span-2 text-xs text-zinc-500 tabular-nums sm:col-span-1 sm:text-sm">
        {format.date(action.actedOn)}
      </span>
      <Icon aria-hidden="true" className="mt-0.5 size-4 text-zinc-500" />
      <div className="min-w-0 space-y-0.5">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
          <span className="font-medium text-zinc-900">{text}</span>
          {isManual ? (
            <span className="inline-flex items-center gap-0.5 text-xs text-zinc-500">
              {action.countsForScenario ? (
                <>
                  <ArrowUpRight aria-hidden="true" className="size-3.5" />
                  {t('dunning.record.history.counted')}
                </>
              ) : (
                <>
                  <Ban aria-hidden="true" className="size-3.5" />
                  {t('dunning.record.history.oneOff')}
                </>
              )}
            </span>
          ) : null}
          {action.userName ? <span className="text-xs text-zinc-500">{action.userName}</span> : null}
        </p>
        {action.comment ? <p className="break-words text-zinc-700">{action.comment}</p> : null}
        {action.pieces.length > 0 ? (
          <p>
            <PieceList pieces={action.pieces} max={4} />
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** The customer's last actions, newest first: calls, emails, STOP, disputes, levels, promises. */
export function DunningHistory({ actions }: { actions: CustomerDunning['actions'] }) {
  const { t } = useTranslation();
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        {t('dunning.record.history.title')}
      </h3>
      {actions.length === 0 ? (
        <p className="text-sm text-zinc-500">{t('dunning.record.history.empty')}</p>
      ) : (
        <ul className="divide-y divide-zinc-100" data-count={actions.length}>
          {actions.slice(0, 20).map((action) => (
            <ActionRow key={action.id} action={action} />
          ))}
        </ul>
      )}
    </div>
  );
}
