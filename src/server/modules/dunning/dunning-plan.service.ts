import { createHash } from 'node:crypto';
import type { CalendarDate } from '../../../domain/calendar';
import { type DunningPlan, type PlannedReminder, planReminders } from '../../../domain/dunning/planner';
import type { Db } from '../../db/client';
import type { companies } from '../../db/schema';
import {
  findDunningCustomers,
  findDunningItems,
  findLastSuccessfulSync,
  loadDunningSettings,
  loadProfiles,
  type RunCustomer,
  type RunItem,
} from './dunning.queries';

export type CompanyRow = typeof companies.$inferSelect;

/** The unique key of a planned reminder (DUN-13): the planner's key, hashed to a fixed length. */
export function reminderRowKey(plannedKey: string): string {
  return createHash('sha256').update(plannedKey).digest('hex');
}

/** A reminder of the plan with the customer and items it is about, and its row key. */
export interface Planned {
  reminder: PlannedReminder;
  customer: RunCustomer;
  items: RunItem[];
  rowKey: string;
}

export interface CompanyPlan {
  plan: DunningPlan;
  customers: ReadonlyMap<string, RunCustomer>;
  items: ReadonlyMap<string, RunItem>;
  /** The reminder with its customer, items and row key. */
  resolve(reminder: PlannedReminder): Planned;
}

/**
 * The company's dunning plan for `today` (DUN-4…DUN-8, DUN-12): its profiles, options,
 * customers and items read from the database, then the domain's planner.
 * @example const { plan } = await planCompany(db, orgId, company, '2024-04-30', new Date());
 */
export async function planCompany(
  db: Db,
  orgId: string,
  company: CompanyRow,
  today: CalendarDate,
  now: Date,
): Promise<CompanyPlan> {
  const profiles = await loadProfiles(db, orgId);
  const settings = await loadDunningSettings(db, orgId, company.id);
  const customerList = await findDunningCustomers(db, orgId, company.id, profiles.defaultId);
  const itemList = await findDunningItems(db, orgId, company.id, today);
  const plan = planReminders({
    today,
    now: now.toISOString(),
    lastSuccessfulSyncAt: await findLastSuccessfulSync(db, orgId, company.id),
    scenarios: profiles.scenarios,
    customers: customerList,
    items: itemList,
    options: { ...settings.options, freshnessHours: company.freshnessHours },
  });
  const customers = new Map(customerList.map((c) => [c.key, c]));
  const items = new Map(itemList.map((i) => [i.key, i]));
  return {
    plan,
    customers,
    items,
    resolve: (reminder) => ({
      reminder,
      customer: customers.get(reminder.customerKey)!,
      items: reminder.itemKeys.map((k) => items.get(k)!),
      rowKey: reminderRowKey(reminder.key),
    }),
  };
}
