import type { Clock, Config } from '../config';
import type { Database, Db } from '../db/client';
import { insertMailAttachments, loadMailAttachments, type MailAttachment } from './mail-attachments.queries';
import { getMailMessage, insertMailMessage, setMailOutcome } from './mail-messages.queries';
import { type OrgRoute, OrgTransports } from './org-transports';
import { createSecretBox, lazySecretBox, loadSecretKey } from './secret-box';
import { createSmtpTransport, describeTransportError, type MailTransport } from './smtp-transport';

/** What a feature asks the mailer to send. `kind` names its purpose: `invitation`, `password_reset`… */
export interface MailInput {
  orgId: string;
  kind: string;
  to: string;
  cc?: readonly string[];
  /**
   * The person the message goes for (DUN-11: the user who writes it): their name before the
   * configured sender address, and their address as Reply-To, so answers reach them. The From
   * address stays the organization's: a server sending in a user's own domain would fail SPF.
   */
  sender?: { name: string; replyTo: string } | null;
  /** `<id@host>`, when the caller records it before the delivery (reminders, DUN-13). */
  messageId?: string | null;
  subject: string;
  text: string;
  html?: string | null;
  /** Files sent with it (DUN-11: the caller keeps to 15 files, 15 MB), recorded with the message. */
  attachments?: readonly MailAttachment[];
}

/** A message written to `mail_messages`, not yet handed to a server. */
export interface RecordedMail {
  id: string;
  orgId: string;
  status: 'outbox' | 'sending';
  input: MailInput;
}

/** Where a message ended: kept in the outbox (no SMTP), or accepted by the SMTP server. */
export interface MailOutcome {
  id: string;
  status: 'outbox' | 'sent';
  messageId: string | null;
}

/**
 * The SMTP server refused the message or could not be reached. `isTemporary`: it surely did not
 * take the message and may later (a 4xx reply, or no connection before the message went) — the
 * row is `deferred` and the message may go again; otherwise the row is `failed` with `reply`.
 */
export class MailDeliveryError extends Error {
  constructor(
    readonly mailId: string,
    readonly reply: string,
    readonly isTemporary = false,
  ) {
    super(`the email could not be sent: ${reply}`);
    this.name = 'MailDeliveryError';
  }
}

/** The SMTP steps before the message itself is sent: a failure there never delivered it. */
const BEFORE_DATA = new Set([
  'CONN',
  'EHLO',
  'HELO',
  'LHLO',
  'STARTTLS',
  'AUTH',
  'AUTH PLAIN',
  'AUTH LOGIN',
  'MAIL FROM',
  'RCPT TO',
]);

/**
 * Whether a failed delivery may be tried again without any risk of a second message (DUN-13):
 * a 4xx reply says the server keeps nothing and asks to come back; a failure with no reply
 * counts only when nodemailer says it happened before DATA (the connection, the greeting,
 * the login, the envelope). A broken connection during or after DATA may have delivered the
 * message: it is a failure for a person to check, never a retry.
 */
export function isTemporaryFailure(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { responseCode, command } = error as { responseCode?: unknown; command?: unknown };
  if (typeof responseCode === 'number') return responseCode >= 400 && responseCode < 500;
  return typeof command === 'string' && BEFORE_DATA.has(command.toUpperCase());
}

/**
 * Every email the app writes goes through here and is recorded in `mail_messages`. It leaves by
 * the organization's own mail server when it set one (TPL-5), else by the server's
 * (`ENCOURS_SMTP_URL`), at once (`sending` → `sent` / `failed`); with neither, it stays in the
 * outbox that admins read in the web app.
 * @example
 * await mailer.send({ orgId, kind: 'invitation', to: 'ana@example.com', subject: 'Welcome', text });
 */
export class Mailer {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly transport: MailTransport | null,
    /** The organizations' own servers; absent: the server's transport for all. */
    private readonly orgTransports: OrgTransports | null = null,
  ) {}

  /** The organization's own route, if it has one. */
  private routeFor(db: Db, orgId: string): Promise<OrgRoute | null> {
    return this.orgTransports ? this.orgTransports.forOrg(db, orgId) : Promise.resolve(null);
  }

  /** Whether the organization's messages leave by SMTP (else they stay in the outbox). */
  async isSmtpFor(orgId: string): Promise<boolean> {
    return this.transport !== null || (await this.routeFor(this.database.db, orgId)) !== null;
  }

  /** The organizations' own servers, for the settings that change them. */
  get organizationServers(): OrgTransports | null {
    return this.orgTransports;
  }

  /** Records and delivers; throws {@link MailDeliveryError} when the server refuses it. */
  async send(input: MailInput): Promise<MailOutcome> {
    return this.deliver(await this.record(input));
  }

  /**
   * Writes the message without sending it, so a feature can record it in the transaction of the
   * change that causes it and {@link deliver} it once that transaction is committed.
   */
  async record(input: MailInput, db: Db = this.database.db): Promise<RecordedMail> {
    const route = await this.routeFor(db, input.orgId);
    const status = route || this.transport ? 'sending' : 'outbox';
    const sender = withReplyPolicy(input.sender ?? null, route);
    const row = await insertMailMessage(db, {
      orgId: input.orgId,
      kind: input.kind,
      toAddress: input.to,
      ccAddresses: input.cc && input.cc.length > 0 ? input.cc.join(', ') : null,
      fromName: sender?.name ?? null,
      replyTo: sender?.replyTo ?? null,
      messageId: input.messageId ?? null,
      subject: input.subject,
      textBody: input.text,
      htmlBody: input.html ?? null,
      status,
      createdAt: this.clock.now(),
    });
    await insertMailAttachments(db, { orgId: row.orgId, mailId: row.id }, input.attachments ?? []);
    return { id: row.id, orgId: row.orgId, status, input: { ...input, sender } };
  }

  /**
   * Hands a recorded message to the SMTP server and records the outcome. With `willRetry`, the
   * caller tries a temporary failure again later (reminders): the row is `deferred`, not `failed`.
   */
  async deliver(mail: RecordedMail, options: { willRetry?: boolean } = {}): Promise<MailOutcome> {
    if (mail.status === 'outbox') return { id: mail.id, status: 'outbox', messageId: null };
    const key = { orgId: mail.orgId, id: mail.id };
    let messageId: string;
    try {
      const transport = (await this.routeFor(this.database.db, mail.orgId))?.transport ?? this.transport;
      if (!transport) throw new Error('no mail server is configured any more');
      ({ messageId } = await transport.deliver({
        to: mail.input.to,
        cc: mail.input.cc ?? [],
        sender: mail.input.sender ?? null,
        messageId: mail.input.messageId ?? null,
        subject: mail.input.subject,
        text: mail.input.text,
        html: mail.input.html ?? null,
        attachments: (mail.input.attachments ?? []).map((a) => ({
          filename: a.fileName,
          content: a.content,
          contentType: a.contentType,
        })),
      }));
    } catch (error) {
      const reply = describeTransportError(error);
      const isTemporary = isTemporaryFailure(error);
      await setMailOutcome(this.database.db, key, {
        status: isTemporary && options.willRetry ? 'deferred' : 'failed',
        sentAt: null,
        transportReply: reply,
      });
      throw new MailDeliveryError(mail.id, reply, isTemporary);
    }
    await setMailOutcome(this.database.db, key, {
      status: 'sent',
      sentAt: this.clock.now(),
      transportReply: messageId,
    });
    return { id: mail.id, status: 'sent', messageId };
  }

  /**
   * A recorded message as it was written, to deliver it again after a temporary failure — the
   * same Message-ID, recipients and text (DUN-13); `null` when it is not there.
   */
  async loadRecorded(orgId: string, id: string): Promise<RecordedMail | null> {
    const row = await getMailMessage(this.database.db, orgId, id);
    if (!row) return null;
    const attachments = await loadMailAttachments(this.database.db, { orgId, mailId: id });
    return {
      id: row.id,
      orgId: row.orgId,
      status: 'sending',
      input: {
        orgId: row.orgId,
        kind: row.kind,
        to: row.toAddress,
        cc: row.ccAddresses ? row.ccAddresses.split(', ') : [],
        sender:
          row.fromName !== null || row.replyTo !== null
            ? { name: row.fromName ?? '', replyTo: row.replyTo ?? '' }
            : null,
        messageId: row.messageId,
        subject: row.subject,
        text: row.textBody,
        html: row.htmlBody,
        attachments,
      },
    };
  }

  close(): void {
    this.transport?.close();
    this.orgTransports?.close();
  }
}

/**
 * The sender as the organization's settings want it: in `company` mode answers go to the
 * company's address even for a message a user sends; a message sent for nobody gets the company's
 * address as Reply-To when there is one.
 */
function withReplyPolicy(
  sender: MailInput['sender'] | null,
  route: OrgRoute | null,
): MailInput['sender'] | null {
  const company = route?.replyToAddress ?? null;
  if (!company) return sender;
  if (!sender) return { name: '', replyTo: company };
  return route?.replyToMode === 'company' ? { ...sender, replyTo: company } : sender;
}

/**
 * The mailer of the configuration: each organization's own server when it set one, else SMTP when
 * `ENCOURS_SMTP_URL` is set, else the outbox.
 */
export function createMailer(
  database: Database,
  clock: Clock,
  config: Pick<Config, 'smtp'> & Partial<Pick<Config, 'secretKey' | 'dataDir'>>,
): Mailer {
  // Without a key nor a data folder (a script's own mailer) no organization's secret can be read.
  const canOpenSecrets = config.secretKey !== undefined || config.dataDir !== undefined;
  return new Mailer(
    database,
    clock,
    config.smtp ? createSmtpTransport(config.smtp) : null,
    canOpenSecrets
      ? new OrgTransports(
          lazySecretBox(() =>
            createSecretBox(loadSecretKey({ secretKey: config.secretKey, dataDir: config.dataDir ?? '.' })),
          ),
        )
      : null,
  );
}
