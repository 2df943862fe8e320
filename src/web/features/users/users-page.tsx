import { Inbox, SearchX, UserPlus, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvitationResult, UserRow } from '../../../contracts/users';
import { useCurrentUser } from '../../api/auth';
import { useFormat } from '../../lib/format';
import { Link, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Button, buttonClasses, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { EmptyState, ErrorNotice, PageLoading } from '../../ui/feedback';
import { describeAccountError } from './account-errors';
import { AdminOnly } from './admin-only';
import { InviteForm } from './invite-form';
import { MailOutcomeNotice } from './mail-outcome-notice';
import { Notice } from './notice';
import { usePortfolioOptions, useResendInvitation, useSetUserDisabled, useUsers } from './use-users';
import { UserEditDialog } from './user-edit-dialog';
import { readUsersQuery, USER_FILTERS, type UserFilter, updateUsersQuery } from './users-filters';
import { UsersList } from './users-list';

function StatusFilter({ value, counts }: { value: UserFilter; counts: Record<UserFilter, number> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <fieldset className="inline-flex max-w-full flex-wrap gap-1 rounded-md bg-zinc-100 p-0.5">
      <legend className="sr-only">{t('users.filterLabel')}</legend>
      {USER_FILTERS.map((filter) => (
        <button
          key={filter}
          type="button"
          aria-pressed={value === filter}
          onClick={() => updateUsersQuery({ status: filter })}
          className={cx(
            'rounded px-2.5 py-1 text-xs font-medium transition-colors',
            focusRing,
            value === filter ? 'bg-white text-zinc-900 shadow-sm' : 'text-zinc-600 hover:text-zinc-900',
          )}
        >
          {t(`users.filters.${filter}`)}{' '}
          <span className="tabular-nums text-zinc-500">{format.integer(counts[filter])}</span>
        </button>
      ))}
    </fieldset>
  );
}

/** COL-5 / ACC-1: the organization's users, invitations, roles and portfolios (admins only). */
function UsersAdmin() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const query = readUsersQuery(useSearchParams());
  const users = useUsers(true);
  const [isInviting, setIsInviting] = useState(false);
  const options = usePortfolioOptions(true);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [outcome, setOutcome] = useState<InvitationResult | null>(null);
  const resend = useResendInvitation();
  const setDisabled = useSetUserDisabled();
  const actionError = resend.error ?? setDisabled.error;

  const items = users.data?.items ?? [];
  const counts = Object.fromEntries(
    USER_FILTERS.map((filter) => [
      filter,
      filter === 'all' ? items.length : items.filter((u) => u.status === filter).length,
    ]),
  ) as Record<UserFilter, number>;
  const shown = query.status === 'all' ? items : items.filter((u) => u.status === query.status);

  const actions = {
    onEdit: setEditing,
    onResend: (user: UserRow) => {
      setDisabled.reset();
      resend.mutate(user.id, { onSuccess: setOutcome });
    },
    onSetDisabled: (user: UserRow, isDisabled: boolean) => {
      if (isDisabled && !window.confirm(t('users.actions.confirmDisable', { name: user.name }))) return;
      resend.reset();
      setDisabled.mutate({ userId: user.id, isDisabled });
    },
    busyUserId: resend.isPending
      ? (resend.variables ?? null)
      : setDisabled.isPending
        ? (setDisabled.variables?.userId ?? null)
        : null,
  };

  return (
    <div className="mx-auto max-w-6xl space-y-5">
      <PageHeader
        title={t('users.title')}
        description={t('users.subtitle')}
        actions={
          <>
            <Link to="/settings/outbox" className={buttonClasses({ variant: 'ghost' })}>
              <Inbox aria-hidden="true" className="size-4" />
              {t('users.outboxLink')}
            </Link>
            {isInviting ? null : (
              <Button
                data-testid="invite-open"
                onClick={() => {
                  setOutcome(null);
                  setIsInviting(true);
                }}
              >
                <UserPlus aria-hidden="true" className="size-4" />
                {t('users.invite.open')}
              </Button>
            )}
          </>
        }
      />

      {isInviting ? (
        <InviteForm
          options={options.data}
          isLoadingOptions={options.isPending}
          onCancel={() => setIsInviting(false)}
          onInvited={(result) => {
            setOutcome(result);
            setIsInviting(false);
          }}
        />
      ) : null}
      {outcome ? <MailOutcomeNotice result={outcome} /> : null}
      {actionError ? <Notice tone="error">{describeAccountError(t, actionError)}</Notice> : null}

      {users.isError && !users.data ? (
        <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />
      ) : !users.data ? (
        <PageLoading />
      ) : items.length <= 1 && !isInviting ? (
        <>
          <UsersList users={items} selfId={me.user.id} actions={actions} />
          <EmptyState
            icon={<Users className="size-8" />}
            title={t('users.aloneTitle')}
            description={t('users.aloneText')}
            action={
              <Button onClick={() => setIsInviting(true)}>
                <UserPlus aria-hidden="true" className="size-4" />
                {t('users.invite.open')}
              </Button>
            }
          />
        </>
      ) : (
        <div className="space-y-3">
          <StatusFilter value={query.status} counts={counts} />
          {shown.length === 0 ? (
            <EmptyState
              icon={<SearchX className="size-8" />}
              title={t('users.noMatchTitle')}
              description={t('users.noMatchText')}
              action={
                <Button variant="secondary" onClick={() => updateUsersQuery({ status: 'all' })}>
                  {t('users.showAll')}
                </Button>
              }
            />
          ) : (
            <UsersList users={shown} selfId={me.user.id} actions={actions} />
          )}
        </div>
      )}

      {editing ? (
        <UserEditDialog
          user={editing}
          options={options.data}
          isLoadingOptions={options.isPending}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('users.title'));
  return (
    <AdminOnly>
      <UsersAdmin />
    </AdminOnly>
  );
}
