import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenant,
  createTestApp,
  type Session,
  signIn,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';
import type { Alert, Alerts } from '../../../contracts/alerts';
import { selectRows } from '../../db/client';
import { runSync } from '../../import/sync.service';
import { createCompany } from '../companies/companies.queries';

const FEC = join(import.meta.dirname, '../../../../../shared/data/fec/neolegal__111111111FEC20221231.TXT');
/**
 * Five years after the FEC's invoices: a merchant invoice due 2023-06-18 prescribes on 2028-06-18,
 * 48 days ahead; one due after 2023-07-30 is more than 90 days from it.
 */
const TODAY = '2028-05-01';
/** The test clock's instant (fixedClock: 10:00 UTC on TODAY). */
const NOW = new Date(`${TODAY}T10:00:00Z`);

type AlertOf<K extends Alert['kind']> = Alert & { kind: K };

describe('alerts (VIS-9) on a real FEC', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let admin: Session;

  async function alerts(session: Session = admin, query = ''): Promise<Alerts> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/alerts${query}`,
      headers: session.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Alerts>();
  }
  async function alert<K extends Alert['kind']>(kind: K, session: Session = admin): Promise<AlertOf<K>> {
    const found = (await alerts(session)).alerts.find((a) => a.kind === kind);
    expect(found, kind).toBeDefined();
    return found as AlertOf<K>;
  }
  const setConsumer = (account: string, isConsumer: boolean) =>
    t.database.db.execute(
      sql`update customers set is_consumer = ${isConsumer} where org_id = ${tenant.orgId} and account = ${account}`,
    );
  const setLastSync = (hoursAgo: number) =>
    t.database.db.execute(
      sql`update syncs set finished_at = ${new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString()}::timestamptz
        where org_id = ${tenant.orgId} and company_id = ${tenant.companyId}`,
    );

  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    tenant = await createTenant(t.database);
    const outcome = await runSync(t.database, {
      orgId: tenant.orgId,
      companyId: tenant.companyId,
      source: 'fec',
      filePath: FEC,
      fileName: 'fec.txt',
      userId: null,
      trigger: 'cli',
      today: '2023-06-30',
      now: new Date('2023-06-30T08:00:00Z'),
    });
    expect(outcome.status).toBe('succeeded');
    admin = await signIn(t.app, tenant.users.admin.email);
  });
  afterAll(() => t.close());

  it('VIS-9 DUN-15 lists every kind, the ledger’s and the dunning ones, each counted', async () => {
    const body = await alerts();
    expect(body.asOf).toBe(TODAY);
    expect(body.prescriptionWarningDays).toBe(90);
    expect(body.alerts.map((a) => [a.kind, a.available])).toEqual([
      ['staleSync', true],
      ['prescription', true],
      ['missingEmail', true],
      ['missingAddress', true],
      ['failedEmails', true],
      ['overdueActions', true],
      ['latePromises', true],
      ['stopWithOverdue', true],
    ]);
    // Nothing was reminded yet.
    for (const kind of ['failedEmails', 'overdueActions', 'latePromises', 'stopWithOverdue'] as const)
      expect(await alert(kind)).toMatchObject({ count: 0, rows: [] });
  });

  it('DUN-15 an email refused or bounced, an action past its date, a promise not kept, a customer on STOP with overdue items', async () => {
    const db = t.database.db;
    const org = tenant.orgId;
    const company = tenant.companyId;
    const [a, b, c, d] = (
      await selectRows<{ customer_account: string; entry_key: string }>(
        db,
        sql`select distinct on (customer_account) customer_account, entry_key from open_items
          where org_id = ${org} and amount > 0 order by customer_account, entry_key limit 4`,
      )
    ).map((r) => r);
    await db.execute(
      sql`insert into reminders (org_id, company_id, key, customer_account, kind, step_index, channel, items, total,
          currency, planned_for, status, actor, error, created_at)
        values (${org}, ${company}, 'k-bounced', ${a!.customer_account}, 'reminder', 1, 'email', '[]', 100, 'EUR',
          ${TODAY}, 'bounced', 'automatic', '5.1.1 User unknown', ${`${TODAY}T02:00:00Z`}),
          (${org}, ${company}, 'k-old', ${b!.customer_account}, 'reminder', 1, 'email', '[]', 100, 'EUR',
          '2028-01-01', 'failed', 'automatic', '550', '2028-01-01T02:00:00Z')`,
    );
    await db.execute(
      sql`insert into dunning_tasks (org_id, company_id, key, customer_account, channel, item_keys, due_date)
        values (${org}, ${company}, 't-late', ${b!.customer_account}, 'phone', '[]', '2028-04-20'),
          (${org}, ${company}, 't-today', ${c!.customer_account}, 'phone', '[]', ${TODAY})`,
    );
    await db.execute(
      sql`insert into item_promises (org_id, company_id, entry_key, amount, promised_for, created_by)
        values (${org}, ${company}, ${c!.entry_key}, 100, '2028-04-25', ${tenant.users.admin.id}),
          (${org}, ${company}, ${d!.entry_key}, 100, '2028-06-01', ${tenant.users.admin.id})`,
    );
    await db.execute(
      sql`insert into customer_dunning (org_id, company_id, customer_account, stop_reason)
        values (${org}, ${company}, ${d!.customer_account}, 'Litige')`,
    );
    const accounts = async (kind: 'failedEmails' | 'overdueActions' | 'latePromises' | 'stopWithOverdue') =>
      (await alert(kind)).rows.map((r) => r.account);
    // The failure of January is older than 30 days; the task due today is not late yet.
    expect(await accounts('failedEmails')).toEqual([a!.customer_account]);
    expect(await accounts('overdueActions')).toEqual([b!.customer_account]);
    // The promise of the 25th is past; the one of June is not.
    expect(await accounts('latePromises')).toEqual([c!.customer_account]);
    expect(await accounts('stopWithOverdue')).toEqual([d!.customer_account]);
    const row = (await alert('failedEmails')).rows[0]!;
    expect(row.href).toBe(`/customers/${row.customerId}`);
    // COL-5: a user whose portfolio holds none of them sees none.
    await db.execute(
      sql`update users set portfolio = '{"salesReps":["Personne"],"collectors":[]}' where org_id = ${org} and id = ${tenant.users.user.id}`,
    );
    const user = await signIn(t.app, tenant.users.user.email);
    for (const kind of ['failedEmails', 'overdueActions', 'latePromises', 'stopWithOverdue'] as const)
      expect(await alert(kind, user)).toMatchObject({ count: 0 });
    await db.execute(
      sql`update users set portfolio = null where org_id = ${org} and id = ${tenant.users.user.id}`,
    );
  });

  it('VIS-9 an invoice prescribes 5 years after its due date between merchants, 2 years against a consumer', async () => {
    await setConsumer('41104815', false);
    const merchant = await alert('prescription');
    const row = merchant.rows.find((r) => r.account === '41104815');
    expect(row).toEqual(
      expect.objectContaining({
        debtor: 'merchant',
        dueDate: '2023-06-18',
        openAmount: 3704,
        prescriptionDate: '2028-06-18',
        status: 'approaching',
        daysLeft: 48,
        href: `/customers/${row?.customerId}`,
      }),
    );
    expect(row!.pieceRef).not.toBe('');
    // Every open debit due by 2023-07-30 (5 years before today + 90 days), and none after; those
    // due by 2023-04-30 prescribed on 2028-04-30 or earlier.
    const [expected] = await selectRows<{ count: number; prescribed: number }>(
      t.database.db,
      sql`select count(*)::int as count, (count(*) filter (where due_date <= '2023-04-30'))::int as prescribed
        from open_items where org_id = ${tenant.orgId} and amount > 0 and due_date <= '2023-07-30'`,
    );
    expect(merchant.count).toBe(expected!.count);
    expect(merchant.prescribedCount).toBe(expected!.prescribed);
    expect(merchant.count).toBeGreaterThan(merchant.rows.length);
    expect(merchant.rows).toHaveLength(5);

    await setConsumer('41104815', true);
    const consumer = await alert('prescription');
    expect(consumer.count).toBe(merchant.count);
    expect(consumer.prescribedCount).toBe(expected!.prescribed + 1);
    // Those still to act on come first: the prescribed one is not among the first five.
    expect(consumer.rows.every((r) => r.status === 'approaching')).toBe(true);
    await setConsumer('41104815', false);
  });

  it('VIS-9 the same invoice against a consumer prescribed 2 years after its due date; COL-5 only the portfolio’s invoices', async () => {
    await t.database.db.execute(
      sql`update customers set sales_rep = 'Zoé' where org_id = ${tenant.orgId} and account = '41104815'`,
    );
    await t.database.db.execute(
      sql`update users set portfolio = '{"salesReps":["Zoé"],"collectors":[]}' where org_id = ${tenant.orgId} and id = ${tenant.users.user.id}`,
    );
    const user = await signIn(t.app, tenant.users.user.email);
    expect((await alert('prescription', user)).rows.map((r) => [r.account, r.status, r.debtor])).toEqual([
      ['41104815', 'approaching', 'merchant'],
    ]);
    await setConsumer('41104815', true);
    const consumer = await alert('prescription', user);
    expect(consumer).toMatchObject({ count: 1, prescribedCount: 1 });
    expect(consumer.rows[0]).toMatchObject({
      debtor: 'consumer',
      prescriptionDate: '2025-06-18',
      status: 'prescribed',
      daysLeft: -1048,
    });
    await setConsumer('41104815', false);
  });

  it('DUN-12 the sync alert: fresh at 23 h of a 24 h window, stale at 25 h; a company never synced is listed', async () => {
    await setLastSync(23);
    expect((await alert('staleSync')).count).toBe(0);
    await setLastSync(25);
    const stale = await alert('staleSync');
    expect(stale.count).toBe(1);
    expect(stale.rows[0]).toEqual({
      companyId: tenant.companyId,
      companyCode: 'MAIN',
      companyName: 'Main company',
      lastSyncAt: new Date(NOW.getTime() - 25 * 3_600_000).toISOString(),
      freshnessHours: 24,
      href: `/import?companyId=${tenant.companyId}`,
    });
    // A window of 48 h makes 25 h fresh again.
    await t.database.db.execute(
      sql`update companies set freshness_hours = 48 where org_id = ${tenant.orgId} and id = ${tenant.companyId}`,
    );
    expect((await alert('staleSync')).count).toBe(0);

    const second = await createCompany(t.database.db, tenant.orgId, {
      code: 'SECOND',
      name: 'Second company',
      currency: 'EUR',
      defaultTerms: '30 days net',
      receivablePrefixes: ['411'],
    });
    const never = await alert('staleSync');
    expect(never.rows).toEqual([expect.objectContaining({ companyId: second.id, lastSyncAt: null })]);
    // The sync alert is the organization's: a user limited to an empty portfolio sees it too.
    await t.database.db.execute(
      sql`update users set portfolio = '{"salesReps":[],"collectors":[]}' where org_id = ${tenant.orgId} and id = ${tenant.users.viewer.id}`,
    );
    const viewer = await signIn(t.app, tenant.users.viewer.email);
    expect((await alert('staleSync', viewer)).count).toBe(1);
    expect((await alert('missingEmail', viewer)).count).toBe(0);
    const onlyMain = (await alerts(admin, `?companyId=${tenant.companyId}`)).alerts.find(
      (a) => a.kind === 'staleSync',
    );
    expect(onlyMain).toMatchObject({ count: 0 });
    await t.database.db.execute(
      sql`update companies set freshness_hours = 24 where org_id = ${tenant.orgId} and id = ${tenant.companyId}`,
    );
  });

  it('VIS-9 customers owing something without an email, then without a postal address', async () => {
    const [owing] = await selectRows<{ count: number }>(
      t.database.db,
      sql`select count(*)::int as count from customer_summaries where org_id = ${tenant.orgId} and balance > 0`,
    );
    const before = await alert('missingEmail');
    // A FEC carries no email: every customer owing something is listed, the largest balance first.
    expect(before.count).toBe(owing!.count);
    expect(before.rows).toHaveLength(5);
    expect(before.rows.map((r) => r.balance)).toEqual(
      [...before.rows.map((r) => r.balance)].sort((a, b) => b - a),
    );
    const [first, second, third, fourth] = before.rows as [
      (typeof before.rows)[0],
      (typeof before.rows)[0],
      (typeof before.rows)[0],
      (typeof before.rows)[0],
    ];
    expect(first.href).toBe(`/customers/${first.customerId}`);

    const db = t.database.db;
    await db.execute(
      sql`update customers set sync_email = 'compta@example.test' where id = ${first.customerId}`,
    );
    await db.execute(
      sql`update customers set manual_contact = '{"email":"paul@example.test"}' where id = ${second.customerId}`,
    );
    await db.execute(sql`insert into contacts (org_id, company_id, customer_account, source, name, email)
      values (${tenant.orgId}, ${tenant.companyId}, ${third.account}, 'manual', 'Jeanne', 'jeanne@example.test')`);
    // An override typed empty wins over the synchronized email (IMP-8): no email.
    await db.execute(
      sql`update customers set sync_email = 'x@example.test', manual_contact = '{"email":" "}' where id = ${fourth.customerId}`,
    );
    const after = await alert('missingEmail');
    expect(after.count).toBe(owing!.count - 3);
    expect(after.rows.map((r) => r.customerId)).not.toContain(first.customerId);
    expect(after.rows.map((r) => r.customerId)).toContain(fourth.customerId);

    const addresses = await alert('missingAddress');
    expect(addresses.count).toBe(owing!.count);
    await db.execute(
      sql`update customers set sync_address = '{"line1":"3 rue des Lilas","postalCode":"31000"}' where id = ${first.customerId}`,
    );
    // A city alone is no address to post a letter to.
    await db.execute(
      sql`update customers set sync_address = '{"city":"Toulouse"}' where id = ${second.customerId}`,
    );
    await db.execute(
      sql`update customers set manual_contact = '{"address":{"line1":"1 place du Capitole","city":"Toulouse"}}' where id = ${third.customerId}`,
    );
    const afterAddress = await alert('missingAddress');
    expect(afterAddress.count).toBe(owing!.count - 2);
    expect(afterAddress.rows.map((r) => r.customerId)).toContain(second.customerId);
  });

  it('COL-5 portfolio, viewer and other organizations', async () => {
    await t.database.db.execute(
      sql`update customers set sales_rep = 'Zoé' where org_id = ${tenant.orgId} and account = '41104815'`,
    );
    await t.database.db.execute(
      sql`update users set portfolio = '{"salesReps":["Zoé"],"collectors":[]}' where org_id = ${tenant.orgId} and id = ${tenant.users.user.id}`,
    );
    const user = await signIn(t.app, tenant.users.user.email);
    const mine = await alert('missingEmail', user);
    expect(mine.rows.map((r) => r.account)).toEqual(['41104815']);

    const viewer = await signIn(t.app, tenant.users.viewer.email);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/alerts', headers: viewer.headers })).statusCode,
    ).toBe(200);

    const other = await createTenant(t.database, { companyCode: 'OTHER' });
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/alerts?companyId=${other.companyId}`,
      headers: admin.headers,
    });
    expect(foreign.statusCode).toBe(404);
    const otherAdmin = await signIn(t.app, other.users.admin.email);
    const theirs = await alerts(otherAdmin);
    expect(theirs.alerts.find((a) => a.kind === 'missingEmail')).toMatchObject({ count: 0, rows: [] });
    expect(theirs.alerts.find((a) => a.kind === 'staleSync')).toMatchObject({
      count: 1,
      rows: [expect.objectContaining({ companyCode: 'OTHER', lastSyncAt: null })],
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/alerts' })).statusCode).toBe(401);
  });
});
