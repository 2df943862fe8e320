import { Inbox, MailOpen, SearchX, UserPlus } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIL_STATUSES, type MailSummary } from '../../../contracts/users';
import { useFormat } from '../../lib/format';
import { Link, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Button, buttonClasses, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { EmptyState, ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { Select } from '../../ui/field';
import { Pagination } from '../../ui/pagination';
import { AdminOnly } from './admin-only';
import { MailReader } from './mail-reader';
import { MailStatusBadge } from './mail-status-badge';
import {
  listQueryOf,
  OUTBOX_PAGE_SIZES,
  type OutboxQuery,
  readOutboxQuery,
  updateOutboxQuery,
} from './outbox-filters';
import { useMailMessage, useMailMessages } from './use-users';

function MessageList({ items, selectedId }: { items: MailSummary[]; selectedId: string | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="divide-y divide-zinc-100 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
      {items.map((m) => (
        <li key={m.id}>
          <button
            type="button"
            data-testid="outbox-row"
            aria-current={m.id === selectedId ? 'true' : undefined}
            onClick={() => updateOutboxQuery({ message: m.id })}
            className={cx(
              'block w-full px-4 py-3 text-left hover:bg-zinc-50',
              focusRing,
              m.id === selectedId && 'bg-indigo-50 hover:bg-indigo-50',
            )}
          >
            <span className="flex items-start justify-between gap-3">
              <span className="min-w-0 truncate text-sm font-medium text-zinc-900">{m.subject}</span>
              <MailStatusBadge status={m.status} />
            </span>
            <span className="mt-0.5 flex justify-between gap-3 text-xs text-zinc-500">
              <span className="min-w-0 truncate">
                {m.to} · {t(`outbox.kinds.${m.kind}`, { defaultValue: m.kind })}
              </span>
              <span className="shrink-0 tabular-nums">{format.dateTime(m.createdAt)}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function StatusSelect({ query }: { query: OutboxQuery }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-zinc-600">
        {t('outbox.filterLabel')}
      </label>
      <Select
        id={id}
        data-testid="outbox-status"
        className="w-40"
        value={query.status ?? ''}
        onChange={(event) =>
          updateOutboxQuery({
            status: (event.target.value || undefined) as OutboxQuery['status'],
            message: undefined,
          })
        }
      >
        <option value="">{t('outbox.allStatuses')}</option>
        {MAIL_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`outbox.status.${status}`)}
          </option>
        ))}
      </Select>
    </div>
  );
}

function Reader({ id }: { id: string }) {
  const { t } = useTranslation();
  const message = useMailMessage(id);
  const back = () => updateOutboxQuery({ message: undefined });
  if (message.isError) {
    return (
      <div className="space-y-3">
        <ErrorNotice error={message.error} onRetry={() => void message.refetch()} />
        <Button variant="secondary" onClick={back}>
          {t('outbox.back')}
        </Button>
      </div>
    );
  }
  if (!message.data) return <PageLoading />;
  return <MailReader message={message.data} onBack={back} />;
}

/**
 * The emails the app wrote (invitations, password resets, later reminders). Without SMTP they
 * wait here: an admin reads one and follows or copies its link.
 */
function Outbox() {
  const { t } = useTranslation();
  const query = readOutboxQuery(useSearchParams());
  const messages = useMailMessages(listQueryOf(query), true);
  const data = messages.data;
  const selected = query.message;

  return (
    <div className="mx-auto max-w-7xl space-y-5">
      <PageHeader
        title={t('outbox.title')}
        description={
          data ? t(data.isSmtp ? 'outbox.subtitleSmtp' : 'outbox.subtitleOutbox') : t('outbox.subtitle')
        }
        actions={
          <Link to="/settings/users" className={buttonClasses({ variant: 'ghost' })}>
            {t('outbox.usersLink')}
          </Link>
        }
      />
      {messages.isError && !data ? (
        <ErrorNotice error={messages.error} onRetry={() => void messages.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : data.total === 0 && !query.status ? (
        <EmptyState
          icon={<Inbox className="size-8" />}
          title={t('outbox.emptyTitle')}
          description={t('outbox.emptyText')}
          action={
            <Link to="/settings/users" className={buttonClasses()}>
              <UserPlus aria-hidden="true" className="size-4" />
              {t('outbox.emptyAction')}
            </Link>
          }
        />
      ) : (
        <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <section
            className={cx('min-w-0 space-y-3', selected && 'hidden lg:block')}
            aria-label={t('outbox.listLabel')}
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <StatusSelect query={query} />
              {messages.isFetching ? <Spinner /> : null}
            </div>
            {data.items.length === 0 ? (
              <EmptyState
                icon={<SearchX className="size-8" />}
                title={t('outbox.noMatchTitle')}
                action={
                  <Button variant="secondary" onClick={() => updateOutboxQuery({ status: undefined })}>
                    {t('outbox.allStatuses')}
                  </Button>
                }
              />
            ) : (
              <MessageList items={data.items} selectedId={selected} />
            )}
            {data.total > 0 ? (
              <Pagination
                page={query.page}
                pageSize={query.pageSize}
                total={data.total}
                pageSizes={OUTBOX_PAGE_SIZES}
                onPage={(page) => updateOutboxQuery({ page })}
                onPageSize={(pageSize) => updateOutboxQuery({ pageSize })}
              />
            ) : null}
          </section>
          <section
            className={cx('min-w-0', !selected && 'hidden lg:block')}
            aria-label={t('outbox.readerLabel')}
          >
            {selected ? (
              <Reader id={selected} />
            ) : (
              <div className="flex flex-col items-center rounded-lg border border-dashed border-zinc-300 px-6 py-16 text-center text-sm text-zinc-500">
                <MailOpen aria-hidden="true" className="mb-2 size-8 text-zinc-400" />
                {t('outbox.pick')}
              </div>
            )}
          </section>
        </div>
      )}
    </div>
  );
}

export default function OutboxPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('outbox.title'));
  return (
    <AdminOnly>
      <Outbox />
    </AdminOnly>
  );
}
