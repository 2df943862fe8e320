import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import { createTenant, createTestDatabase, type TestTenant } from '../../../../test/support/test-app';
import { type Database, selectRows } from '../../db/client';
import { backfillKpiSnapshots } from './kpi-backfill';

describe('KPI snapshots rebuilt from the ledger', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let tenant: TestTenant;
  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
    tenant = await createTenant(database);
    await importSharedFec(database, tenant, NEOLEGAL_111, '2023-08-15');
  });
  afterAll(() => drop());

  it('VIS-3 each month end gets the balance the ledger had then; days already recorded are kept', async () => {
    const written = await database.transaction((tx) =>
      backfillKpiSnapshots(tx, {
        orgId: tenant.orgId,
        companyId: tenant.companyId,
        today: '2023-08-15',
        defaultTerms: '30 days net',
      }),
    );
    expect(written).toBe(12);
    const snapshots = await selectRows<{
      day: string;
      balance: number;
      overdue: number;
      not_due: number;
      buckets: number[];
    }>(
      database.db,
      sql`select day::text as day, balance, overdue, not_due, buckets from kpi_snapshots
        where org_id = ${tenant.orgId} order by day`,
    );
    expect(snapshots.map((s) => s.day)).toEqual([
      '2022-08-31',
      '2022-09-30',
      '2022-10-31',
      '2022-11-30',
      '2022-12-31',
      '2023-01-31',
      '2023-02-28',
      '2023-03-31',
      '2023-04-30',
      '2023-05-31',
      '2023-06-30',
      '2023-07-31',
      '2023-08-15',
    ]);
    // The balance of a day does not depend on lettering: the sum of what was booked by then.
    const booked = await selectRows<{ day: string; balance: number }>(
      database.db,
      sql`select d.day::text as day, coalesce(sum(e.debit - e.credit), 0)::bigint as balance
      from unnest(${sql.param(snapshots.map((s) => s.day))}::date[]) d(day)
      left join entries e on e.org_id = ${tenant.orgId} and e.entry_date <= d.day
      group by d.day order by d.day`,
    );
    expect(snapshots.map((s) => [s.day, s.balance])).toEqual(booked.map((b) => [b.day, b.balance]));
    expect(snapshots.at(-1)!.balance).toBe(1_441_652);
    expect(snapshots.at(-2)!.balance).toBe(1_441_652); // nothing booked after July
    expect(snapshots[3]!.balance).toBe(0); // before the first entry
    for (const s of snapshots) {
      expect(s.overdue + s.not_due).toBe(s.balance);
      expect(s.buckets.reduce((a, b) => a + b, 0)).toBe(s.balance);
    }
    const again = await database.transaction((tx) =>
      backfillKpiSnapshots(tx, {
        orgId: tenant.orgId,
        companyId: tenant.companyId,
        today: '2023-08-15',
        defaultTerms: '30 days net',
      }),
    );
    expect(again).toBe(0);
  });
});
