import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar';
import type { FreshnessVerdict } from '../../../domain/dunning/freshness';
import { type DunningPlan, type PlannedReminder, planReminders } from '../../../domain/dunning/planner';
import type { Database } from '../../db/client';
import type { companies } from '../../db/schema';
import {
  findAllDunningCustomers,
  findItemPromises,
  findLastSuccessfulSync,
  findSettledItems,
  loadDunningSettings,
  loadProfiles,
  type PackedItem,
  type RunCustomer,
  type RunItem,
  streamOpenItems,
  unpackItems,
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
 * Customers planned at a time: the planner works customer by customer, so a batch holds its
 * customers' items as objects while the open items of the others are still in the database.
 */
export const PLAN_BATCH_CUSTOMERS = 5_000;

/**
 * The company's dunning plan for `today` (DUN-4…DUN-8, DUN-12), one batch of customers at a
 * time, handed to `onBatch` as it is planned: memory holds the company's customers, the items
 * awaiting a thank-you and one batch's open items, whatever the size of the ledger. Everything
 * is read in one read-only transaction, so every batch sees the same ledger; each batch carries
 * the freshness verdict, which is returned too.
 * @example await planCompanyInBatches(database, orgId, company, '2024-04-30', new Date(), (batch) => …)
 */
export async function planCompanyInBatches(
  database: Database,
  orgId: string,
  company: CompanyRow,
  today: CalendarDate,
  now: Date,
  onBatch: (batch: CompanyPlan) => void,
  batchSize = PLAN_BATCH_CUSTOMERS,
): Promise<FreshnessVerdict> {
  const profiles = await loadProfiles(database.db, orgId);
  return database.transaction(async (tx) => {
    await tx.db.execute(sql`set transaction isolation level repeatable read, read only`);
    const settings = await loadDunningSettings(tx.db, orgId, company.id);
    const lastSuccessfulSyncAt = await findLastSuccessfulSync(tx.db, orgId, company.id);
    const customers = new Map(
      (await findAllDunningCustomers(tx.db, orgId, company.id, profiles.defaultId)).map((c) => [c.key, c]),
    );
    const settled = await findSettledItems(tx.db, orgId, company.id, today);
    const promises = await findItemPromises(tx.db, orgId, company.id);
    let batch: { customer: RunCustomer; rows: PackedItem[] }[] = [];
    let freshness: FreshnessVerdict | null = null;
    const plan = () => {
      const itemList = batch.flatMap((b) => unpackItems(b.rows, promises));
      const customerList = batch.map((b) => b.customer);
      const batchPlan = planReminders({
        today,
        now: now.toISOString(),
        lastSuccessfulSyncAt,
        scenarios: profiles.scenarios,
        customers: customerList,
        items: itemList,
        options: { ...settings.options, freshnessHours: company.freshnessHours },
      });
      freshness = batchPlan.freshness;
      onBatch(companyPlan(batchPlan, customerList, itemList));
      batch = [];
    };
    const add = (account: string, rows: PackedItem[]) => {
      // Items of an account that is no customer of the company are not planned.
      const customer = customers.get(account);
      if (!customer) return;
      batch.push({ customer, rows });
      if (batch.length >= batchSize) plan();
    };
    for await (const groups of streamOpenItems(tx.db, orgId, company.id)) {
      for (const rows of groups) {
        const account = rows[0]!.customer_account;
        const done = settled.get(account);
        if (done) settled.delete(account);
        add(account, done ? [...rows, ...done] : rows);
      }
    }
    // Customers with nothing open left but a thank-you to come (DUN-6).
    for (const [account, rows] of settled) add(account, rows);
    if (batch.length > 0 || freshness === null) plan();
    return freshness!;
  });
}

/**
 * The company's whole dunning plan for `today` in one: what the to-do shows.
 * @example const { plan } = await planCompany(database, orgId, company, '2024-04-30', new Date());
 */
export async function planCompany(
  database: Database,
  orgId: string,
  company: CompanyRow,
  today: CalendarDate,
  now: Date,
): Promise<CompanyPlan> {
  const plans: DunningPlan[] = [];
  const customers: RunCustomer[] = [];
  const items: RunItem[] = [];
  const freshness = await planCompanyInBatches(database, orgId, company, today, now, (batch) => {
    plans.push(batch.plan);
    customers.push(...batch.customers.values());
    items.push(...batch.items.values());
  });
  const plan: DunningPlan = {
    reminders: plans.flatMap((p) => p.reminders),
    exclusions: plans.flatMap((p) => p.exclusions),
    tasks: plans.flatMap((p) => p.tasks),
    toSendAutomatically: plans.flatMap((p) => p.toSendAutomatically),
    freshness,
  };
  return companyPlan(plan, customers, items);
}

function companyPlan(plan: DunningPlan, customerList: RunCustomer[], itemList: RunItem[]): CompanyPlan {
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
