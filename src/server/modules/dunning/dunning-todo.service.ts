import { and, asc, desc, eq } from 'drizzle-orm';
import type { CustomerReminder, Preview, SendResult, Todo, TodoLine } from '../../../contracts/dunning';
import type { CalendarDate } from '../../../domain/calendar';
import type { Database, Db } from '../../db/client';
import { companies, reminders } from '../../db/schema';
import { notFound } from '../../errors/app-error';
import type { AuthContext } from '../auth/auth.service';
import { getCompanyOrThrow } from '../companies/companies.queries';
import { getCustomerRecordRowOrThrow } from '../customer-record/customer-record.queries';
import { ownerPredicate } from '../customers/customers.queries';
import { loadTemplateSet } from '../templates/template-set';
import { notifyDeliveryFailures } from './dunning-bounces.service';
import { type CompanyPlan, type CompanyRow, type Planned, planCompany } from './dunning-plan.service';
import {
  deliverPlanned,
  findRowsByKey,
  recordTasks,
  refusedEmails,
  renderContent,
  type SendDeps,
} from './dunning-send.service';

/**
 * The to-do by scenario (DUN-9) and sending from it: the same plan as the nightly run, seen by
 * a person — every reminder due today, those held back by the threshold or the ceiling unchecked
 * with their reason (a person may still send them), and the other exclusions listed apart.
 * A portfolio user sees and sends only their customers (COL-5).
 */

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>;

/** The company asked for, or the organization's first by code; another organization's is 404. */
async function resolveCompany(db: Db, orgId: string, companyId: string | undefined): Promise<CompanyRow> {
  if (companyId) return getCompanyOrThrow(db, orgId, companyId);
  const [first] = await db
    .select()
    .from(companies)
    .where(eq(companies.orgId, orgId))
    .orderBy(asc(companies.code))
    .limit(1);
  if (!first) throw notFound('company');
  return first;
}

interface VisiblePlan {
  company: CompanyRow;
  companyPlan: CompanyPlan;
  /** Every reminder a person may send today, by row key, with its exclusion if held back. */
  sendable: Map<string, { planned: Planned; exclusion: TodoLine['exclusion'] }>;
}

async function visiblePlan(
  database: Database,
  auth: Caller,
  companyId: string | undefined,
  when: { today: CalendarDate; now: Date },
): Promise<VisiblePlan> {
  const company = await resolveCompany(database.db, auth.orgId, companyId);
  const companyPlan = await planCompany(database, auth.orgId, company, when.today, when.now);
  const isVisible = ownerPredicate(auth);
  const sendable: VisiblePlan['sendable'] = new Map();
  const add = (reminder: Planned['reminder'], exclusion: TodoLine['exclusion']) => {
    const planned = companyPlan.resolve(reminder);
    if (isVisible(planned.customer)) sendable.set(planned.rowKey, { planned, exclusion });
  };
  for (const reminder of companyPlan.plan.reminders) add(reminder, null);
  for (const e of companyPlan.plan.exclusions) if (e.reminder) add(e.reminder, e.reason);
  return { company, companyPlan, sendable };
}

/**
 * The to-do of a company for `today`.
 * @example await getTodo(database, auth, { companyId }, { today: '2024-04-30', now: new Date() })
 */
export async function getTodo(
  database: Database,
  auth: Caller,
  query: { companyId?: string | undefined },
  when: { today: CalendarDate; now: Date },
): Promise<Todo> {
  const { company, companyPlan, sendable } = await visiblePlan(database, auth, query.companyId, when);
  const rows = await findRowsByKey(database, { orgId: auth.orgId, companyId: company.id }, [
    ...sendable.keys(),
  ]);
  const lines: TodoLine[] = [...sendable.entries()].map(([key, { planned: p, exclusion }]) => {
    const row = rows.get(key);
    return {
      key,
      customerId: p.customer.id,
      account: p.customer.key,
      name: p.customer.name,
      kind: p.reminder.kind,
      step: p.reminder.stepIndex + 1,
      level: p.reminder.level,
      channel: p.reminder.channel,
      isAutomatic: p.reminder.isAutomatic,
      isDisputed: p.reminder.isDisputed,
      profileId: p.customer.profileId,
      salesRep: p.customer.salesRep,
      collector: p.customer.collector,
      pieces: p.items.map((i) => i.pieceRef),
      total: p.reminder.total,
      exclusion,
      rowStatus: row?.status ?? null,
      error: row?.error ?? null,
    };
  });
  lines.sort((a, b) => a.step - b.step || a.kind.localeCompare(b.kind) || a.account.localeCompare(b.account));
  const isVisible = ownerPredicate(auth);
  const excluded = companyPlan.plan.exclusions
    .filter((e) => e.reminder === null)
    .flatMap((e) => {
      const customer = companyPlan.customers.get(e.customerKey);
      if (!customer || !isVisible(customer)) return [];
      return [
        {
          customerId: customer.id,
          account: customer.key,
          name: customer.name,
          reason: e.reason,
          pieces: e.itemKeys.map((k) => companyPlan.items.get(k)?.pieceRef ?? k),
        },
      ];
    });
  return {
    companyId: company.id,
    companyCode: company.code,
    currency: company.currency,
    today: when.today,
    freshness: companyPlan.plan.freshness,
    lines,
    excluded,
  };
}

/**
 * Sends the chosen lines of the to-do as the user (DUN-9, DUN-13): emails go, letters are
 * rendered into one PDF to print, calls and other steps become tasks. A key that is not due
 * today (or not the caller's) answers `notDue`; a key already sent, `alreadySent`.
 */
export async function sendTodo(
  deps: SendDeps,
  auth: Caller & { userId: string },
  body: { companyId: string; keys: readonly string[] },
  when: { today: CalendarDate; now: Date },
): Promise<SendResult> {
  const { company, sendable } = await visiblePlan(deps.database, auth, body.companyId, when);
  const keys = [...new Set(body.keys)];
  const chosen = keys.flatMap((k) => {
    const line = sendable.get(k);
    return line ? [line.planned] : [];
  });
  const byPerson = chosen.filter((p) => p.reminder.channel === 'phone' || p.reminder.channel === 'other');
  await recordTasks(
    deps.database,
    { orgId: auth.orgId, companyId: company.id },
    byPerson.map((p) => ({
      reminderKey: p.reminder.key,
      customerKey: p.customer.key,
      channel: p.reminder.channel,
      level: p.reminder.level,
      itemKeys: p.reminder.itemKeys,
      dueDate: when.today,
    })),
  );
  const delivery = await deliverPlanned(
    deps,
    company,
    chosen.filter((p) => !byPerson.includes(p)),
    when,
    { kind: 'user', userId: auth.userId },
  );
  // TPL-5, DUN-15: the user hears of the refused emails by email too, not only on the screen.
  await notifyDeliveryFailures(deps, auth.orgId, auth.userId, refusedEmails(chosen, delivery.outcomes));
  return {
    results: keys.map((key) => {
      const line = sendable.get(key);
      if (!line) return { key, account: null, status: 'notDue' as const, error: null };
      const account = line.planned.customer.key;
      if (byPerson.includes(line.planned)) return { key, account, status: 'waiting' as const, error: null };
      const outcome = delivery.outcomes.get(key)!;
      return {
        key,
        account,
        status: outcome.status === 'wouldSend' ? 'waiting' : outcome.status,
        error: outcome.error ?? null,
      };
    }),
    letterBatchId: delivery.letterBatchId,
  };
}

/** What a line of the to-do would send: recipients, subject and text (DUN-9 preview). */
export async function previewTodo(
  database: Database,
  auth: Caller,
  query: { companyId: string; key: string },
  when: { today: CalendarDate; now: Date },
): Promise<Preview> {
  const { company, sendable } = await visiblePlan(database, auth, query.companyId, when);
  const line = sendable.get(query.key);
  if (!line) throw notFound('reminder');
  const templates = await loadTemplateSet(database.db, auth.orgId, company.id);
  const content = renderContent(line.planned, company.name, company.currency, when.today, templates);
  return {
    channel: line.planned.reminder.channel,
    to: content.to,
    cc: content.cc,
    subject: content.subject,
    text: content.text,
  };
}

/** The reminders of a customer, newest first, for its record's timeline (DUN-14). */
export async function getCustomerReminders(
  database: Database,
  auth: Caller,
  customerId: string,
): Promise<{ items: CustomerReminder[] }> {
  const customer = await getCustomerRecordRowOrThrow(database.db, auth, customerId);
  const rows = await database.db
    .select()
    .from(reminders)
    .where(
      and(
        eq(reminders.orgId, auth.orgId),
        eq(reminders.companyId, customer.company_id),
        eq(reminders.customerAccount, customer.account),
      ),
    )
    .orderBy(desc(reminders.createdAt), desc(reminders.id))
    .limit(200);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as CustomerReminder['kind'],
      level: r.level as CustomerReminder['level'],
      channel: r.channel as CustomerReminder['channel'],
      status: r.status,
      actor: r.actor as CustomerReminder['actor'],
      plannedFor: r.plannedFor,
      sentAt: r.sentAt?.toISOString() ?? null,
      subject: r.content?.subject ?? null,
      pieces: r.items.map((i) => i.pieceRef),
      total: r.total,
      currency: r.currency,
      error: r.error,
    })),
  };
}
