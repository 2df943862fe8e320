import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, fixedClock, testDatabaseKind } from '../../../test/support/test-app';
import { type Database, selectRows } from '../db/client';
import { ensureDemoOrganization } from './seed';

describe(`the demo organization (${testDatabaseKind()})`, () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
  });
  afterAll(() => drop());

  it('has two companies, about 300 customers and 20,000 entries over two years, with good and late payers', async () => {
    const clock = fixedClock('2026-11-23');
    // What a seed killed half-way leaves: the organization and a company, no users yet.
    const [orphan] = await selectRows<{ id: string }>(
      database.db,
      sql`insert into organizations (name) values ('Groupe Morel (démo)') returning id`,
    );
    await database.db.execute(
      sql`insert into companies (org_id, code, name) values (${orphan!.id}, 'ATELIERS', 'Half')`,
    );
    const first = await ensureDemoOrganization(database, clock);
    const organizations = await selectRows(database.db, sql`select id from organizations`);
    expect(organizations).toEqual([{ id: first.orgId }]);
    expect(first.created).toBe(true);
    const [figures] = await selectRows<Record<string, number>>(
      database.db,
      sql`select
        (select count(*)::int from companies where org_id = ${first.orgId}) as companies,
        (select count(*)::int from customers where org_id = ${first.orgId}) as customers,
        (select count(*)::int from entries where org_id = ${first.orgId}) as entries,
        (select count(*)::int from entries where org_id = ${first.orgId} and lettering_code <> '') as lettered,
        (select count(*)::int from open_items where org_id = ${first.orgId} and is_partial) as partial_items,
        (select count(*)::int from entries where org_id = ${first.orgId} and currency = 'USD') as usd_entries,
        (select min(entry_date)::text from entries where org_id = ${first.orgId}) as first_date,
        (select count(*)::int from customer_summaries where org_id = ${first.orgId} and overdue > 0) as late_payers,
        (select count(*)::int from customer_summaries where org_id = ${first.orgId} and overdue = 0 and balance > 0) as on_time,
        (select count(*)::int from customers c where org_id = ${first.orgId} and sync_email is null
          and not exists (select 1 from contacts k where k.org_id = c.org_id and k.company_id = c.company_id
            and k.customer_account = c.account and k.email is not null)) as without_email,
        (select count(*)::int from users where org_id = ${first.orgId}) as users`,
    );
    expect(figures).toMatchObject({ companies: 2, customers: 300, users: 3 });
    expect(figures!.entries).toBeGreaterThan(17_000);
    expect(figures!.entries).toBeLessThan(23_000);
    expect(figures!.lettered).toBeGreaterThan((figures!.entries ?? 0) / 2);
    expect(figures!.partial_items).toBeGreaterThan(0);
    expect(figures!.usd_entries).toBeGreaterThan(0);
    expect(String(figures!.first_date) <= '2024-11-23').toBe(true);
    expect(figures!.late_payers).toBeGreaterThan(20);
    expect(figures!.on_time).toBeGreaterThan(20);
    expect(figures!.without_email).toBeGreaterThan(10);

    // VIS-8: fifteen customers exist in both companies under one external id; COL-5: the demo
    // user follows one sales rep; VIS-3: a year of snapshots per company.
    const [shared] = await selectRows<{ groups: number; snapshots: number; portfolio: unknown }>(
      database.db,
      sql`select (select count(*)::int from (select external_id from customers where org_id = ${first.orgId}
          and external_id is not null group by external_id having count(distinct company_id) = 2) g) as groups,
        (select count(*)::int from kpi_snapshots where org_id = ${first.orgId}) as snapshots,
        (select portfolio from users where org_id = ${first.orgId} and email = 'user@encours.test') as portfolio`,
    );
    expect(shared).toEqual({
      groups: 15,
      snapshots: 26,
      portfolio: { salesReps: ['Julien Lefèvre'], collectors: [] },
    });

    // A second start finds it and changes nothing.
    const second = await ensureDemoOrganization(database, clock);
    expect(second).toEqual({ orgId: first.orgId, email: first.email, created: false });
  });
});
