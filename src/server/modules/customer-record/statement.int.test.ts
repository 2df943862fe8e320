import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import { pdfPageCount, pdfText, renderPagePng } from '../../../../test/support/pdf-tools';
import {
  createTenant,
  createTestApp,
  type Session,
  signIn,
  type TestApp,
  type TestTenant,
  testDatabaseKind,
} from '../../../../test/support/test-app';
import type { AccountSituation, CustomerRecord } from '../../../contracts/customer-record';
import { selectRows } from '../../db/client';
import { formatMoney, formatShortDate } from '../../documents/pdf-page';

const TODAY = '2023-07-31';

const squash = (text: string) => text.replace(/\s+/g, ' ');
const euros = (cents: number) => formatMoney(cents, 'EUR', 'fr').replace(/\u00A0/g, ' ');

describe(`statement PDF of a customer (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let admin: Session;
  /** The customer with the most open items. */
  let customerId: string;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    tenant = await createTenant(t.database);
    other = await createTenant(t.database, { companyCode: 'OTHER' });
    await importSharedFec(t.database, tenant, NEOLEGAL_111, TODAY);
    const [row] = await selectRows<{ id: string }>(
      t.database.db,
      sql`select c.id from customers c join customer_summaries s on s.org_id = c.org_id
          and s.company_id = c.company_id and s.customer_account = c.account
        where c.org_id = ${tenant.orgId} and s.overdue > 0
        order by s.open_item_count desc, c.account limit 1`,
    );
    customerId = row!.id;
    url = `/api/customers/${customerId}/statement.pdf`;
    await t.database.db.execute(
      sql`update customers set sync_address = '{"line1":"12 rue des Lilas","postalCode":"69003","city":"Lyon"}'::jsonb
        where org_id = ${tenant.orgId} and id = ${customerId}`,
    );
    admin = await signIn(t.app, tenant.users.admin.email);
    await t.app.inject({
      method: 'PUT',
      url: `/api/companies/${tenant.companyId}/letterhead`,
      headers: admin.headers,
      payload: { place: 'Lyon', legalForm: 'SAS', siren: '123456789', rcsCity: 'Lyon' },
    });
  });
  afterAll(() => t.close());

  const json = async <T>(path: string) =>
    (await t.app.inject({ method: 'GET', url: path, headers: admin.headers })).json<T>();

  it('lists the open items of the account situation with their amounts, the totals and the aged balance', async () => {
    const response = await t.app.inject({ method: 'GET', url, headers: admin.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^inline; filename="releve-.+-2023-07-31\.pdf"$/);
    const pdf = response.rawPayload;
    const text = squash(pdfText(pdf));
    const situation = await json<AccountSituation>(
      `/api/customers/${customerId}/entries?status=open&pageSize=200`,
    );
    const record = await json<CustomerRecord>(`/api/customers/${customerId}`);
    expect(situation.items.length).toBeGreaterThan(1);
    expect(text).toContain('Relevé de compte au 31 juillet 2023');
    expect(text).toContain(`Compte client : ${record.account}`);
    expect(text).toContain('12 rue des Lilas');
    expect(text).toContain('69003 LYON');
    expect(text).toContain('Fait à Lyon, le 31 juillet 2023');
    for (const item of situation.items) {
      expect(text).toContain(`${formatShortDate(item.documentDate)} ${formatShortDate(item.dueDate)}`);
      expect(text).toContain(euros(item.openAmount));
    }
    // The open total and balance are the record's outstanding; overdue and not due too.
    expect(situation.totals!.open).toBe(record.outstanding.balance);
    expect(text).toContain(`Reste dû ${euros(record.outstanding.balance)}`);
    expect(text).toContain(`dont échu ${euros(record.outstanding.overdue)}`);
    expect(text).toContain(`dont non échu ${euros(record.outstanding.notDue)}`);
    expect(text).toContain(`Solde du compte ${euros(situation.totals!.balance)}`);
    // The aged balance: the record's buckets, under their labels.
    expect(text).toContain('Non échu 1–30 j 31–60 j 61–90 j > 90 j');
    expect(text).toContain(record.outstanding.buckets.map(euros).join(' '));
    expect(text).toContain('RCS Lyon 123 456 789');
    expect(text).toMatch(/1\/\d/);
    renderPagePng(pdf, 1, 'statement-open-items', 100);
  });

  it('with status=all lists every entry with its lettering, and speaks English when asked', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `${url}?status=all&language=en`,
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    const text = squash(pdfText(response.rawPayload));
    const situation = await json<AccountSituation>(
      `/api/customers/${customerId}/entries?status=all&pageSize=200`,
    );
    const lettered = situation.items.filter((i) => i.letteringCode !== '');
    expect(lettered.length).toBeGreaterThan(0);
    expect(text).toContain('Statement of account as of 31 July 2023');
    expect(text).toContain('All entries, with their lettering');
    for (const item of situation.items) expect(text).toContain(squash(item.pieceRef));
    const money = (cents: number) => formatMoney(cents, 'EUR', 'en').replace(/\u00A0/g, ' ');
    expect(text).toContain(
      `Totals ${money(situation.totals!.debit)} ${money(situation.totals!.credit)} ${money(situation.totals!.open)}`,
    );
    expect(pdfPageCount(response.rawPayload)).toBeGreaterThanOrEqual(1);
  });

  it('COL-5 every role reads it; signed out is 401; outside the portfolio or the organization it is a 404', async () => {
    for (const role of ['user', 'viewer'] as const) {
      const session = await signIn(t.app, tenant.users[role].email);
      const response = await t.app.inject({ method: 'GET', url, headers: session.headers });
      expect(response.statusCode, role).toBe(200);
    }
    const signedOut = await t.app.inject({ method: 'GET', url });
    expect(signedOut.statusCode).toBe(401);

    await t.database.db.execute(
      sql`update users set portfolio = '{"salesReps":["Alice"],"collectors":[]}'
        where org_id = ${tenant.orgId} and id = ${tenant.users.user.id}`,
    );
    try {
      const limited = await signIn(t.app, tenant.users.user.email);
      const outside = await t.app.inject({ method: 'GET', url, headers: limited.headers });
      expect(outside.statusCode).toBe(404);
      await t.database.db.execute(
        sql`update customers set sales_rep = 'Alice' where org_id = ${tenant.orgId} and id = ${customerId}`,
      );
      const inside = await t.app.inject({ method: 'GET', url, headers: limited.headers });
      expect(inside.statusCode).toBe(200);
    } finally {
      await t.database.db.execute(
        sql`update users set portfolio = null where org_id = ${tenant.orgId} and id = ${tenant.users.user.id}`,
      );
    }

    const outsider = await signIn(t.app, other.users.admin.email);
    const foreign = await t.app.inject({ method: 'GET', url, headers: outsider.headers });
    expect(foreign.statusCode).toBe(404);
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/customers/00000000-0000-4000-8000-000000000000/statement.pdf',
      headers: admin.headers,
    });
    expect(unknown.statusCode).toBe(404);
  });
});
