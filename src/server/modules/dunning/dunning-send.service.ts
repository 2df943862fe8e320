import { randomUUID } from 'node:crypto';
import { and, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { type CalendarDate, daysBetween } from '../../../domain/calendar';
import type { DunningTask } from '../../../domain/dunning/planner';
import type { Database } from '../../db/client';
import {
  dunningTasks,
  letterBatches,
  type ReminderContent,
  type ReminderItem,
  type ReminderStatus,
  reminderDocuments,
  reminders,
} from '../../db/schema';
import { type Letter, renderLettersPdf } from '../../documents/reminder-letters';
import { setMailOutcome } from '../../mail/mail-messages.queries';
import { MailDeliveryError, type Mailer } from '../../mail/mailer';
import { loadTemplateSet } from '../templates/template-set';
import { applyItemLevels } from './dunning.queries';
import type { DeliveryFailure } from './dunning-bounces.service';
import { type CompanyRow, type Planned, reminderRowKey } from './dunning-plan.service';
import { attachInvoiceDocuments, organizationCaller, statementAttachment } from './reminder-attachments';
import { type LetterSources, loadLetterSources, toLetter } from './reminder-letter';
import { fallbackTemplateId, renderReminderTemplate, type TemplateSet } from './reminder-templates';

/**
 * Sending reminders exactly once (DUN-13), for the nightly run and for a person's send alike
 * (docs/dunning-exactly-once.md): each reminder is a row with a unique key; a row goes
 * `planned` → `sending` in one UPDATE that only one caller can win, in the transaction that
 * records the email with the Message-ID chosen for it. Without SMTP the email goes to the
 * outbox in that same transaction, so the reminder is `sent` at once. With SMTP the message is
 * handed to the server after that commit; a crash before the row is marked `sent` leaves it
 * `sending`, which nothing ever sends again: the next run marks it `failed` with the Message-ID
 * to look for, for a person to decide. A letter is rendered, archived and marked in one
 * transaction: nothing leaves the database.
 */

/** A reminder left `sending` for longer than this was interrupted (SMTP gives up long before). */
const INTERRUPTED_AFTER_MS = 10 * 60_000;

export const RUN_REMINDER_STATUSES = [
  'wouldSend',
  'sent',
  'outbox',
  'toPrint',
  'deferred',
  'failed',
  'alreadySent',
  'takenElsewhere',
  'waiting',
] as const;
export type RunReminderStatus = (typeof RUN_REMINDER_STATUSES)[number];

/**
 * After a temporary refusal the reminder waits this long before each new try (TPL-5), then it
 * fails: about eight hours, so that a night's reminder still goes the same working day.
 */
export const RETRY_DELAYS_MINUTES = [5, 30, 120, 360] as const;

/**
 * Records a delivery that did not go: `deferred` until the next try when the refusal was
 * temporary and tries are left (the same message goes again, DUN-13), else `failed` with the
 * server's reply.
 */
export async function recordDeliveryFailure(
  database: Database,
  row: { orgId: string; where: SQL | undefined },
  error: MailDeliveryError,
  now: Date,
): Promise<{ status: 'deferred' | 'failed'; error: string }> {
  const rowWhere = row.where;
  const [current] = await database.db
    .select({ attempts: reminders.attempts })
    .from(reminders)
    .where(rowWhere);
  const attempts = (current?.attempts ?? 0) + 1;
  const delay = RETRY_DELAYS_MINUTES[attempts - 1];
  if (error.isTemporary && delay !== undefined) {
    const nextAttemptAt = new Date(now.getTime() + delay * 60_000);
    await database.db
      .update(reminders)
      .set({ status: 'deferred', attempts, nextAttemptAt, error: error.reply })
      .where(rowWhere);
    return { status: 'deferred', error: error.reply };
  }
  await database.db
    .update(reminders)
    .set({ status: 'failed', attempts, nextAttemptAt: null, error: error.reply })
    .where(rowWhere);
  // The email's row said it would be tried again: it will not.
  await setMailOutcome(
    database.db,
    { orgId: row.orgId, id: error.mailId },
    { status: 'failed', sentAt: null, transportReply: error.reply },
  );
  return { status: 'failed', error: error.reply };
}

export interface SendDeps {
  database: Database;
  mailer: Mailer;
}

/** Who sends: the nightly run ("automatic sending", DUN-12) or a user. */
export type SendActor = { kind: 'automatic' } | { kind: 'user'; userId: string };

/** The row's actor columns: whoever claims a row signs it, whoever planned it. */
const actorColumns = (actor: SendActor) => ({
  actor: actor.kind,
  userId: actor.kind === 'user' ? actor.userId : null,
});

export interface SendOutcome {
  status: RunReminderStatus;
  error?: string;
}

export interface DeliveryReport {
  /** By row key. */
  outcomes: Map<string, SendOutcome>;
  /** The PDF of the letters, one after the other, to print; `null` when there are none. */
  letterBatchId: string | null;
  /** Rows found `sending` from an earlier interrupted run and marked failed. */
  interrupted: number;
}

/**
 * Records the reminders as `planned` rows (a key already there is left as it is), then claims and
 * sends each row still `planned`, and gathers the letters into one batch PDF.
 * @example await deliverPlanned({ database, mailer }, company, planned, { today, now }, { kind: 'automatic' })
 */
export async function deliverPlanned(
  deps: SendDeps,
  company: CompanyRow,
  planned: readonly Planned[],
  when: { today: CalendarDate; now: Date },
  actor: SendActor,
  hooks: SendHooks = {},
): Promise<DeliveryReport> {
  const { database } = deps;
  const key = { orgId: company.orgId, companyId: company.id };
  const interrupted = await markInterrupted(database, key, when.now);
  await recordPlanned(database, key, company.currency, when.today, planned, actor);
  const rows = await findRowsByKey(
    database,
    key,
    planned.map((p) => p.rowKey),
  );
  const outcomes = new Map<string, SendOutcome>();
  const letters: { reminderId: string; letter: Letter }[] = [];
  const letterSources = await loadLetterSources(database.db, key, planned);
  const templates = await loadTemplateSet(database.db, company.orgId, company.id);
  for (const p of planned) {
    const row = rows.get(p.rowKey);
    if (row?.status !== 'planned') {
      outcomes.set(p.rowKey, { status: row?.status === 'sent' ? 'alreadySent' : 'takenElsewhere' });
      continue;
    }
    const target = {
      ...key,
      reminderId: row.id,
      companyName: company.name,
      currency: company.currency,
      letterSources,
      templates,
    };
    const outcome = await sendReminder(deps, target, p, when, actor, hooks);
    if (outcome.letter) letters.push({ reminderId: row.id, letter: outcome.letter });
    outcomes.set(p.rowKey, { status: outcome.status, ...(outcome.error ? { error: outcome.error } : {}) });
  }
  let letterBatchId: string | null = null;
  if (letters.length > 0) {
    const [batch] = await database.db
      .insert(letterBatches)
      .values({
        ...key,
        reminderIds: letters.map((l) => l.reminderId),
        // TPL-4: one PDF to print in duplex, each letter from an odd page.
        pdf: await renderLettersPdf(
          letters.map((l) => l.letter),
          letterSources!.letterhead,
          { duplex: true },
        ),
      })
      .returning({ id: letterBatches.id });
    letterBatchId = batch!.id;
  }
  return { outcomes, letterBatchId, interrupted };
}

/**
 * The emails the server refused for good in a delivery, as a notice to the sender lists them
 * (TPL-5, DUN-15); a deferred one is not there: the retry tells when its last try fails.
 */
export function refusedEmails(
  planned: readonly Planned[],
  outcomes: ReadonlyMap<string, SendOutcome>,
): DeliveryFailure[] {
  return planned.flatMap((p) => {
    const outcome = outcomes.get(p.rowKey);
    return outcome?.status === 'failed' && p.reminder.channel === 'email'
      ? [{ account: p.customer.key, what: p.reminder.level ?? p.reminder.kind, reason: outcome.error ?? '' }]
      : [];
  });
}

/** Where a test injects a crash: after the SMTP server accepted a message, before it is marked sent. */
export interface SendHooks {
  afterDelivery?: (reminderId: string) => Promise<void> | void;
}

/** A letter batch's PDF, `null` when the organization has no such batch. */
export async function findLetterBatchPdf(
  database: Database,
  orgId: string,
  batchId: string,
): Promise<Buffer | null> {
  const [row] = await database.db
    .select({ pdf: letterBatches.pdf })
    .from(letterBatches)
    .where(and(eq(letterBatches.orgId, orgId), eq(letterBatches.id, batchId)));
  return row?.pdf ?? null;
}

/** Rows left `sending` by a run that stopped: never sent again, failed for a person to check. */
async function markInterrupted(
  database: Database,
  key: { orgId: string; companyId: string },
  now: Date,
): Promise<number> {
  const rows = await database.db
    .update(reminders)
    .set({
      status: 'failed',
      error: sql`'interrupted while sending: the mail server may have accepted Message-ID ' || coalesce(${reminders.messageId}, '?') || '; check before sending it again'`,
    })
    .where(
      and(
        eq(reminders.orgId, key.orgId),
        eq(reminders.companyId, key.companyId),
        eq(reminders.status, 'sending'),
        lt(reminders.claimedAt, new Date(now.getTime() - INTERRUPTED_AFTER_MS)),
      ),
    )
    .returning({ id: reminders.id });
  return rows.length;
}

function reminderItems(p: Planned): ReminderItem[] {
  const newLevels = new Map(p.reminder.levelUps.map((u) => [u.itemKey, u.level]));
  return p.items.map((i) => ({
    entryKey: i.key,
    pieceRef: i.pieceRef,
    documentDate: i.documentDate,
    dueDate: i.dueDate,
    amount: i.amount,
    newLevel: newLevels.get(i.key) ?? null,
  }));
}

/** Writes a `planned` row per reminder; a key already there (sent, failed, planned) is left as it is. */
async function recordPlanned(
  database: Database,
  key: { orgId: string; companyId: string },
  currency: string,
  today: CalendarDate,
  planned: readonly Planned[],
  actor: SendActor,
): Promise<void> {
  for (let start = 0; start < planned.length; start += 500) {
    const values = planned.slice(start, start + 500).map((p) => ({
      ...key,
      key: p.rowKey,
      customerAccount: p.customer.key,
      kind: p.reminder.kind,
      stepIndex: p.reminder.stepIndex,
      level: p.reminder.level,
      channel: p.reminder.channel,
      templateId: p.reminder.templateId,
      items: reminderItems(p),
      total: p.reminder.total,
      currency,
      isDisputed: p.reminder.isDisputed,
      plannedFor: today,
      status: 'planned' as const,
      ...actorColumns(actor),
    }));
    await database.db.insert(reminders).values(values).onConflictDoNothing();
  }
}

export async function recordTasks(
  database: Database,
  key: { orgId: string; companyId: string },
  tasks: readonly DunningTask[],
): Promise<void> {
  for (let start = 0; start < tasks.length; start += 500) {
    const values = tasks.slice(start, start + 500).map((t) => ({
      ...key,
      key: reminderRowKey(t.reminderKey),
      customerAccount: t.customerKey,
      channel: t.channel,
      level: t.level,
      itemKeys: t.itemKeys,
      dueDate: t.dueDate,
    }));
    await database.db.insert(dunningTasks).values(values).onConflictDoNothing();
  }
}

export interface ReminderRowState {
  id: string;
  status: ReminderStatus;
  error: string | null;
}

/** The rows already written for these keys. */
export async function findRowsByKey(
  database: Database,
  key: { orgId: string; companyId: string },
  rowKeys: readonly string[],
): Promise<Map<string, ReminderRowState>> {
  const found = new Map<string, ReminderRowState>();
  for (let start = 0; start < rowKeys.length; start += 1000) {
    const rows = await database.db
      .select({ id: reminders.id, key: reminders.key, status: reminders.status, error: reminders.error })
      .from(reminders)
      .where(
        and(
          eq(reminders.orgId, key.orgId),
          eq(reminders.companyId, key.companyId),
          inArray(reminders.key, rowKeys.slice(start, start + 1000)),
        ),
      );
    for (const r of rows) found.set(r.key, { id: r.id, status: r.status, error: r.error });
  }
  return found;
}

/** What the customer receives: recipients and text, from the step's template in its language. */
export function renderContent(
  p: Planned,
  companyName: string,
  currency: string,
  today: CalendarDate,
  templates?: TemplateSet,
): ReminderContent {
  const templateId = p.reminder.templateId ?? fallbackTemplateId(p.reminder.kind, p.reminder.level);
  const rendered = renderReminderTemplate(
    templateId,
    p.customer.language ?? '',
    {
      company: { name: companyName, currency },
      customer: { account: p.customer.key, name: p.customer.name, email: p.customer.email },
      reminder: {
        level: p.reminder.level,
        kind: p.reminder.kind,
        total: p.reminder.total,
        itemCount: p.items.length,
      },
      items: p.items.map((i) => ({
        piece: i.pieceRef,
        documentDate: i.documentDate,
        dueDate: i.dueDate,
        amount: i.amount,
        daysLate: Math.max(0, daysBetween(i.dueDate, today)),
      })),
      today,
    },
    templates,
  );
  return {
    to: p.customer.email ? [p.customer.email] : [],
    cc: [...p.reminder.cc],
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    language: rendered.language,
  };
}

interface SendTarget {
  orgId: string;
  companyId: string;
  reminderId: string;
  companyName: string;
  currency: string;
  /** The letterhead and document amounts, loaded once when some reminders are letters. */
  letterSources: LetterSources | null;
  /** The organization's and the company's templates (TPL-1), loaded once per delivery. */
  templates: TemplateSet;
}

/** Claims one `planned` row and sends it; `takenElsewhere` when another caller claimed it first. */
async function sendReminder(
  deps: SendDeps,
  target: SendTarget,
  p: Planned,
  input: { today: CalendarDate; now: Date },
  actor: SendActor,
  hooks: SendHooks,
): Promise<{ status: RunReminderStatus; error?: string; letter?: Letter }> {
  const { database, mailer } = deps;
  const rowWhere = and(eq(reminders.orgId, target.orgId), eq(reminders.id, target.reminderId));
  let content: ReminderContent;
  try {
    content = renderContent(p, target.companyName, target.currency, input.today, target.templates);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = await database.db
      .update(reminders)
      .set({ status: 'failed', error: message })
      .where(and(rowWhere, eq(reminders.status, 'planned')))
      .returning({ id: reminders.id });
    return failed.length > 0 ? { status: 'failed', error: message } : { status: 'takenElsewhere' };
  }
  const levelUps = p.reminder.levelUps;
  const thanked = p.reminder.kind === 'thankYou' ? p.reminder.itemKeys : [];
  const scope = { orgId: target.orgId, companyId: target.companyId };
  if (p.reminder.channel === 'letter' && target.letterSources) {
    const { letterhead, documentAmounts } = target.letterSources;
    const letter = toLetter(p, content, target.currency, input.today, documentAmounts);
    const pdf = await renderLettersPdf([letter], letterhead, { duplex: false });
    // Nothing leaves the database: claiming, archiving and moving the levels are one transaction.
    const claimed = await database.transaction(async (tx) => {
      const rows = await tx.db
        .update(reminders)
        .set({
          status: 'sent',
          claimedAt: input.now,
          sentAt: input.now,
          content: { ...content, to: [] },
          ...actorColumns(actor),
        })
        .where(and(rowWhere, eq(reminders.status, 'planned')))
        .returning({ id: reminders.id });
      if (rows.length === 0) return false;
      await tx.db
        .insert(reminderDocuments)
        .values({ orgId: target.orgId, reminderId: target.reminderId, pdf });
      await applyItemLevels(tx.db, scope, levelUps, thanked, input.today);
      return true;
    });
    return claimed ? { status: 'toPrint', letter } : { status: 'takenElsewhere' };
  }
  if (p.reminder.channel !== 'email') return { status: 'waiting' };
  const to = content.to[0];
  if (!to) {
    await database.db
      .update(reminders)
      .set({ status: 'failed', error: 'no email address' })
      .where(and(rowWhere, eq(reminders.status, 'planned')));
    return { status: 'failed', error: 'no email address' };
  }
  // DUN-11, TPL-5: the statement when the step asks for it, and the invoice PDFs of its pieces
  // when known, within 15 files and 15 MB. A statement that cannot be made fails the reminder.
  let files: Awaited<ReturnType<typeof attachInvoiceDocuments>>;
  try {
    const requested = p.reminder.attachStatement
      ? [
          await statementAttachment(
            database,
            organizationCaller(target.orgId),
            p.customer.id,
            content.language,
            input.today,
          ),
        ]
      : [];
    files = await attachInvoiceDocuments(
      database.db,
      scope,
      p.items.map((i) => i.pieceRef),
      content,
      requested,
    );
  } catch (error) {
    if (!p.reminder.attachStatement) throw error;
    const message = `statement: ${error instanceof Error ? error.message : String(error)}`;
    await database.db
      .update(reminders)
      .set({ status: 'failed', error: message })
      .where(and(rowWhere, eq(reminders.status, 'planned')));
    return { status: 'failed', error: message };
  }
  content = files.content;
  const messageId = `<${randomUUID()}@encours.reminders>`;
  const mail = await database.transaction(async (tx) => {
    const claimed = await tx.db
      .update(reminders)
      .set({ status: 'sending', claimedAt: input.now, messageId, content, ...actorColumns(actor) })
      .where(and(rowWhere, eq(reminders.status, 'planned')))
      .returning({ id: reminders.id });
    if (claimed.length === 0) return null;
    const recorded = await mailer.record(
      {
        orgId: target.orgId,
        kind: 'reminder',
        to,
        cc: content.cc,
        messageId,
        subject: content.subject,
        text: content.text,
        html: content.html,
        attachments: files.attachments,
      },
      tx.db,
    );
    const done = recorded.status === 'outbox';
    await tx.db
      .update(reminders)
      .set({ mailId: recorded.id, ...(done ? { status: 'sent' as const, sentAt: input.now } : {}) })
      .where(rowWhere);
    if (done) await applyItemLevels(tx.db, scope, levelUps, thanked, input.today);
    return recorded;
  });
  if (mail === null) return { status: 'takenElsewhere' };
  if (mail.status === 'outbox') return { status: 'outbox' };
  try {
    await mailer.deliver(mail, { willRetry: true });
  } catch (error) {
    if (!(error instanceof MailDeliveryError)) throw error;
    return recordDeliveryFailure(database, { orgId: target.orgId, where: rowWhere }, error, input.now);
  }
  await hooks.afterDelivery?.(target.reminderId);
  await database.transaction(async (tx) => {
    await tx.db.update(reminders).set({ status: 'sent', sentAt: new Date() }).where(rowWhere);
    await applyItemLevels(tx.db, scope, levelUps, thanked, input.today);
  });
  return { status: 'sent' };
}
