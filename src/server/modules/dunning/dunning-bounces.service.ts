import { and, eq, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../db/client';
import { mailMessages, reminders } from '../../db/schema';
import { type DeliveryReport, parseDeliveryReport } from '../../mail/delivery-reports';
import type { Mailer } from '../../mail/mailer';

/**
 * Bounces (TPL-5, DUN-15): a delivery status notification about a reminder the server had
 * accepted marks it `bounced` — the reminder and its email — with the remote server's words,
 * once; the user who sent it (or, for the automatic sending, the organization's admins) gets an
 * email saying so. The report is matched by the Message-ID the reminder recorded before it
 * was sent (DUN-13), so it needs no account: an unknown Message-ID changes nothing.
 */

export interface BounceOutcome {
  status: 'bounced' | 'alreadyBounced' | 'nothingFailed' | 'unknownMessage';
  /** Who was told, by email address. */
  notified: string[];
}

interface ReminderRow {
  org_id: string;
  id: string;
  mail_id: string | null;
  status: string;
  customer_account: string;
  user_id: string | null;
  subject: string | null;
}

/**
 * Reads a delivery status notification and records what it says.
 * @example await ingestDeliveryReport({ database, mailer }, rawBytes)
 */
export async function ingestDeliveryReport(
  deps: { database: Database; mailer: Mailer },
  raw: Buffer | string,
): Promise<BounceOutcome> {
  return recordBounce(deps, await parseDeliveryReport(raw));
}

export async function recordBounce(
  deps: { database: Database; mailer: Mailer },
  report: DeliveryReport,
): Promise<BounceOutcome> {
  const failed = report.recipients.filter((r) => r.action === 'failed');
  if (failed.length === 0) return { status: 'nothingFailed', notified: [] };
  if (!report.originalMessageId) return { status: 'unknownMessage', notified: [] };
  const [reminder] = await selectRows<ReminderRow>(
    deps.database.db,
    sql`select org_id, id, mail_id, status, customer_account, user_id, content->>'subject' as subject
      from reminders where message_id = ${report.originalMessageId}`,
  );
  if (!reminder) return { status: 'unknownMessage', notified: [] };
  const reason = failed
    .map((r) => `${r.recipient}: ${r.status}${r.diagnostic ? ` ${r.diagnostic}` : ''}`)
    .join('; ');
  const marked = await deps.database.transaction(async (tx) => {
    const rows = await tx.db
      .update(reminders)
      .set({ status: 'bounced', error: reason })
      .where(
        and(
          eq(reminders.orgId, reminder.org_id),
          eq(reminders.id, reminder.id),
          eq(reminders.status, 'sent'),
        ),
      )
      .returning({ id: reminders.id });
    if (rows.length === 0) return false;
    if (reminder.mail_id)
      await tx.db
        .update(mailMessages)
        .set({ status: 'bounced', transportReply: reason })
        .where(and(eq(mailMessages.orgId, reminder.org_id), eq(mailMessages.id, reminder.mail_id)));
    return true;
  });
  if (!marked) return { status: 'alreadyBounced', notified: [] };
  const notified = await notifySender(deps, reminder, reason);
  return { status: 'bounced', notified };
}

const NOTICE = {
  fr: {
    subject: (account: string) => `Relance non distribuée : client ${account}`,
    text: (name: string, account: string, subject: string, reason: string) =>
      `Bonjour ${name},\n\nLa relance « ${subject} » envoyée au client ${account} n’a pas pu être remise à son destinataire.\n\nRéponse du serveur de messagerie : ${reason}\n\nVérifiez l’adresse e-mail du client sur sa fiche, puis relancez-le.\n`,
  },
  en: {
    subject: (account: string) => `Reminder not delivered: customer ${account}`,
    text: (name: string, account: string, subject: string, reason: string) =>
      `Hello ${name},\n\nThe reminder "${subject}" sent to customer ${account} could not be delivered.\n\nThe mail server said: ${reason}\n\nCheck the customer's email address on their record, then remind them again.\n`,
  },
};

/** Tells the user who sent the reminder, or every admin for the automatic sending. */
async function notifySender(
  deps: { database: Database; mailer: Mailer },
  reminder: ReminderRow,
  reason: string,
): Promise<string[]> {
  const people = await selectRows<{ email: string; name: string; locale: string }>(
    deps.database.db,
    reminder.user_id
      ? sql`select email, name, locale from users
          where org_id = ${reminder.org_id} and id = ${reminder.user_id} and disabled_at is null`
      : sql`select email, name, locale from users
          where org_id = ${reminder.org_id} and role = 'admin' and disabled_at is null and password_hash is not null
          order by email`,
  );
  for (const person of people) {
    const words = person.locale === 'en' ? NOTICE.en : NOTICE.fr;
    // A notice that cannot go either stays recorded in the outbox log; the bounce is kept anyway.
    await deps.mailer
      .send({
        orgId: reminder.org_id,
        kind: 'delivery_failure',
        to: person.email,
        subject: words.subject(reminder.customer_account),
        text: words.text(person.name, reminder.customer_account, reminder.subject ?? '', reason),
      })
      .catch(() => undefined);
  }
  return people.map((p) => p.email);
}
