import { Pencil, Power, PowerOff, Send } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { UserRow } from '../../../contracts/users';
import { useFormat } from '../../lib/format';
import { Button } from '../../ui/button';
import { portfolioSummary } from './portfolio-picker';
import { UserStatusBadge } from './user-status-badge';

export interface UserActions {
  onEdit: (user: UserRow) => void;
  onResend: (user: UserRow) => void;
  onSetDisabled: (user: UserRow, isDisabled: boolean) => void;
  /** The user whose action is running, to disable its buttons. */
  busyUserId: string | null;
}

const isInvitationExpired = (user: UserRow) =>
  user.status === 'invited' &&
  (user.invitationExpiresAt === null || Date.parse(user.invitationExpiresAt) <= Date.now());

function ActivityText({ user }: { user: UserRow }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (user.status === 'invited') {
    return isInvitationExpired(user)
      ? t('users.activity.invitationExpired')
      : t('users.activity.invitationUntil', { date: format.dateTime(user.invitationExpiresAt!) });
  }
  if (user.status === 'disabled' && user.disabledAt) {
    return t('users.activity.disabledOn', { date: format.dateTime(user.disabledAt) });
  }
  return user.lastSignInAt
    ? t('users.activity.lastSignIn', { date: format.dateTime(user.lastSignInAt) })
    : t('users.activity.neverSignedIn');
}

function RowActions({ user, selfId, actions }: { user: UserRow; selfId: string; actions: UserActions }) {
  const { t } = useTranslation();
  const isBusy = actions.busyUserId === user.id;
  return (
    <div className="flex flex-wrap justify-end gap-1.5">
      {user.status === 'invited' ? (
        <Button
          variant="secondary"
          size="sm"
          disabled={isBusy}
          onClick={() => actions.onResend(user)}
          data-testid="user-resend"
        >
          <Send aria-hidden="true" className="size-3.5" />
          {t('users.actions.resend')}
        </Button>
      ) : null}
      {user.status !== 'disabled' ? (
        <Button
          variant="secondary"
          size="sm"
          disabled={isBusy}
          onClick={() => actions.onEdit(user)}
          data-testid="user-edit"
        >
          <Pencil aria-hidden="true" className="size-3.5" />
          {t('users.actions.edit')}
          <span className="sr-only">{user.name}</span>
        </Button>
      ) : null}
      <Button
        variant="ghost"
        size="sm"
        disabled={isBusy}
        onClick={() => actions.onSetDisabled(user, user.status !== 'disabled')}
        data-testid={user.status === 'disabled' ? 'user-enable' : 'user-disable'}
        title={user.id === selfId ? t('users.actions.disableSelfHint') : undefined}
      >
        {user.status === 'disabled' ? (
          <Power aria-hidden="true" className="size-3.5" />
        ) : (
          <PowerOff aria-hidden="true" className="size-3.5" />
        )}
        {user.status === 'disabled' ? t('users.actions.enable') : t('users.actions.disable')}
      </Button>
    </div>
  );
}

function NameCell({ user, selfId }: { user: UserRow; selfId: string }) {
  const { t } = useTranslation();
  return (
    <div className="min-w-0">
      <p className="truncate font-medium text-zinc-900">
        {user.name}
        {user.id === selfId ? (
          <span className="ml-1.5 text-xs font-normal text-zinc-500">({t('users.you')})</span>
        ) : null}
      </p>
      <p className="truncate text-xs text-zinc-500">{user.email}</p>
    </div>
  );
}

/** The users as a table from 1024 px wide, as cards below. */
export function UsersList({
  users,
  selfId,
  actions,
}: {
  users: UserRow[];
  selfId: string;
  actions: UserActions;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="hidden overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-zinc-200 lg:block">
        <table className="w-full text-sm">
          <caption className="sr-only">{t('users.tableCaption')}</caption>
          <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500">
            <tr>
              <th scope="col" className="px-4 py-2.5 text-left font-medium">
                {t('users.columns.user')}
              </th>
              <th scope="col" className="px-3 py-2.5 text-left font-medium">
                {t('users.columns.role')}
              </th>
              <th scope="col" className="px-3 py-2.5 text-left font-medium">
                {t('users.columns.portfolio')}
              </th>
              <th scope="col" className="px-3 py-2.5 text-left font-medium">
                {t('users.columns.status')}
              </th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">
                <span className="sr-only">{t('users.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {users.map((user) => (
              <tr key={user.id} data-testid="user-row" data-email={user.email} className="align-top">
                <td className="max-w-72 px-4 py-3">
                  <NameCell user={user} selfId={selfId} />
                </td>
                <td className="px-3 py-3 whitespace-nowrap text-zinc-700">{t(`roles.${user.role}`)}</td>
                <td className="max-w-64 px-3 py-3 text-zinc-700">
                  <span className="line-clamp-2">
                    {portfolioSummary(t, user.role === 'admin' ? null : user.portfolio)}
                  </span>
                </td>
                <td className="px-3 py-3">
                  <UserStatusBadge status={user.status} isExpired={isInvitationExpired(user)} />
                  <p className="mt-1 text-xs text-zinc-500">
                    <ActivityText user={user} />
                  </p>
                </td>
                <td className="px-4 py-3">
                  <RowActions user={user} selfId={selfId} actions={actions} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="grid gap-2 md:grid-cols-2 lg:hidden">
        {users.map((user) => (
          <li
            key={user.id}
            data-testid="user-card"
            data-email={user.email}
            className="min-w-0 rounded-lg bg-white p-3.5 shadow-sm ring-1 ring-zinc-200"
          >
            <div className="flex items-start justify-between gap-3">
              <NameCell user={user} selfId={selfId} />
              <UserStatusBadge status={user.status} isExpired={isInvitationExpired(user)} />
            </div>
            <dl className="mt-3 grid grid-cols-2 gap-3 text-sm">
              <div className="min-w-0">
                <dt className="text-xs text-zinc-500">{t('users.columns.role')}</dt>
                <dd className="truncate text-zinc-800">{t(`roles.${user.role}`)}</dd>
              </div>
              <div className="min-w-0">
                <dt className="text-xs text-zinc-500">{t('users.columns.portfolio')}</dt>
                <dd className="truncate text-zinc-800">
                  {portfolioSummary(t, user.role === 'admin' ? null : user.portfolio)}
                </dd>
              </div>
            </dl>
            <p className="mt-2 text-xs text-zinc-500">
              <ActivityText user={user} />
            </p>
            <div className="mt-3 border-t border-zinc-100 pt-3">
              <RowActions user={user} selfId={selfId} actions={actions} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
