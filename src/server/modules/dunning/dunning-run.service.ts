import { and, eq } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar';
import type { DunningTask, ExclusionReason, PlannedReminder } from '../../../domain/dunning/planner';
import { centsToDecimal } from '../../../domain/money';
import type { Database } from '../../db/client';
import { dunningRuns } from '../../db/schema';
import { getCompanyByCodeOrThrow } from '../companies/companies.queries';
import { notifyDeliveryFailures } from './dunning-bounces.service';
import { type CompanyPlan, type Planned, planCompanyInBatches } from './dunning-plan.service';
import {
  deliverPlanned,
  type RunReminderStatus,
  recordTasks,
  type SendDeps,
  type SendHooks,
} from './dunning-send.service';

/**
 * The nightly run of one company (DUN-12), also run by `encours dunning run`: plan, then record,
 * claim and send every automatic reminder exactly once (DUN-13, `dunning-send.service.ts`); the
 * steps for a person become tasks of the action list.
 */

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

export type DunningRunDeps = SendDeps;

export interface DunningRunInput {
  orgId: string;
  companyCode: string;
  today: CalendarDate;
  now: Date;
  dryRun?: boolean;
}

/**
 * Plans and, unless `dryRun`, sends the company's automatic reminders for `today`.
 * @example await runDunning({ database, mailer }, { orgId, companyCode: 'ACME', today: '2024-04-30', now: new Date() })
 */
export async function runDunning(
  deps: DunningRunDeps,
  input: DunningRunInput,
  hooks: SendHooks = {},
): Promise<DunningRunReport> {
  const company = await getCompanyByCodeOrThrow(deps.database.db, input.orgId, input.companyCode);
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
  const report: DunningRunReport = {
    company: company.code,
    today: input.today,
    dryRun: input.dryRun ?? false,
    freshness: { isFresh: false, syncAgeHours: null, alert: null },
    reminders: [],
    tasks: 0,
    exclusions: {},
    interrupted: 0,
    letterBatchId: null,
  };
  // Batch by batch, only what is sent is kept: its customer and items (a dry run keeps its line).
  const planned: Planned[] = [];
  const tasks: DunningTask[] = [];
  const onBatch = ({ plan, resolve }: CompanyPlan) => {
    for (const e of plan.exclusions) report.exclusions[e.reason] = (report.exclusions[e.reason] ?? 0) + 1;
    report.tasks += plan.tasks.length;
    const batchPlanned = plan.toSendAutomatically.map(resolve);
    if (report.dryRun) report.reminders.push(...batchPlanned.map((p) => describe(p, 'wouldSend')));
    else {
      planned.push(...batchPlanned);
      tasks.push(...plan.tasks);
    }
  };
  report.freshness = await planCompanyInBatches(
    deps.database,
    input.orgId,
    company,
    input.today,
    input.now,
    onBatch,
  );
  if (report.dryRun) return report;
  await recordTasks(deps.database, { orgId: input.orgId, companyId: company.id }, tasks);
  const delivery = await deliverPlanned(deps, company, planned, input, { kind: 'automatic' }, hooks);
  report.reminders = planned.map((p) => {
    const outcome = delivery.outcomes.get(p.rowKey)!;
    return describe(p, outcome.status, outcome.error);
  });
  report.letterBatchId = delivery.letterBatchId;
  report.interrupted = delivery.interrupted;
  // TPL-5, DUN-15: the admins hear of the night's refused emails, in one message.
  await notifyDeliveryFailures(
    deps,
    input.orgId,
    null,
    report.reminders
      .filter((r) => r.status === 'failed' && r.channel === 'email')
      .map((r) => ({ account: r.customer, what: r.level ?? r.kind, reason: r.error ?? '' })),
  );
  return report;
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
