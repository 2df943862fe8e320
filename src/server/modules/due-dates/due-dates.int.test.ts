import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenant,
  createTestApp,
  type Session,
  signIn,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';
import type { DueDateList, DueDateRow } from '../../../contracts/due-dates';
import { selectRows } from '../../db/client';
import { runSync } from '../../import/sync.service';
import { refreshCompanyReceivables } from '../receivables/company-refresh';

const FEC = join(import.meta.dirname, '../../../../../shared/data/fec/neolegal__111111111FEC20221231.TXT');
const TODAY = '2023-06-30';

describe('due-date tracking (VIS-5) on a real FEC', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let admin: Session;

  async function list(query: string, session: Session = admin): Promise<DueDateList> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/due-dates?${query}`,
      headers: session.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<DueDateList>();
  }

  /** Every matching row, page after page. */
  async function all(query: string): Promise<DueDateRow[]> {
    const rows: DueDateRow[] = [];
    for (let page = 1; ; page++) {
      const body = await list(`${query}&pageSize=200&page=${page}`);
      rows.push(...body.items);
      if (rows.length >= body.total || body.items.length === 0) return rows;
    }
  }

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
      today: TODAY,
      now: new Date(`${TODAY}T08:00:00Z`),
    });
    expect(outcome.status).toBe('succeeded');
    admin = await signIn(t.app, tenant.users.admin.email);
  });
  afterAll(() => t.close());

  it('VIS-5 one row per open item; open amounts add up to each customer balance and to the outstanding', async () => {
    const rows = await all('sort=customer');
    const [{ count }] = (await selectRows<{ count: number }>(
      t.database.db,
      sql`select count(*)::int as count from open_items where org_id = ${tenant.orgId}`,
    )) as [{ count: number }];
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((r) => r.entryKey)).size).toBe(count);
    expect(rows.reduce((n, r) => n + r.openAmount, 0)).toBe(1_441_652);

    const byCustomer = new Map<string, number>();
    for (const row of rows)
      byCustomer.set(row.customerAccount, (byCustomer.get(row.customerAccount) ?? 0) + row.openAmount);
    const summaries = await selectRows<{ customer_account: string; balance: number }>(
      t.database.db,
      sql`select customer_account, balance from customer_summaries where org_id = ${tenant.orgId}`,
    );
    expect(summaries.filter((s) => byCustomer.has(s.customer_account))).toHaveLength(byCustomer.size);
    // Customers with nothing open have a summary of zeros.
    for (const s of summaries)
      expect(byCustomer.get(s.customer_account) ?? 0, s.customer_account).toBe(s.balance);
    const summarized = new Set(summaries.map((s) => s.customer_account));
    for (const account of byCustomer.keys()) expect(summarized.has(account), account).toBe(true);
  });

  it('VIS-1 days late of a debit: today − due − 1; with its piece, dates, amounts and status', async () => {
    const { items } = await list('search=41104815');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      customerAccount: '41104815',
      companyCode: 'MAIN',
      currency: 'EUR',
      dueDate: '2023-06-18',
      openAmount: 3704,
      entryAmount: 3704,
      daysLate: 11,
      status: 'overdue',
      side: 'debit',
    });
    expect(items[0]!.pieceRef).not.toBe('');
    expect(items[0]!.documentDate <= items[0]!.dueDate).toBe(true);
  });

  it('VIS-1 days late of a credit: today − due (an unallocated payment of 371.94 on 2023-05-10)', async () => {
    const { items } = await list('search=41104250&side=credit');
    const payment = items.find((r) => r.openAmount === -37_194);
    expect(payment).toMatchObject({
      dueDate: '2023-05-10',
      entryAmount: -37_194,
      daysLate: 51,
      status: 'overdue',
      side: 'credit',
    });
  });

  it('VIS-5 filters: status, side, due dates, days late, search and minimum amount', async () => {
    const everything = await all('');
    const overdue = await all('status=overdue');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((r) => r.dueDate < TODAY && r.status === 'overdue')).toBe(true);
    const notDue = await all('status=notDue');
    expect(notDue.every((r) => r.dueDate >= TODAY && r.status === 'notDue')).toBe(true);
    expect(overdue.length + notDue.length).toBe(everything.length);

    const credits = await all('side=credit');
    expect(credits.length).toBeGreaterThan(0);
    expect(credits.every((r) => r.openAmount < 0)).toBe(true);

    const june = await all('dueFrom=2023-06-01&dueTo=2023-06-18');
    expect(june.length).toBeGreaterThan(0);
    expect(june.every((r) => r.dueDate >= '2023-06-01' && r.dueDate <= '2023-06-18')).toBe(true);
    expect(june).toHaveLength(
      everything.filter((r) => r.dueDate >= '2023-06-01' && r.dueDate <= '2023-06-18').length,
    );

    // Days late as shown (VIS-1), bounds included: a debit due 2023-06-18 is 11 days late.
    const range = await all('daysLateMin=11&daysLateMax=30');
    expect(range.map((r) => r.daysLate).every((d) => d >= 11 && d <= 30)).toBe(true);
    expect(range).toHaveLength(everything.filter((r) => r.daysLate >= 11 && r.daysLate <= 30).length);
    expect(range.some((r) => r.customerAccount === '41104815')).toBe(true);
    expect((await all('daysLateMin=12')).some((r) => r.customerAccount === '41104815')).toBe(false);
    const credit = everything.find((r) => r.side === 'credit' && r.daysLate > 0)!;
    const exact = await all(`daysLateMin=${credit.daysLate}&daysLateMax=${credit.daysLate}`);
    expect(exact.map((r) => r.entryKey)).toContain(credit.entryKey);

    const big = await all('minAmount=100000');
    expect(big.length).toBeGreaterThan(0);
    expect(big.every((r) => Math.abs(r.openAmount) >= 100_000)).toBe(true);
    expect(big).toHaveLength(everything.filter((r) => Math.abs(r.openAmount) >= 100_000).length);

    const name = everything.find((r) => r.customerAccount === '41104815')!.customerName;
    const byName = await all(`search=${encodeURIComponent(name.slice(0, 8).toLowerCase())}`);
    expect(byName.map((r) => r.customerAccount)).toContain('41104815');
    expect(byName.every((r) => r.customerName.toLowerCase().includes(name.slice(0, 8).toLowerCase()))).toBe(
      true,
    );
  });

  it('VIS-5 sorts by due date, days late, amount and customer, in both directions', async () => {
    const ordered = <T>(values: T[], compare: (a: T, b: T) => number) =>
      values.every((v, i) => i === 0 || compare(values[i - 1]!, v) <= 0);
    const byDue = await all('sort=dueDate');
    expect(ordered(byDue, (a, b) => a.dueDate.localeCompare(b.dueDate))).toBe(true);
    const byDaysLate = await all('sort=daysLate&direction=desc');
    expect(ordered(byDaysLate, (a, b) => b.daysLate - a.daysLate)).toBe(true);
    const byAmount = await all('sort=amount&direction=desc');
    expect(ordered(byAmount, (a, b) => b.openAmount - a.openAmount)).toBe(true);
    expect(byAmount.at(-1)!.openAmount).toBeLessThan(0);
    const byCustomer = await all('sort=customer');
    expect(
      ordered(byCustomer, (a, b) =>
        a.customerName.toLowerCase().localeCompare(b.customerName.toLowerCase(), 'en'),
      ),
    ).toBe(true);
    // Pages never overlap or skip a row.
    expect(new Set(byAmount.map((r) => r.entryKey)).size).toBe(byAmount.length);
  });

  it('VIS-5 totals cover every matching open item, not only the page', async () => {
    const page = await list('status=overdue&pageSize=3');
    expect(page.items).toHaveLength(3);
    const rows = await all('status=overdue');
    expect(page.total).toBe(rows.length);
    expect(page.totals).toEqual([
      {
        currency: 'EUR',
        count: rows.length,
        balance: rows.reduce((n, r) => n + r.openAmount, 0),
        overdue: rows.reduce((n, r) => n + r.openAmount, 0),
        notDue: 0,
      },
    ]);
    const whole = await list('pageSize=1');
    expect(whole.totals[0]).toMatchObject({ balance: 1_441_652 });
    expect(whole.totals[0]!.overdue + whole.totals[0]!.notDue).toBe(1_441_652);
    expect(whole.agingBounds).toEqual([30, 60, 90]);
    expect(whole.asOf).toBe(TODAY);
  });

  it('VIS-5 the CSV export holds exactly the filtered rows, in the list order, with a totals line', async () => {
    const query = 'status=overdue&sort=amount&direction=desc';
    const rows = await all(query);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/due-dates/export?format=csv&${query}`,
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain(`echeances-${TODAY}.csv`);
    // The admin reads French: `;`, decimal comma, dd/mm/yyyy.
    const lines = parse(response.body.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    const [header, ...body] = lines;
    expect(header).toEqual([
      'Société',
      'Compte',
      'Client',
      'Pièce',
      'Libellé',
      'Date pièce',
      'Échéance',
      'Devise',
      'Montant',
      'Reste dû',
      'Jours de retard',
      'Statut',
      'Sens',
      'Montant devise',
      'Devise d’origine',
    ]);
    const data = body.slice(0, -1);
    expect(data.map((line) => line[1])).toEqual(rows.map((r) => r.customerAccount));
    expect(data.every((line) => line[11] === 'Échu')).toBe(true);
    const line = data.find((l) => l[1] === '41104815')!;
    expect([line[6], line[9], line[10], line[12]]).toEqual(['18/06/2023', '37,04', '11', 'Débit']);
    const sum = rows.reduce((n, r) => n + r.openAmount, 0);
    expect(body.at(-1)!.slice(0, 1)).toEqual(['Totaux']);
    expect(body.at(-1)![9]).toBe((sum / 100).toFixed(2).replace('.', ','));
  });

  it('VIS-5 the XLSX export honours the filters too: numbers, real dates, one sheet', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/due-dates/export?format=xlsx&side=credit',
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Échéances');
    const credits = await all('side=credit');
    // Header, one line per credit, the totals line.
    expect(sheet.rowCount).toBe(credits.length + 2);
    const payment = credits.findIndex((r) => r.openAmount === -37_194);
    const row = sheet.getRow(payment + 2);
    expect(row.getCell(2).value).toBe('41104250');
    expect(row.getCell(10).value).toBe(-371.94);
    expect(row.getCell(11).value).toBe(51);
    expect(row.getCell(7).value).toEqual(new Date(Date.UTC(2023, 4, 10)));
    expect(sheet.getRow(sheet.rowCount).getCell(10).value).toBeCloseTo(
      credits.reduce((n, r) => n + r.openAmount, 0) / 100,
      2,
    );
  });

  it('refuses a malformed filter with the field named', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/due-dates?dueFrom=2023-02-30',
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('dueFrom');
  });

  it('COL-5 a portfolio user sees only its customers’ items; a viewer reads; another organization’s company is 404', async () => {
    await t.database.db.execute(
      sql`update customers set sales_rep = 'Alice' where org_id = ${tenant.orgId} and account in ('41104815', '41104250')`,
    );
    // What a customers import does after changing sales reps: derive the figures again.
    await t.database.transaction((tx) =>
      refreshCompanyReceivables(tx, {
        orgId: tenant.orgId,
        companyId: tenant.companyId,
        today: TODAY,
        defaultTerms: '30 days net',
        change: 'customers',
      }),
    );
    await t.database.db.execute(
      sql`update users set portfolio = '{"salesReps":["Alice"],"collectors":[]}' where org_id = ${tenant.orgId} and id = ${tenant.users.user.id}`,
    );
    const user = await signIn(t.app, tenant.users.user.email);
    const mine = await list('pageSize=200', user);
    expect(new Set(mine.items.map((r) => r.customerAccount))).toEqual(new Set(['41104815', '41104250']));
    expect(mine.totals[0]!.count).toBe(mine.total);
    expect(mine.total).toBe(
      (await all('')).filter((r) => r.customerAccount === '41104815' || r.customerAccount === '41104250')
        .length,
    );

    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/due-dates/export?format=csv',
      headers: user.headers,
    });
    const accounts = (parse(exported.body.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][])
      .slice(1, -1)
      .map((line) => line[1]);
    expect(new Set(accounts)).toEqual(new Set(['41104815', '41104250']));

    const viewer = await signIn(t.app, tenant.users.viewer.email);
    expect((await list('pageSize=1', viewer)).total).toBeGreaterThan(0);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/due-dates/export?format=xlsx',
          headers: viewer.headers,
        })
      ).statusCode,
    ).toBe(200);

    const other = await createTenant(t.database, { companyCode: 'OTHER' });
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/due-dates?companyId=${other.companyId}`,
      headers: admin.headers,
    });
    expect(foreign.statusCode).toBe(404);
    const foreignExport = await t.app.inject({
      method: 'GET',
      url: `/api/due-dates/export?format=csv&companyId=${other.companyId}`,
      headers: admin.headers,
    });
    expect(foreignExport.statusCode).toBe(404);
    const otherAdmin = await signIn(t.app, other.users.admin.email);
    expect((await list('', otherAdmin)).total).toBe(0);
    const otherCompany = await t.app.inject({
      method: 'GET',
      url: `/api/due-dates?companyId=${tenant.companyId}`,
      headers: otherAdmin.headers,
    });
    expect(otherCompany.statusCode).toBe(404);

    expect((await t.app.inject({ method: 'GET', url: '/api/due-dates' })).statusCode).toBe(401);
  });
});
