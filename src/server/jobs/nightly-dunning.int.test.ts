import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../test/support/ledger-fixtures';
import {
  createTenant,
  createTestDatabase,
  fixedClock,
  type TestTenant,
} from '../../../test/support/test-app';
import { type Database, selectRows } from '../db/client';
import { companyDunningSettings } from '../db/schema';
import { createMailer, type Mailer } from '../mail/mailer';
import type { DunningRunReport } from '../modules/dunning/dunning-run.service';
import { runDueNightlyRuns } from './nightly-dunning';

const TODAY = '2023-07-31';

describe('DUN-12 the nightly run starts at the company time, once a day', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let tenant: TestTenant;
  let mailer: Mailer;
  const clock = fixedClock(TODAY);
  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
    tenant = await createTenant(database);
    await importSharedFec(database, tenant, NEOLEGAL_111, TODAY);
    await database.db.execute(
      sql`update syncs set finished_at = '2023-07-30T20:00:00Z' where org_id = ${tenant.orgId}`,
    );
    await database.db.insert(companyDunningSettings).values({
      orgId: tenant.orgId,
      companyId: tenant.companyId,
      options: {
        grouping: 'perLevel',
        itemMinimum: 0,
        threshold: 0,
        ceiling: null,
        excludeUpcomingPromises: false,
        remindCustomersInCredit: false,
      },
      automationTime: '02:00',
      timeZone: 'Europe/Paris',
    });
    mailer = createMailer(database, clock, { smtp: null });
  });
  afterAll(async () => {
    mailer.close();
    await drop();
  });

  const deps = () => ({ database, mailer, clock });
  const mine = (reports: DunningRunReport[]) => reports.filter((r) => r.company === 'MAIN');

  it('DUN-12 nothing before 02:00 in Paris; at 02:30 one run, even from two instances ticking at once; none later that day', async () => {
    // 23:30 UTC on the 30th is 01:30 in Paris (summer time).
    expect(mine(await runDueNightlyRuns(deps(), new Date('2023-07-30T23:30:00Z')))).toEqual([]);
    const at = new Date('2023-07-31T00:30:00Z');
    const [a, b] = await Promise.all([runDueNightlyRuns(deps(), at), runDueNightlyRuns(deps(), at)]);
    const runs = [...mine(a), ...mine(b)];
    expect(runs).toHaveLength(1);
    expect(runs[0]!.reminders.length).toBeGreaterThan(3);
    expect(runs[0]!.reminders.every((r) => r.status === 'toPrint')).toBe(true);
    expect(mine(await runDueNightlyRuns(deps(), new Date('2023-07-31T18:00:00Z')))).toEqual([]);
    const [row] = await selectRows<{ outcome: string; report: { counts: Record<string, number> } }>(
      database.db,
      sql`select outcome, report from dunning_runs where org_id = ${tenant.orgId}`,
    );
    expect(row).toMatchObject({ outcome: 'ran', report: { counts: { toPrint: runs[0]!.reminders.length } } });
  });

  it('DUN-12 a company whose automation time is cleared never runs at night', async () => {
    await database.db.execute(
      sql`update company_dunning_settings set automation_time = null where org_id = ${tenant.orgId}`,
    );
    await database.db.execute(sql`delete from dunning_runs where org_id = ${tenant.orgId}`);
    expect(mine(await runDueNightlyRuns(deps(), new Date('2023-07-31T03:00:00Z')))).toEqual([]);
  });
});
