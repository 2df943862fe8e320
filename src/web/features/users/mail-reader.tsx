import { ArrowLeft, ExternalLink } from 'lucide-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailMessageDto } from '../../../contracts/users';
import { useFormat } from '../../lib/format';
import { Button, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { PillToggle } from '../../ui/pill-toggle';
import { MailStatusBadge } from './mail-status-badge';

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** The plain-text body with its addresses as links, so a demo admin can follow an invitation. */
function LinkedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never move
            key={index}
            href={part}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="outbox-link"
            className={cx('break-all font-medium text-indigo-700 underline underline-offset-2', focusRing)}
          >
            {part}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never move
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** The HTML part, isolated: no script, no access to the app; links open in a new tab. */
function HtmlPreview({ html, title }: { html: string; title: string }) {
  const document = html.includes('<head>')
    ? html.replace('<head>', '<head><base target="_blank">')
    : `<base target="_blank">${html}`;
  return (
    <iframe
      title={title}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      srcDoc={document}
      className="h-[32rem] w-full rounded-md bg-white ring-1 ring-zinc-200"
    />
  );
}

/** One email: who, when, what became of it, and both bodies. */
export function MailReader({ message, onBack }: { message: MailMessageDto; onBack: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [view, setView] = useState<'text' | 'html'>('text');
  return (
    <article
      className="min-w-0 rounded-lg bg-white shadow-sm ring-1 ring-zinc-200"
      aria-labelledby="mail-subject"
      data-testid="outbox-message"
    >
      <header className="space-y-2 border-b border-zinc-100 p-4">
        <Button variant="ghost" size="sm" onClick={onBack} className="-ml-2 lg:hidden">
          <ArrowLeft aria-hidden="true" className="size-4" />
          {t('outbox.back')}
        </Button>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h2 id="mail-subject" className="min-w-0 text-base font-semibold break-words text-zinc-900">
            {message.subject}
          </h2>
          <MailStatusBadge status={message.status} />
        </div>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
          <dt className="text-zinc-500">{t('outbox.to')}</dt>
          <dd className="truncate text-zinc-900">{message.to}</dd>
          <dt className="text-zinc-500">{t('outbox.written')}</dt>
          <dd className="text-zinc-900">{format.dateTime(message.createdAt)}</dd>
          <dt className="text-zinc-500">{t('outbox.kind')}</dt>
          <dd className="text-zinc-900">
            {t(`outbox.kinds.${message.kind}`, { defaultValue: message.kind })}
          </dd>
          {message.sentAt ? (
            <>
              <dt className="text-zinc-500">{t('outbox.sentAt')}</dt>
              <dd className="text-zinc-900">{format.dateTime(message.sentAt)}</dd>
            </>
          ) : null}
        </dl>
        {message.status === 'failed' && message.transportReply ? (
          <p
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
            role="status"
          >
            {t('outbox.failedReply', { reply: message.transportReply })}
          </p>
        ) : null}
      </header>
      {message.html ? (
        <PillToggle
          className="px-4 pt-3"
          label={t('outbox.viewLabel')}
          options={['text', 'html'] as const}
          value={view}
          onChange={setView}
          labelOf={(v) => t(`outbox.views.${v}`)}
        />
      ) : null}
      <div className="p-4">
        {view === 'html' && message.html ? (
          <HtmlPreview html={message.html} title={message.subject} />
        ) : (
          <p className="text-sm leading-relaxed break-words whitespace-pre-wrap text-zinc-800">
            <LinkedText text={message.text} />
          </p>
        )}
        <p className="mt-4 flex items-center gap-1.5 text-xs text-zinc-500">
          <ExternalLink aria-hidden="true" className="size-3.5" />
          {t('outbox.linkHint')}
        </p>
      </div>
    </article>
  );
}
