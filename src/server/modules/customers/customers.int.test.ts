import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import {
  createTenant,
  createTestApp,
  signIn,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';

describe('customers list: portfolio, filters, stale summaries', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await createTestApp({ today: '2023-06-30' });
    tenant = await createTenant(t.database);
    await importSharedFec(t.database, tenant, NEOLEGAL_111, '2023-06-01');
    // Two customers followed by the sales rep Alice, one by the collector Bob.
    await t.database.db.execute(
      sql`update customers set sales_rep = 'Alice' where org_id = ${tenant.orgId} and account in ('41101050', '41102430')`,
    );
    await t.database.db.execute(
      sql`update customers set collector = 'Bob' where org_id = ${tenant.orgId} and account = '41104815'`,
    );
  });
  afterAll(() => t.close());

  it('COL-5 a user limited to a portfolio sees only its customers; an admin sees all', async () => {
    await t.database.db.execute(
      sql`update users set portfolio = '{"salesReps":["Alice"],"collectors":["Bob"]}' where org_id = ${tenant.orgId} and id = ${tenant.users.user.id}`,
    );
    await t.database.db.execute(
      sql`update users set portfolio = '{"salesReps":[],"collectors":[]}' where org_id = ${tenant.orgId} and id = ${tenant.users.viewer.id}`,
    );
    const user = await signIn(t.app, tenant.users.user.email);
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/customers?sort=account&direction=asc',
      headers: user.headers,
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((c: { account: string }) => c.account)).toEqual([
      '41101050',
      '41102430',
      '41104815',
    ]);
    const viewer = await signIn(t.app, tenant.users.viewer.email);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/customers', headers: viewer.headers })).json().total,
    ).toBe(0);
    const admin = await signIn(t.app, tenant.users.admin.email);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/customers', headers: admin.headers })).json().total,
    ).toBe(34);
  });

  it('VIS-1 summaries computed for an earlier day are refreshed for today before the list answers', async () => {
    const admin = await signIn(t.app, tenant.users.admin.email);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/customers?search=41104815',
      headers: admin.headers,
    });
    // 37.04 due 2023-06-18: not yet due on 2023-06-01 (the import), overdue on 2023-06-30 (today).
    expect(response.json()).toMatchObject({ asOf: '2023-06-30', total: 1 });
    expect(response.json().items[0]).toMatchObject({ balance: 3704, overdue: 3704, notDue: 0 });
  });

  it('searches by name or account and filters overdue customers, with totals over every match', async () => {
    const admin = await signIn(t.app, tenant.users.admin.email);
    const overdue = await t.app.inject({
      method: 'GET',
      url: '/api/customers?filter=overdue&pageSize=5',
      headers: admin.headers,
    });
    const body = overdue.json();
    expect(body.items).toHaveLength(5);
    expect(body.items.every((c: { overdue: number }) => c.overdue > 0)).toBe(true);
    expect(body.totals[0].overdue).toBeGreaterThanOrEqual(
      body.items.reduce((n: number, c: { overdue: number }) => n + c.overdue, 0),
    );
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/customers?pageSize=1000',
      headers: admin.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('pageSize');
  });

  it("COL-6 who owes what exports to CSV and XLSX with the list's filters and a totals line", async () => {
    const admin = await signIn(t.app, tenant.users.admin.email);
    const list = (
      await t.app.inject({
        method: 'GET',
        url: '/api/customers?filter=overdue&pageSize=200',
        headers: admin.headers,
      })
    ).json();
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/customers/export?filter=overdue&format=csv',
      headers: admin.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('qui-vous-doit-quoi-2023-06-30.csv');
    // The admin reads French: semicolons and decimal commas.
    const records = parse(csv.body.replace(/^\uFEFF/, ''), {
      delimiter: ';',
      relax_column_count: true,
    }) as string[][];
    const [header, ...rest] = records;
    expect(header).toContain('Échu');
    const data = rest.slice(0, -1);
    expect(data.map((r) => r[1])).toEqual(list.items.map((c: { account: string }) => c.account));
    const totals = rest.at(-1)!;
    expect(totals[0]).toBe('Totaux');
    const overdueAt = header!.indexOf('Échu');
    expect(Math.round(Number(totals[overdueAt]!.replace(',', '.')) * 100)).toBe(list.totals[0].overdue);

    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/customers/export?format=xlsx&search=41104815',
      headers: admin.headers,
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(3); // header, the customer, totals
    expect(sheet.getRow(2).getCell(2).value).toBe('41104815');
    expect(sheet.getRow(2).getCell(8).value).toBe(37.04);
    expect(sheet.getRow(3).getCell(1).value).toBe('Totaux');
  });

  it("COL-5 the export is scoped like the list; another organization's company answers 404", async () => {
    const viewer = await signIn(t.app, tenant.users.viewer.email);
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/customers/export?format=csv',
      headers: viewer.headers,
    });
    expect(csv.statusCode).toBe(200);
    // The viewer's portfolio is empty (first test): the header and no totals line.
    expect(csv.body.trim().split('\n')).toHaveLength(1);
    const other = await createTenant(t.database);
    const session = await signIn(t.app, other.users.admin.email);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/customers/export?format=csv&companyId=${tenant.companyId}`,
      headers: session.headers,
    });
    expect(response.statusCode).toBe(404);
  });
});
