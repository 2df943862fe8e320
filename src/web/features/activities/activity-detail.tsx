import { ArrowLeft, FileText, Paperclip } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityDetail } from '../../../contracts/activities';
import { apiUrl } from '../../api/client';
import { useFormat } from '../../lib/format';
import { Link } from '../../router/router';
import { Amount } from '../../ui/amount';
import { Button, buttonClasses, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { ErrorNotice, Spinner } from '../../ui/feedback';
import { PillToggle } from '../../ui/pill-toggle';
import { ActivityStatusBadge, ChannelIcon, channelKey, useActorLabel } from './activity-labels';
import { useActivity } from './use-activities';

/**
 * The email's HTML part, isolated: no script runs in it (no `allow-scripts`), nothing in it can
 * navigate the app, and the page's content security policy keeps remote images out. Same origin
 * only so the frame can be sized to the message, without an inner scroll bar.
 */
function EmailFrame({ html, title }: { html: string; title: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<number | null>(null);
  const measure = useCallback(() => {
    const doc = ref.current?.contentDocument;
    if (!doc?.body) return;
    // The body's bottom, not the document's height, which is never less than the frame's.
    const bottom = doc.body.getBoundingClientRect().bottom;
    const margin = Number.parseFloat(doc.defaultView?.getComputedStyle(doc.body).marginBottom ?? '0') || 0;
    setHeight(Math.min(Math.max(Math.ceil(bottom + margin), 120), 4000) + 2);
  }, []);
  // A narrower frame wraps the text on more lines: measure again when its width changes.
  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    return () => observer.disconnect();
  }, [measure]);
  return (
    <iframe
      ref={ref}
      title={title}
      sandbox="allow-same-origin"
      srcDoc={html}
      data-testid="activity-email-html"
      onLoad={measure}
      style={height === null ? undefined : { height }}
      className="h-96 w-full rounded-md bg-white ring-1 ring-zinc-200"
    />
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-zinc-500">{label}</dt>
      <dd className="min-w-0 break-words text-zinc-900">{children}</dd>
    </>
  );
}

function Content({ activity }: { activity: ActivityDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const actor = useActorLabel();
  const [view, setView] = useState<'html' | 'text'>('html');
  const email = activity.email;
  const showHtml = view === 'html' && email?.html;
  return (
    <>
      <header className="space-y-3 border-b border-zinc-100 p-4">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h2
            id="activity-title"
            className="flex min-w-0 items-center gap-2 text-base font-semibold break-words text-zinc-900"
          >
            <ChannelIcon channel={activity.channel} className="size-4 shrink-0 text-zinc-500" />
            {email?.subject ?? activity.subject ?? t(`activities.channel.${channelKey(activity.channel)}`)}
          </h2>
          <ActivityStatusBadge status={activity.status} />
        </div>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
          <Row label={t('activities.columns.customer')}>
            {activity.customerId ? (
              <Link
                to={`/customers/${activity.customerId}`}
                className={cx('font-medium text-indigo-700 hover:text-indigo-900', focusRing)}
              >
                {activity.customerName ?? activity.customerAccount}
              </Link>
            ) : (
              (activity.customerName ?? activity.customerAccount)
            )}{' '}
            <span className="text-zinc-500">
              · {activity.customerAccount} · {activity.companyCode}
            </span>
          </Row>
          <Row label={t('activities.columns.actor')}>{actor(activity)}</Row>
          <Row label={t('activities.columns.date')}>{format.dateTime(activity.at)}</Row>
          {activity.level ? (
            <Row label={t('activities.level')}>
              {t(`dunning.levels.${activity.level}`, { defaultValue: activity.level })}
            </Row>
          ) : null}
          {email ? (
            <>
              {email.fromName ? <Row label={t('activities.email.from')}>{email.fromName}</Row> : null}
              <Row label={t('activities.email.to')}>{email.to || '—'}</Row>
              {email.cc ? <Row label={t('activities.email.cc')}>{email.cc}</Row> : null}
              {email.replyTo ? <Row label={t('activities.email.replyTo')}>{email.replyTo}</Row> : null}
            </>
          ) : null}
          {activity.total !== null && activity.currency ? (
            <Row label={t('activities.total')}>
              <Amount cents={activity.total} currency={activity.currency} />
            </Row>
          ) : null}
          {activity.outcome ? <Row label={t('activities.outcome')}>{activity.outcome}</Row> : null}
          {activity.comment ? <Row label={t('activities.comment')}>{activity.comment}</Row> : null}
        </dl>
        {activity.error || email?.transportReply ? (
          activity.status === 'failed' || activity.status === 'bounced' || activity.status === 'deferred' ? (
            <p
              className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
              role="status"
            >
              {t('activities.serverReply', { reply: activity.error ?? email?.transportReply })}
            </p>
          ) : null
        ) : null}
        {email?.deliveryStatus === 'outbox' ? (
          <p
            data-testid="activity-outbox-note"
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
          >
            {t('activities.email.inOutbox')}
          </p>
        ) : null}
        {activity.hasDocument ? (
          <a
            href={apiUrl(`/api/activities/${activity.id}/document.pdf`)}
            target="_blank"
            rel="noopener"
            data-testid="activity-document"
            className={buttonClasses({ variant: 'secondary' })}
          >
            <FileText aria-hidden="true" className="size-4" />
            {t('activities.openLetter')}
          </a>
        ) : null}
      </header>
      {email && (email.text || email.html) ? (
        <div className="p-4">
          {email.html ? (
            <PillToggle
              className="mb-3"
              label={t('activities.email.view')}
              options={['html', 'text'] as const}
              value={view}
              onChange={setView}
              labelOf={(v) => t(`activities.email.views.${v}`)}
            />
          ) : null}
          {showHtml ? (
            <EmailFrame html={email.html ?? ''} title={email.subject} />
          ) : (
            <p
              data-testid="activity-email-text"
              className="text-sm leading-relaxed break-words whitespace-pre-wrap text-zinc-800"
            >
              {email.text}
            </p>
          )}
        </div>
      ) : null}
      {email && email.attachments.length > 0 ? (
        <div className="border-t border-zinc-100 p-4" data-testid="activity-attachments">
          <h3 className="mb-2 text-sm font-semibold text-zinc-900">{t('activities.email.attachments')}</h3>
          <ul className="divide-y divide-zinc-100 text-sm">
            {email.attachments.map((file) => (
              <li key={`${file.fileName}-${file.sha256}`} className="flex items-baseline gap-3 py-1.5">
                <Paperclip aria-hidden="true" className="size-3.5 shrink-0 self-center text-zinc-400" />
                <span className="min-w-0 flex-1 truncate text-zinc-900" title={file.fileName}>
                  {file.fileName}
                </span>
                <span className="shrink-0 text-xs text-zinc-500">
                  {t(`activities.email.attachmentKinds.${file.kind}`)}
                </span>
                <span className="shrink-0 text-zinc-500 tabular-nums">{format.bytes(file.sizeBytes)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {activity.items.length > 0 ? (
        <div className="border-t border-zinc-100 p-4">
          <h3 className="mb-2 text-sm font-semibold text-zinc-900">{t('activities.items')}</h3>
          <ul className="divide-y divide-zinc-100 text-sm">
            {activity.items.map((item) => (
              <li key={item.pieceRef} className="flex items-baseline justify-between gap-3 py-1.5">
                <span className="min-w-0 truncate text-zinc-900">{item.pieceRef}</span>
                <span className="shrink-0 text-zinc-500 tabular-nums">
                  {item.dueDate ? format.date(item.dueDate) : ''}
                </span>
                {item.amount !== null && activity.currency ? (
                  <Amount cents={item.amount} currency={activity.currency} className="shrink-0" />
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** One activity's archived content (DUN-14), read when it is opened. */
export function ActivityPanel({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const detail = useActivity(id);
  return (
    <article
      className="min-w-0 rounded-lg bg-white shadow-sm ring-1 ring-zinc-200"
      aria-labelledby="activity-title"
      data-testid="activity-detail"
    >
      <div className="px-4 pt-3 lg:hidden">
        <Button variant="ghost" size="sm" onClick={onBack} className="-ml-2">
          <ArrowLeft aria-hidden="true" className="size-4" />
          {t('activities.back')}
        </Button>
      </div>
      {detail.data ? (
        <Content key={detail.data.id} activity={detail.data} />
      ) : detail.isError ? (
        <div className="p-4">
          <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />
        </div>
      ) : (
        <div className="p-6">
          <Spinner />
        </div>
      )}
    </article>
  );
}
