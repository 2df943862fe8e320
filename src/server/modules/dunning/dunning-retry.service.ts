import { and, asc, eq, lte } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar';
import { reminders } from '../../db/schema';
import { MailDeliveryError } from '../../mail/mailer';
import { applyItemLevels } from './dunning.queries';
import { notifyDeliveryFailures } from './dunning-bounces.service';
import { recordDeliveryFailure, type SendDeps } from './dunning-send.service';

/**
 * Emails a server refused for now (TPL-5): each `deferred` reminder whose time has come is
 * claimed again (`deferred` → `sending`, one statement, so one instance only takes it) and the
 * same recorded message — same Message-ID — is handed to the server again. Accepted, the row is
 * `sent` and its items take their levels; refused again, it waits longer or fails for good
 * (`recordDeliveryFailure`). A crash after the claim leaves it `sending`: the next run marks it
 * failed for a person to check, never sends it twice (DUN-13).
 */

export interface RetryReport {
  sent: number;
  deferred: number;
  failed: number;
}

/** Reminders tried per call: the minute tick comes back for the rest. */
const RETRY_BATCH = 50;

/**
 * Tries again the deferred reminders due at `now`, of every organization.
 * @example await retryDeferredReminders({ database, mailer }, new Date(), '2024-04-30')
 */
export async function retryDeferredReminders(
  deps: SendDeps,
  now: Date,
  today: CalendarDate,
): Promise<RetryReport> {
  const { database, mailer } = deps;
  const report: RetryReport = { sent: 0, deferred: 0, failed: 0 };
  const due = await database.db
    .select({
      orgId: reminders.orgId,
      id: reminders.id,
      companyId: reminders.companyId,
      mailId: reminders.mailId,
      kind: reminders.kind,
      items: reminders.items,
      userId: reminders.userId,
      customerAccount: reminders.customerAccount,
      content: reminders.content,
    })
    .from(reminders)
    .where(and(eq(reminders.status, 'deferred'), lte(reminders.nextAttemptAt, now)))
    .orderBy(asc(reminders.nextAttemptAt))
    .limit(RETRY_BATCH);
  for (const row of due) {
    const rowWhere = and(eq(reminders.orgId, row.orgId), eq(reminders.id, row.id));
    const claimed = await database.db
      .update(reminders)
      .set({ status: 'sending', claimedAt: now })
      .where(and(rowWhere, eq(reminders.status, 'deferred')))
      .returning({ id: reminders.id });
    if (claimed.length === 0) continue;
    const mail = row.mailId ? await mailer.loadRecorded(row.orgId, row.mailId) : null;
    if (!mail) {
      await database.db
        .update(reminders)
        .set({ status: 'failed', error: 'the recorded email is missing' })
        .where(rowWhere);
      report.failed++;
      continue;
    }
    try {
      await mailer.deliver(mail, { willRetry: true });
    } catch (error) {
      if (!(error instanceof MailDeliveryError)) throw error;
      const outcome = await recordDeliveryFailure(
        database,
        { orgId: row.orgId, where: rowWhere },
        error,
        now,
      );
      report[outcome.status]++;
      // The last try failed: whoever sent it hears of it (TPL-5, DUN-15).
      if (outcome.status === 'failed')
        await notifyDeliveryFailures(deps, row.orgId, row.userId, [
          { account: row.customerAccount, what: row.content?.subject ?? row.kind, reason: outcome.error },
        ]);
      continue;
    }
    const levelUps = row.items.flatMap((i) =>
      i.newLevel ? [{ itemKey: i.entryKey, level: i.newLevel }] : [],
    );
    const thanked = row.kind === 'thankYou' ? row.items.map((i) => i.entryKey) : [];
    await database.transaction(async (tx) => {
      await tx.db
        .update(reminders)
        .set({ status: 'sent', sentAt: now, nextAttemptAt: null, error: null })
        .where(rowWhere);
      await applyItemLevels(tx.db, { orgId: row.orgId, companyId: row.companyId }, levelUps, thanked, today);
    });
    report.sent++;
  }
  return report;
}
