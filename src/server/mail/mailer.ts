import type { Clock, Config } from '../config';
import type { Database, Db } from '../db/client';
import { insertMailMessage, setMailOutcome } from './mail-messages.queries';
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

/** The SMTP server refused the message or could not be reached; the row is `failed` with `reply`. */
export class MailDeliveryError extends Error {
  constructor(
    readonly mailId: string,
    readonly reply: string,
  ) {
    super(`the email could not be sent: ${reply}`);
    this.name = 'MailDeliveryError';
  }
}

/**
 * Every email the app writes goes through here and is recorded in `mail_messages`. With SMTP
 * configured it is sent at once (`sending` → `sent` / `failed`); without, it stays in the
 * outbox that admins read in the web app.
 * @example
 * await mailer.send({ orgId, kind: 'invitation', to: 'ana@example.com', subject: 'Welcome', text });
 */
export class Mailer {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly transport: MailTransport | null,
  ) {}

  /** Whether messages leave by SMTP (else they stay in the outbox). */
  get isSmtp(): boolean {
    return this.transport !== null;
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
    const row = await insertMailMessage(db, {
      orgId: input.orgId,
      kind: input.kind,
      toAddress: input.to,
      ccAddresses: input.cc && input.cc.length > 0 ? input.cc.join(', ') : null,
      fromName: input.sender?.name ?? null,
      replyTo: input.sender?.replyTo ?? null,
      messageId: input.messageId ?? null,
      subject: input.subject,
      textBody: input.text,
      htmlBody: input.html ?? null,
      status: this.transport ? 'sending' : 'outbox',
      createdAt: this.clock.now(),
    });
    return { id: row.id, orgId: row.orgId, status: this.transport ? 'sending' : 'outbox', input };
  }

  /** Hands a recorded message to the SMTP server and records the outcome. */
  async deliver(mail: RecordedMail): Promise<MailOutcome> {
    if (mail.status === 'outbox' || !this.transport)
      return { id: mail.id, status: 'outbox', messageId: null };
    const key = { orgId: mail.orgId, id: mail.id };
    let messageId: string;
    try {
      ({ messageId } = await this.transport.deliver({
        to: mail.input.to,
        cc: mail.input.cc ?? [],
        sender: mail.input.sender ?? null,
        messageId: mail.input.messageId ?? null,
        subject: mail.input.subject,
        text: mail.input.text,
        html: mail.input.html ?? null,
      }));
    } catch (error) {
      const reply = describeTransportError(error);
      await setMailOutcome(this.database.db, key, { status: 'failed', sentAt: null, transportReply: reply });
      throw new MailDeliveryError(mail.id, reply);
    }
    await setMailOutcome(this.database.db, key, {
      status: 'sent',
      sentAt: this.clock.now(),
      transportReply: messageId,
    });
    return { id: mail.id, status: 'sent', messageId };
  }

  close(): void {
    this.transport?.close();
  }
}

/** The mailer of the configuration: SMTP when `ENCOURS_SMTP_URL` is set, else the outbox. */
export function createMailer(database: Database, clock: Clock, config: Pick<Config, 'smtp'>): Mailer {
  return new Mailer(database, clock, config.smtp ? createSmtpTransport(config.smtp) : null);
}
