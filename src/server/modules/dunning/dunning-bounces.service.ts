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
  const notified = await notifyDeliveryFailures(deps, reminder.org_id, reminder.user_id, [
    { account: reminder.customer_account, what: reminder.subject ?? '', reason },
  ]);
  return { status: 'bounced', notified };
}

/** One reminder that did not reach its customer, as a notice tells it. */
export interface DeliveryFailure {
  account: string;
  /** The reminder's subject, or its step when the content is not known. */
  what: string;
  reason: string;
}

const NOTICE = {
  fr: {
    subject: (failures: readonly DeliveryFailure[]) =>
      failures.length === 1
        ? `Relance non distribuée : client ${failures[0]!.account}`
        : `${failures.length} relances non distribuées`,
    text: (name: string, failures: readonly DeliveryFailure[]) =>
      `Bonjour ${name},\n\n${failures.length === 1 ? 'Cette relance n’a pas pu être remise à son destinataire' : 'Ces relances n’ont pas pu être remises à leurs destinataires'} :\n\n${failures
        .map((f) => `- client ${f.account}, « ${f.what} » : ${f.reason}`)
        .join(
          '\n',
        )}\n\nVérifiez l’adresse e-mail sur la fiche du client, puis relancez-le (Alertes › E-mails de relance en échec).\n`,
  },
  en: {
    subject: (failures: readonly DeliveryFailure[]) =>
      failures.length === 1
        ? `Reminder not delivered: customer ${failures[0]!.account}`
        : `${failures.length} reminders not delivered`,
    text: (name: string, failures: readonly DeliveryFailure[]) =>
      `Hello ${name},\n\n${failures.length === 1 ? 'This reminder could not be delivered' : 'These reminders could not be delivered'}:\n\n${failures
        .map((f) => `- customer ${f.account}, "${f.what}": ${f.reason}`)
        .join(
          '\n',
        )}\n\nCheck the email address on the customer's record, then remind them again (Alerts › Failed reminder emails).\n`,
  },
};

/**
 * Tells the user who sent the reminders, or every admin for the automatic sending (`userId`
 * null), in one email each (TPL-5, DUN-15); returns who was told.
 */
export async function notifyDeliveryFailures(
  deps: { database: Database; mailer: Mailer },
  orgId: string,
  userId: string | null,
  failures: readonly DeliveryFailure[],
): Promise<string[]> {
  if (failures.length === 0) return [];
  const people = await selectRows<{ email: string; name: string; locale: string }>(
    deps.database.db,
    userId
      ? sql`select email, name, locale from users
          where org_id = ${orgId} and id = ${userId} and disabled_at is null`
      : sql`select email, name, locale from users
          where org_id = ${orgId} and role = 'admin' and disabled_at is null and password_hash is not null
          order by email`,
  );
  for (const person of people) {
    const words = person.locale === 'en' ? NOTICE.en : NOTICE.fr;
    // A notice that cannot go either stays recorded in the outbox log; the failure is kept anyway.
    await deps.mailer
      .send({
        orgId,
        kind: 'delivery_failure',
        to: person.email,
        subject: words.subject(failures),
        text: words.text(person.name, failures),
      })
      .catch(() => undefined);
  }
  return people.map((p) => p.email);
}
