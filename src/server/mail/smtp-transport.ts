import nodemailer from 'nodemailer';
import type { Config } from '../config';

/** One email as it goes out. */
export interface OutgoingMail {
  to: string;
  cc?: readonly string[];
  /** Sent for a person: their name on the From line, their address as Reply-To. */
  sender?: { name: string; replyTo: string } | null;
  /** `<id@host>`: chosen by the caller so it is recorded before the server sees the message. */
  messageId?: string | null;
  subject: string;
  text: string;
  html: string | null;
  attachments?: readonly { filename: string; content: Buffer; contentType: string }[];
}

/** Hands a message to a mail server; rejects with the server's reply when it is refused. */
export interface MailTransport {
  deliver(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * A nodemailer SMTP transport from `ENCOURS_SMTP_URL` and `ENCOURS_MAIL_FROM`. Options in the
 * URL's query string (`?tls.rejectUnauthorized=false`, `?connectionTimeout=5000`) override the
 * defaults below, which keep a request from hanging on a mail server that does not answer.
 * @example createSmtpTransport({ url: 'smtp://user:pass@mail.example.com:587', from: 'Encours <ar@example.com>' })
 */
export function createSmtpTransport(smtp: NonNullable<Config['smtp']>): MailTransport {
  // A pool keeps connections open between messages: a night of reminders would otherwise pay a
  // connection, a greeting and a login for each one (about 100 ms before the first byte).
  const transporter = nodemailer.createTransport(
    {
      url: smtp.url,
      pool: true,
      maxConnections: 3,
      maxMessages: 500,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    },
    { from: smtp.from },
  );
  const fromAddress = addressOf(smtp.from);
  return {
    async deliver(mail) {
      const info = await transporter.sendMail({
        ...(mail.sender?.name ? { from: { name: mail.sender.name, address: fromAddress } } : {}),
        ...(mail.sender?.replyTo ? { replyTo: mail.sender.replyTo } : {}),
        to: mail.to,
        ...(mail.cc && mail.cc.length > 0 ? { cc: [...mail.cc] } : {}),
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        ...(mail.attachments && mail.attachments.length > 0 ? { attachments: [...mail.attachments] } : {}),
      });
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

/** The address of a From setting: `Name <ar@example.com>` or `ar@example.com`. */
export function addressOf(from: string): string {
  const angle = /<([^>]+)>\s*$/.exec(from);
  return (angle ? angle[1]! : from).trim();
}

/** The SMTP server's reply in a refusal ("550 5.1.1 mailbox unavailable"), else the error's message. */
export function describeTransportError(error: unknown): string {
  if (error && typeof error === 'object') {
    const { response, message } = error as { response?: unknown; message?: unknown };
    if (typeof response === 'string' && response.trim()) return response.trim();
    if (typeof message === 'string' && message) return message;
  }
  return String(error);
}
