import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { type CalendarDate, daysBetween } from '../../../domain/calendar';
import { type ExclusionReason, type PlannedReminder, planReminders } from '../../../domain/dunning/planner';
import { centsToDecimal } from '../../../domain/money';
import type { Database } from '../../db/client';
import {
  dunningRuns,
  dunningTasks,
  letterBatches,
  type ReminderContent,
  type ReminderItem,
  reminderDocuments,
  reminders,
} from '../../db/schema';
import { type Letter, renderLettersPdf } from '../../documents/reminder-letters';
import { MailDeliveryError, type Mailer } from '../../mail/mailer';
import { getCompanyByCodeOrThrow } from '../companies/companies.queries';
import {
  applyItemLevels,
  findDunningCustomers,
  findDunningItems,
  findLastSuccessfulSync,
  loadDunningSettings,
  loadProfiles,
  type RunCustomer,
  type RunItem,
} from './dunning.queries';
import { fallbackTemplateId, renderReminderTemplate, templateLanguage } from './reminder-templates';

/**
 * The nightly run of one company (DUN-12), also run by `encours dunning run`: plan, record every
 * automatic reminder as a row with its unique key, then claim and send each row (DUN-13).
 *
 * Exactly once (docs/dunning-exactly-once.md): a row goes `planned` → `sending` in one UPDATE
 * that only one caller can win, in the transaction that records the email with the Message-ID
 * chosen for it. Without SMTP the email goes to the outbox in that same transaction, so the
 * reminder is `sent` at once. With SMTP the message is handed to the server after that commit;
 * a crash before the row is marked `sent` leaves it `sending`, which nothing ever sends again:
 * the next run marks it `failed` with the Message-ID to look for, for a person to decide.
 */

/** A reminder left `sending` for longer than this was interrupted (SMTP gives up long before). */
const INTERRUPTED_AFTER_MS = 10 * 60_000;

export const RUN_REMINDER_STATUSES = [
  'wouldSend',
  'sent',
  'outbox',
  'toPrint',
  'failed',
  'alreadySent',
  'takenElsewhere',
  'waiting',
] as const;
export type RunReminderStatus = (typeof RUN_REMINDER_STATUSES)[number];

/** One reminder of a run, as the CLI prints it. */
export interface RunReminderReport {
  customer: string;
  name: string;
  kind: PlannedReminder['kind'];
  /** 1-based position of the step in the customer's variant. */
  step: number;
  level: string | null;
  channel: string;
  items: string[];
  total: string;
  currency: string;
  isDisputed: boolean;
  status: RunReminderStatus;
  error?: string;
}

export interface DunningRunReport {
  company: string;
  today: CalendarDate;
  dryRun: boolean;
  freshness: { isFresh: boolean; syncAgeHours: number | null; alert: string | null };
  reminders: RunReminderReport[];
  /** Steps for a person (calls, manual letters…) added to the action list. */
  tasks: number;
  exclusions: Partial<Record<ExclusionReason, number>>;
  /** Rows found `sending` from an earlier interrupted run and marked failed. */
  interrupted: number;
  /** The PDF of this run's letters, one after the other, to print; `null` when there are none. */
  letterBatchId: string | null;
}

export interface DunningRunDeps {
  database: Database;
  mailer: Mailer;
}

export interface DunningRunInput {
  orgId: string;
  companyCode: string;
  today: CalendarDate;
  now: Date;
  dryRun?: boolean;
}

/** Where a test injects a crash: after the SMTP server accepted a message, before it is marked sent. */
export interface DunningRunHooks {
  afterDelivery?: (reminderId: string) => Promise<void> | void;
}

/** The unique key of a planned reminder (DUN-13): the planner's key, hashed to a fixed length. */
export function reminderRowKey(plannedKey: string): string {
  return createHash('sha256').update(plannedKey).digest('hex');
}

interface Planned {
  reminder: PlannedReminder;
  customer: RunCustomer;
  items: RunItem[];
  rowKey: string;
}

/**
 * Plans and, unless `dryRun`, sends the company's automatic reminders for `today`.
 * @example await runDunning({ database, mailer }, { orgId, companyCode: 'ACME', today: '2024-04-30', now: new Date() })
 */
export async function runDunning(
  deps: DunningRunDeps,
  input: DunningRunInput,
  hooks: DunningRunHooks = {},
): Promise<DunningRunReport> {
  const { database } = deps;
  const db = database.db;
  const company = await getCompanyByCodeOrThrow(db, input.orgId, input.companyCode);
  const key = { orgId: input.orgId, companyId: company.id };
  const profiles = await loadProfiles(db, input.orgId);
  const settings = await loadDunningSettings(db, input.orgId, company.id);
  const customers = await findDunningCustomers(db, input.orgId, company.id, profiles.defaultId);
  const items = await findDunningItems(db, input.orgId, company.id);
  const plan = planReminders({
    today: input.today,
    now: input.now.toISOString(),
    lastSuccessfulSyncAt: await findLastSuccessfulSync(db, input.orgId, company.id),
    scenarios: profiles.scenarios,
    customers,
    items,
    options: { ...settings.options, freshnessHours: company.freshnessHours },
  });

  const customersByKey = new Map(customers.map((c) => [c.key, c]));
  const itemsByKey = new Map(items.map((i) => [i.key, i]));
  const planned: Planned[] = plan.toSendAutomatically.map((reminder) => ({
    reminder,
    customer: customersByKey.get(reminder.customerKey)!,
    items: reminder.itemKeys.map((k) => itemsByKey.get(k)!),
    rowKey: reminderRowKey(reminder.key),
  }));
  const exclusions: DunningRunReport['exclusions'] = {};
  for (const e of plan.exclusions) exclusions[e.reason] = (exclusions[e.reason] ?? 0) + 1;
  const report: DunningRunReport = {
    company: company.code,
    today: input.today,
    dryRun: input.dryRun ?? false,
    freshness: plan.freshness,
    reminders: [],
    tasks: plan.tasks.length,
    exclusions,
    interrupted: 0,
    letterBatchId: null,
  };
  const describe = (p: Planned, status: RunReminderStatus, error?: string): RunReminderReport => ({
    customer: p.customer.key,
    name: p.customer.name,
    kind: p.reminder.kind,
    step: p.reminder.stepIndex + 1,
    level: p.reminder.level,
    channel: p.reminder.channel,
    items: p.items.map((i) => i.pieceRef),
    total: centsToDecimal(p.reminder.total),
    currency: company.currency,
    isDisputed: p.reminder.isDisputed,
    status,
    ...(error ? { error } : {}),
  });
  if (report.dryRun) {
    report.reminders = planned.map((p) => describe(p, 'wouldSend'));
    return report;
  }

  report.interrupted = await markInterrupted(database, key, input.now);
  await recordPlanned(database, key, company.currency, input.today, planned);
  await recordTasks(database, key, plan.tasks);
  const rows = await findRowsByKey(
    database,
    key,
    planned.map((p) => p.rowKey),
  );
  const letters: { reminderId: string; letter: Letter }[] = [];
  for (const p of planned) {
    const row = rows.get(p.rowKey);
    if (row?.status !== 'planned') {
      report.reminders.push(describe(p, row?.status === 'sent' ? 'alreadySent' : 'takenElsewhere'));
      continue;
    }
    const target = { ...key, reminderId: row.id, companyName: company.name, currency: company.currency };
    const outcome = await sendReminder(deps, target, p, input, hooks);
    if (outcome.letter) letters.push({ reminderId: row.id, letter: outcome.letter });
    report.reminders.push(describe(p, outcome.status, outcome.error));
  }
  if (letters.length > 0) {
    const [batch] = await db
      .insert(letterBatches)
      .values({
        ...key,
        reminderIds: letters.map((l) => l.reminderId),
        pdf: await renderLettersPdf(letters.map((l) => l.letter)),
      })
      .returning({ id: letterBatches.id });
    report.letterBatchId = batch!.id;
  }
  return report;
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
      actor: 'automatic',
    }));
    await database.db.insert(reminders).values(values).onConflictDoNothing();
  }
}

async function recordTasks(
  database: Database,
  key: { orgId: string; companyId: string },
  tasks: ReturnType<typeof planReminders>['tasks'],
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

async function findRowsByKey(
  database: Database,
  key: { orgId: string; companyId: string },
  rowKeys: readonly string[],
): Promise<Map<string, { id: string; status: string }>> {
  const found = new Map<string, { id: string; status: string }>();
  for (let start = 0; start < rowKeys.length; start += 1000) {
    const rows = await database.db
      .select({ id: reminders.id, key: reminders.key, status: reminders.status })
      .from(reminders)
      .where(
        and(
          eq(reminders.orgId, key.orgId),
          eq(reminders.companyId, key.companyId),
          inArray(reminders.key, rowKeys.slice(start, start + 1000)),
        ),
      );
    for (const r of rows) found.set(r.key, { id: r.id, status: r.status });
  }
  return found;
}

/** What the customer receives: recipients and text, from the step's template in its language. */
function renderContent(
  p: Planned,
  companyName: string,
  currency: string,
  today: CalendarDate,
): ReminderContent {
  const language = templateLanguage(p.customer.language);
  const templateId = p.reminder.templateId ?? fallbackTemplateId(p.reminder.kind, p.reminder.level);
  const rendered = renderReminderTemplate(templateId, language, {
    company: { name: companyName, currency },
    customer: { account: p.customer.key, name: p.customer.name },
    reminder: { level: p.reminder.level, total: p.reminder.total, itemCount: p.items.length },
    items: p.items.map((i) => ({
      piece: i.pieceRef,
      documentDate: i.documentDate,
      dueDate: i.dueDate,
      amount: i.amount,
      daysLate: Math.max(0, daysBetween(i.dueDate, today)),
    })),
    today,
  });
  return {
    to: p.customer.email ? [p.customer.email] : [],
    cc: [...p.reminder.cc],
    subject: rendered.subject,
    text: rendered.text,
    html: null,
    language,
  };
}

const frenchDate = (date: CalendarDate) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

interface SendTarget {
  orgId: string;
  companyId: string;
  reminderId: string;
  companyName: string;
  currency: string;
}

/** Claims one `planned` row and sends it; `takenElsewhere` when another caller claimed it first. */
async function sendReminder(
  deps: DunningRunDeps,
  target: SendTarget,
  p: Planned,
  input: DunningRunInput,
  hooks: DunningRunHooks,
): Promise<{ status: RunReminderStatus; error?: string; letter?: Letter }> {
  const { database, mailer } = deps;
  const rowWhere = and(eq(reminders.orgId, target.orgId), eq(reminders.id, target.reminderId));
  let content: ReminderContent;
  try {
    content = renderContent(p, target.companyName, target.currency, input.today);
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
  if (p.reminder.channel === 'letter') {
    const letter: Letter = {
      senderName: target.companyName,
      recipientName: p.customer.name,
      recipientAddress: p.customer.address,
      dateLine: content.language === 'fr' ? `Le ${frenchDate(input.today)}` : input.today,
      subject: content.subject,
      body: content.text,
    };
    const pdf = await renderLettersPdf([letter]);
    // Nothing leaves the database: claiming, archiving and moving the levels are one transaction.
    const claimed = await database.transaction(async (tx) => {
      const rows = await tx.db
        .update(reminders)
        .set({ status: 'sent', claimedAt: input.now, sentAt: input.now, content: { ...content, to: [] } })
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
  const messageId = `<${randomUUID()}@encours.reminders>`;
  const mail = await database.transaction(async (tx) => {
    const claimed = await tx.db
      .update(reminders)
      .set({ status: 'sending', claimedAt: input.now, messageId, content })
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
    await mailer.deliver(mail);
  } catch (error) {
    if (!(error instanceof MailDeliveryError)) throw error;
    await database.db.update(reminders).set({ status: 'failed', error: error.reply }).where(rowWhere);
    return { status: 'failed', error: error.reply };
  }
  await hooks.afterDelivery?.(target.reminderId);
  await database.transaction(async (tx) => {
    await tx.db.update(reminders).set({ status: 'sent', sentAt: new Date() }).where(rowWhere);
    await applyItemLevels(tx.db, scope, levelUps, thanked, input.today);
  });
  return { status: 'sent' };
}

/**
 * Takes the night's run of a company: only the caller whose insert lands runs it, so two app
 * instances never both run the same night (DUN-12, DUN-13).
 */
export async function claimNightlyRun(
  database: Database,
  key: { orgId: string; companyId: string },
  day: CalendarDate,
  now: Date,
): Promise<boolean> {
  const rows = await database.db
    .insert(dunningRuns)
    .values({ ...key, day, startedAt: now })
    .onConflictDoNothing()
    .returning({ day: dunningRuns.day });
  return rows.length > 0;
}

/** Records how a claimed night went. */
export async function finishNightlyRun(
  database: Database,
  key: { orgId: string; companyId: string },
  day: CalendarDate,
  report: DunningRunReport,
  now: Date,
): Promise<void> {
  const counts: Record<string, number> = {};
  for (const r of report.reminders) counts[r.status] = (counts[r.status] ?? 0) + 1;
  await database.db
    .update(dunningRuns)
    .set({
      finishedAt: now,
      outcome: report.freshness.isFresh ? 'ran' : 'stale',
      report: { counts, tasks: report.tasks, exclusions: report.exclusions, alert: report.freshness.alert },
    })
    .where(
      and(
        eq(dunningRuns.orgId, key.orgId),
        eq(dunningRuns.companyId, key.companyId),
        eq(dunningRuns.day, day),
      ),
    );
}
