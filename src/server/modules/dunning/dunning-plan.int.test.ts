import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import { createTenant, createTestDatabase, type TestTenant } from '../../../../test/support/test-app';
import { type DunningPlan, planReminders } from '../../../domain/dunning/planner';
import { type Database, selectRows } from '../../db/client';
import { getCompanyByCodeOrThrow } from '../companies/companies.queries';
import {
  findDunningCustomers,
  findDunningItems,
  findLastSuccessfulSync,
  loadDunningSettings,
  loadProfiles,
  type PackedItem,
  streamOpenItems,
} from './dunning.queries';
import { type CompanyRow, planCompany, planCompanyInBatches } from './dunning-plan.service';

const TODAY = '2023-07-31';
const NOW = new Date(`${TODAY}T10:00:00Z`);

/** What a plan decides, in an order that does not depend on how it was cut into batches. */
function decisions(plan: Pick<DunningPlan, 'reminders' | 'exclusions' | 'tasks' | 'toSendAutomatically'>) {
  const sorted = (values: string[]) => [...values].sort();
  return {
    reminders: sorted(plan.reminders.map((r) => `${r.key} ${r.total} ${r.itemKeys.join('+')}`)),
    exclusions: sorted(plan.exclusions.map((e) => `${e.customerKey} ${e.reason} ${e.itemKeys.join('+')}`)),
    tasks: sorted(plan.tasks.map((t) => t.reminderKey)),
    automatic: sorted(plan.toSendAutomatically.map((r) => r.key)),
  };
}

describe('DUN-12 the nightly plan, batch by batch', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let tenant: TestTenant;
  let company: CompanyRow;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
    tenant = await createTenant(database);
    await importSharedFec(database, tenant, NEOLEGAL_111, TODAY);
    // Half of the customers get an email (the other variant for the rest, DUN-2); one is on STOP.
    await database.db.execute(
      sql`update customers set sync_email = lower(account) || '@customers.test'
        where org_id = ${tenant.orgId} and right(account, 1) in ('0', '2', '4', '6', '8', 'A', 'E')`,
    );
    company = await getCompanyByCodeOrThrow(database.db, tenant.orgId, 'MAIN');
    // Two invoices reminded at R1 and lettered ten days ago wait for their thank-you (DUN-6).
    const paid = await selectRows<{ entry_key: string }>(
      database.db,
      sql`select e.entry_key from entries e
        where e.org_id = ${tenant.orgId} and e.debit > 0
          and not exists (select 1 from open_items o where o.org_id = e.org_id and o.entry_key = e.entry_key)
        order by e.entry_key limit 2`,
    );
    expect(paid).toHaveLength(2);
    for (const { entry_key: key } of paid) {
      await database.db.execute(
        sql`update entries set lettering_code = 'TY', lettering_date = '2023-07-21'
          where org_id = ${tenant.orgId} and entry_key = ${key}`,
      );
      await database.db.execute(
        sql`insert into item_dunning (org_id, company_id, entry_key, level, last_reminder_date)
          values (${tenant.orgId}, ${company.id}, ${key}, 'R1', '2023-07-01')`,
      );
    }
  });
  afterAll(async () => {
    await drop();
  });

  it('DUN-12 plans the same reminders, exclusions and tasks in batches of 1 and 3 customers as all at once', async () => {
    const profiles = await loadProfiles(database.db, tenant.orgId);
    const settings = await loadDunningSettings(database.db, tenant.orgId, company.id);
    const whole = planReminders({
      today: TODAY,
      now: NOW.toISOString(),
      lastSuccessfulSyncAt: await findLastSuccessfulSync(database.db, tenant.orgId, company.id),
      scenarios: profiles.scenarios,
      customers: await findDunningCustomers(database.db, tenant.orgId, company.id, profiles.defaultId),
      items: await findDunningItems(database.db, tenant.orgId, company.id, TODAY),
      options: { ...settings.options, freshnessHours: company.freshnessHours },
    });
    const expected = decisions(whole);
    expect(expected.reminders.length).toBeGreaterThan(10);
    expect(whole.reminders.some((r) => r.kind === 'thankYou')).toBe(true);
    expect(expected.exclusions.length).toBeGreaterThan(0);

    for (const batchSize of [1, 3]) {
      const plans: DunningPlan[] = [];
      const freshness = await planCompanyInBatches(
        database,
        tenant.orgId,
        company,
        TODAY,
        NOW,
        (batch) => {
          expect(batch.customers.size).toBeLessThanOrEqual(batchSize);
          plans.push(batch.plan);
        },
        batchSize,
      );
      expect(freshness).toEqual(whole.freshness);
      const merged = {
        reminders: plans.flatMap((p) => p.reminders),
        exclusions: plans.flatMap((p) => p.exclusions),
        tasks: plans.flatMap((p) => p.tasks),
        toSendAutomatically: plans.flatMap((p) => p.toSendAutomatically),
      };
      expect(decisions(merged)).toEqual(expected);
    }
    expect(decisions((await planCompany(database, tenant.orgId, company, TODAY, NOW)).plan)).toEqual(
      expected,
    );
  });

  it("DUN-12 streams each customer's open items together, whole, across fetches of 2 rows", async () => {
    const streamed: PackedItem[][] = await database.transaction(async (tx) => {
      const groups: PackedItem[][] = [];
      for await (const chunk of streamOpenItems(tx.db, tenant.orgId, company.id, 2)) groups.push(...chunk);
      return groups;
    });
    const accounts = streamed.map((g) => g[0]!.customer_account);
    expect(new Set(accounts).size).toBe(accounts.length);
    for (const group of streamed) expect(new Set(group.map((i) => i.customer_account)).size).toBe(1);
    const rows = await selectRows<{ entry_key: string }>(
      database.db,
      sql`select entry_key from open_items where org_id = ${tenant.orgId} and company_id = ${company.id}`,
    );
    expect(
      streamed
        .flat()
        .map((i) => i.entry_key)
        .sort(),
    ).toEqual(rows.map((r) => r.entry_key).sort());
    expect(accounts.length).toBe(new Set(rows.map((r) => r.entry_key.split('\x1f')[0])).size);
    // Some customers have more items than a fetch holds: their items came in several fetches.
    expect(streamed.some((g) => g.length > 2)).toBe(true);
  });
});
