import type { z } from 'zod';
import type {
  Criteria,
  CriteriaResult,
  criteriaPreviewSchema,
  criteriaSendSchema,
  Preview,
  SendResult,
} from '../../../contracts/dunning';
import { type CalendarDate, daysBetween } from '../../../domain/calendar';
import { nextManualLevel } from '../../../domain/dunning/actions';
import { type DunningLevel, levelRank } from '../../../domain/dunning/levels';
import type { Database } from '../../db/client';
import { AppError, notFound } from '../../errors/app-error';
import type { AuthContext } from '../auth/auth.service';
import { getCompanyOrThrow } from '../companies/companies.queries';
import { ownerPredicate } from '../customers/customers.queries';
import { loadTemplateSet } from '../templates/template-set';
import {
  findDunningCustomers,
  findDunningItems,
  loadProfiles,
  type RunCustomer,
  type RunItem,
} from './dunning.queries';
import { notifyDeliveryFailures } from './dunning-bounces.service';
import { type CompanyRow, type Planned, reminderRowKey } from './dunning-plan.service';
import { deliverPlanned, refusedEmails, renderContent, type SendDeps } from './dunning-send.service';
import { DEFAULT_TEMPLATES } from './reminder-templates';

/**
 * The mass reminder by criteria (DUN-10): the open debits that match the criteria, by customer,
 * then one email or letter per customer with the template the user picked. It is a person's
 * action: customers and items on STOP, items in dispute or in collection are never in it, and
 * each customer's reminder has a unique key of the day, template and items (DUN-13), so sending
 * the same selection twice sends it once.
 */

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>;

interface Group {
  customer: RunCustomer;
  items: RunItem[];
}

async function matching(
  database: Database,
  auth: Caller,
  criteria: Criteria,
  today: CalendarDate,
): Promise<{ company: CompanyRow; groups: Group[] }> {
  const db = database.db;
  const company = await getCompanyOrThrow(db, auth.orgId, criteria.companyId);
  const profiles = await loadProfiles(db, auth.orgId);
  const customers = await findDunningCustomers(db, auth.orgId, company.id, profiles.defaultId);
  const items = await findDunningItems(db, auth.orgId, company.id, today);
  const isVisible = ownerPredicate(auth, { salesRep: criteria.salesRep, collector: criteria.collector });
  const keep = (c: RunCustomer) =>
    isVisible(c) &&
    !c.isStopped &&
    (criteria.profileId === undefined || c.profileId === criteria.profileId) &&
    (criteria.disputed === undefined || c.isDisputed === (criteria.disputed === 'yes'));
  const itemMatches = (i: RunItem) => {
    if (i.settlement !== null || i.amount <= 0 || i.isStopped || i.isDisputed || i.isInCollection)
      return false;
    const late = daysBetween(i.dueDate, today);
    return (
      (criteria.level === undefined || i.level === criteria.level) &&
      (criteria.minDaysLate === undefined || late >= criteria.minDaysLate) &&
      (criteria.maxDaysLate === undefined || late <= criteria.maxDaysLate) &&
      (criteria.minAmount === undefined || i.amount >= criteria.minAmount) &&
      (criteria.maxAmount === undefined || i.amount <= criteria.maxAmount)
    );
  };
  const byCustomer = new Map<string, RunItem[]>();
  for (const item of items) {
    if (!itemMatches(item)) continue;
    const list = byCustomer.get(item.customerKey) ?? [];
    list.push(item);
    byCustomer.set(item.customerKey, list);
  }
  const groups = customers
    .filter((c) => byCustomer.has(c.key) && keep(c))
    .map((customer) => ({ customer, items: byCustomer.get(customer.key)! }))
    .sort((a, b) => a.customer.key.localeCompare(b.customer.key));
  return { company, groups };
}

const totalOf = (items: readonly RunItem[]) => items.reduce((sum, i) => sum + i.amount, 0);

export async function findByCriteria(
  database: Database,
  auth: Caller,
  criteria: Criteria,
  today: CalendarDate,
): Promise<CriteriaResult> {
  const { company, groups } = await matching(database, auth, criteria, today);
  const customers = groups.map(({ customer, items }) => ({
    customerId: customer.id,
    account: customer.key,
    name: customer.name,
    hasEmail: customer.email !== null,
    isDisputed: customer.isDisputed,
    pieces: items.map((i) => i.pieceRef),
    total: totalOf(items),
  }));
  return { currency: company.currency, customers, total: customers.reduce((sum, c) => sum + c.total, 0) };
}

/** The reminder a customer of the result gets: the chosen template and channel, keyed by day and items. */
function plannedFor(
  { customer, items }: Group,
  choice: { templateId: string; channel: 'email' | 'letter'; countsForScenario: boolean },
  today: CalendarDate,
): Planned {
  const itemKeys = items.map((i) => i.key).sort();
  const levelUps = choice.countsForScenario
    ? items.map((i) => ({ itemKey: i.key, level: nextManualLevel(i.level, i.dueDate, today) }))
    : [];
  const levels = (
    levelUps.length > 0 ? levelUps.map((u) => u.level) : items.map((i) => i.level)
  ) as DunningLevel[];
  const level = levels.reduce((top, l) => (levelRank(l) > levelRank(top) ? l : top), 'none' as DunningLevel);
  const key = JSON.stringify([customer.key, 'criteria', choice.templateId, choice.channel, today, itemKeys]);
  return {
    reminder: {
      key,
      customerKey: customer.key,
      kind: 'reminder',
      // Not a step of the scenario.
      stepIndex: -1,
      level,
      channel: choice.channel,
      templateId: choice.templateId,
      cc: [],
      isAutomatic: false,
      attachStatement: false,
      itemKeys,
      total: totalOf(items),
      isDisputed: customer.isDisputed,
      levelUps,
    },
    customer,
    items,
    rowKey: reminderRowKey(key),
  };
}

function checkTemplate(templateId: string): void {
  if (!DEFAULT_TEMPLATES[templateId])
    throw new AppError('invalid_input', `templateId: no template ${templateId}`);
}

/** What one customer of the result would receive, before anything is sent (DUN-10). */
export async function previewByCriteria(
  database: Database,
  auth: Caller,
  body: z.infer<typeof criteriaPreviewSchema>,
  today: CalendarDate,
): Promise<Preview> {
  checkTemplate(body.templateId);
  const { company, groups } = await matching(database, auth, body.criteria, today);
  const group = groups.find((g) => g.customer.key === body.account);
  if (!group) throw notFound('customer');
  const planned = plannedFor(group, { ...body, countsForScenario: false }, today);
  const templates = await loadTemplateSet(database.db, auth.orgId, company.id);
  const content = renderContent(planned, company.name, company.currency, today, templates);
  return {
    channel: body.channel,
    to: content.to,
    cc: content.cc,
    subject: content.subject,
    text: content.text,
  };
}

/** Sends one reminder per matching customer with the chosen template and channel (DUN-10). */
export async function sendByCriteria(
  deps: SendDeps,
  auth: Caller & { userId: string },
  body: z.infer<typeof criteriaSendSchema>,
  when: { today: CalendarDate; now: Date },
): Promise<SendResult> {
  checkTemplate(body.templateId);
  const { company, groups } = await matching(deps.database, auth, body.criteria, when.today);
  const chosen = body.accounts ? groups.filter((g) => body.accounts!.includes(g.customer.key)) : groups;
  const planned = chosen.map((group) => plannedFor(group, body, when.today));
  const delivery = await deliverPlanned(deps, company, planned, when, { kind: 'user', userId: auth.userId });
  // TPL-5, DUN-15: the user hears of the refused emails by email too, not only on the screen.
  await notifyDeliveryFailures(deps, auth.orgId, auth.userId, refusedEmails(planned, delivery.outcomes));
  return {
    results: planned.map((p) => {
      const outcome = delivery.outcomes.get(p.rowKey)!;
      return {
        key: p.rowKey,
        account: p.customer.key,
        status: outcome.status === 'wouldSend' ? 'waiting' : outcome.status,
        error: outcome.error ?? null,
      };
    }),
    letterBatchId: delivery.letterBatchId,
  };
}
