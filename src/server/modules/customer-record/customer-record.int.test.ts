import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
  testDatabaseKind,
} from '../../../../test/support/test-app';
import type { AccountSituation, Consolidated, CustomerRecord } from '../../../contracts/customer-record';
import { GROUP_KEY_CASES } from '../../../domain/receivables/group-customers.cases';
import { selectRows } from '../../db/client';
import { runSync, type SyncRequest } from '../../import/sync.service';
import { createCompany } from '../companies/companies.queries';
import { computeGroupKeyInSql } from './customer-record.queries';

const FEC_DIR = join(import.meta.dirname, '../../../../../shared/data/fec');
const BEVERAGES = 'neolegal__111111111FEC20221231.TXT';
const FARM = 'neolegal__0000000001FEC20220831.txt';
const TODAY = '2023-06-30';

describe(`customer record, account situation, consolidated view (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    dir = await mkdtemp(join(tmpdir(), 'encours-record-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function sync(
    tenant: { orgId: string; companyId: string },
    source: SyncRequest['source'],
    filePath: string,
  ) {
    const outcome = await runSync(t.database, {
      orgId: tenant.orgId,
      companyId: tenant.companyId,
      source,
      filePath,
      fileName: filePath.split('/').at(-1)!,
      userId: null,
      trigger: 'cli',
      today: TODAY,
      now: new Date(`${TODAY}T08:00:00Z`),
    });
    expect(outcome.status, JSON.stringify(outcome)).toBe('succeeded');
  }

  async function customerId(orgId: string, account: string, companyId?: string): Promise<string> {
    const [row] = await selectRows<{ id: string }>(
      t.database.db,
      sql`select id from customers where org_id = ${orgId} and account = ${account}
        ${companyId ? sql`and company_id = ${companyId}` : sql``}`,
    );
    return row!.id;
  }

  const get = async <T>(session: Session, url: string) => {
    const response = await t.app.inject({ method: 'GET', url, headers: session.headers });
    return { status: response.statusCode, body: response.json<T>() };
  };

  describe('one company with the beverage producer’s ledger', () => {
    let tenant: TestTenant;
    let admin: Session;
    let ventoux: string;

    beforeAll(async () => {
      tenant = await createTenant(t.database);
      await sync(tenant, 'fec', join(FEC_DIR, BEVERAGES));
      admin = await signIn(t.app, tenant.users.admin.email);
      ventoux = await customerId(tenant.orgId, '41104815');
    });

    it('VIS-6 the record gives identity, terms, outstanding (as of today) and its payment delay', async () => {
      const { status, body } = await get<CustomerRecord>(admin, `/api/customers/${ventoux}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        account: '41104815',
        name: 'VENTOUX FRUITS',
        companyCode: 'MAIN',
        currency: 'EUR',
        terms: { text: '30 days net', source: 'company', exceedsLegalCap: false },
        asOf: TODAY,
        agingBounds: [30, 60, 90],
        // VIS-1: 37.04 due 2023-06-18 is overdue on 2023-06-30 (the import ran on the same day).
        outstanding: {
          balance: 3704,
          overdue: 3704,
          notDue: 0,
          openItemCount: 1,
          oldestDueDate: '2023-06-18',
        },
        // The 93.09 pair 'A' of 2023-05-26 was lettered the same day.
        paymentDelay: { days: 0, from: 'document', settledCount: 1 },
        group: { matchKey: 'externalId', key: null, members: [] },
        canEdit: true,
      });
      expect(body.outstanding.buckets).toEqual([0, 3704, 0, 0, 0]);
    });

    it('VIS-11 average payment delay over the settled invoices: 31, 18, 14, 100, 33, 17 days → 35.5', async () => {
      // 41101590: six invoices each lettered with its payment; AD settles an opening entry of 2023-01-01.
      const id = await customerId(tenant.orgId, '41101590');
      const { body } = await get<CustomerRecord>(admin, `/api/customers/${id}`);
      expect(body.paymentDelay).toEqual({ days: 35.5, from: 'document', settledCount: 6 });
      expect(body.outstanding.balance).toBe(0);
      await t.database.db.execute(
        sql`update organizations set settings = '{"paymentDelayFrom":"due"}' where id = ${tenant.orgId}`,
      );
      try {
        // From the due date (30 days net): each delay is 30 days shorter.
        const fromDue = await get<CustomerRecord>(admin, `/api/customers/${id}`);
        expect(fromDue.body.paymentDelay).toEqual({ days: 5.5, from: 'due', settledCount: 6 });
      } finally {
        await t.database.db.execute(sql`update organizations set settings = '{}' where id = ${tenant.orgId}`);
      }
    });

    it('VIS-6 VIS-1 the account situation lists every entry with due date, open amount, days late and colour', async () => {
      const { status, body } = await get<AccountSituation>(admin, `/api/customers/${ventoux}/entries`);
      expect(status).toBe(200);
      expect(body.total).toBe(3);
      expect(
        body.items.map((e) => [
          e.documentDate,
          e.pieceRef,
          e.dueDate,
          e.debit,
          e.credit,
          e.openAmount,
          e.daysLate,
          e.tone,
          e.letteringCode,
        ]),
      ).toEqual([
        // Open, due 2023-06-18: today − due − 1 = 11 days late, orange.
        ['2023-05-19', 'VE  0523', '2023-06-18', 3704, 0, 3704, 11, 'overdue', ''],
        // The lettered pair: a settled debit and a credit, both green, no days late.
        ['2023-05-26', 'VE  0523', '2023-06-25', 9309, 0, 0, null, 'settled', 'A'],
        ['2023-05-26', 'VE  0523', '2023-05-26', 0, 9309, 0, null, 'credit', 'A'],
      ]);
      expect(body.totals).toEqual({
        currency: 'EUR',
        debit: 13_013,
        credit: 9309,
        balance: 3704,
        open: 3704,
      });
    });

    it('VIS-6 lettered and open filters; the open amounts add up to the balance', async () => {
      const open = await get<AccountSituation>(admin, `/api/customers/${ventoux}/entries?status=open`);
      expect(open.body.items.map((e) => e.openAmount)).toEqual([3704]);
      const lettered = await get<AccountSituation>(
        admin,
        `/api/customers/${ventoux}/entries?status=lettered`,
      );
      expect(lettered.body.items.map((e) => [e.debit, e.credit])).toEqual([
        [9309, 0],
        [0, 9309],
      ]);
      expect(lettered.body.totals).toMatchObject({ balance: 0, open: 0 });

      // IMP-5 law on every customer of the file: the open amounts of the account situation sum to the balance.
      const customers = await selectRows<{ id: string; balance: number | null }>(
        t.database.db,
        sql`select c.id, s.balance from customers c left join customer_summaries s
          on s.org_id = c.org_id and s.company_id = c.company_id and s.customer_account = c.account
          where c.org_id = ${tenant.orgId}`,
      );
      expect(customers).toHaveLength(34);
      for (const c of customers) {
        const all = await get<AccountSituation>(admin, `/api/customers/${c.id}/entries?pageSize=200`);
        const sum = all.body.items.reduce((n, e) => n + e.openAmount, 0);
        expect(all.body.total).toBeLessThanOrEqual(200);
        expect(sum).toBe(c.balance ?? 0);
        expect(all.body.totals?.open).toBe(c.balance ?? 0);
        expect(all.body.totals?.balance).toBe(c.balance ?? 0);
      }
    });

    it('VIS-6 pages follow document date then key; totals cover every page', async () => {
      const first = await get<AccountSituation>(admin, `/api/customers/${ventoux}/entries?pageSize=2`);
      const second = await get<AccountSituation>(
        admin,
        `/api/customers/${ventoux}/entries?pageSize=2&page=2`,
      );
      expect(first.body.items.map((e) => e.documentDate)).toEqual(['2023-05-19', '2023-05-26']);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.totals).toEqual(first.body.totals);
      expect(first.body.total).toBe(3);
      const tooBig = await t.app.inject({
        method: 'GET',
        url: `/api/customers/${ventoux}/entries?pageSize=201`,
        headers: admin.headers,
      });
      expect(tooBig.statusCode).toBe(400);
    });

    it('VIS-7 the CSV export honours the filter and ends with a totals line and a balance line', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/customers/${ventoux}/entries/export?format=csv`,
        headers: admin.headers,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.headers['content-disposition']).toContain('situation-41104815-2023-06-30.csv');
      const rows = parse(response.body, {
        delimiter: ';',
        bom: true,
        relax_column_count: true,
      }) as string[][];
      const header = rows[0]!;
      expect(header.slice(0, 9)).toEqual([
        'Journal',
        'Pièce',
        'Date pièce',
        'Date écriture',
        'Échéance',
        'Libellé',
        'Débit (EUR)',
        'Crédit (EUR)',
        'Reste dû (EUR)',
      ]);
      const col = (name: string) => header.indexOf(name);
      expect(
        rows
          .slice(1, -2)
          .map((r) => [
            r[col('Date pièce')],
            r[col('Échéance')],
            r[col('Débit (EUR)')],
            r[col('Crédit (EUR)')],
            r[col('Reste dû (EUR)')],
            r[col('Jours de retard')],
            r[col('Lettrage')],
          ]),
      ).toEqual([
        ['19/05/2023', '18/06/2023', '37,04', '0,00', '37,04', '11', ''],
        ['26/05/2023', '25/06/2023', '93,09', '0,00', '0,00', '', 'A'],
        ['26/05/2023', '26/05/2023', '0,00', '93,09', '0,00', '', 'A'],
      ]);
      const [totals, balance] = rows.slice(-2);
      expect([totals![0], totals![col('Débit (EUR)')], totals![col('Crédit (EUR)')]]).toEqual([
        'Totaux',
        '130,13',
        '93,09',
      ]);
      expect([balance![0], balance![col('Débit (EUR)')], balance![col('Crédit (EUR)')]]).toEqual([
        'Solde',
        '37,04',
        '',
      ]);

      const lettered = await t.app.inject({
        method: 'GET',
        url: `/api/customers/${ventoux}/entries/export?format=csv&status=lettered`,
        headers: admin.headers,
      });
      const letteredRows = parse(lettered.body, { delimiter: ';', bom: true }) as string[][];
      expect(letteredRows).toHaveLength(1 + 2 + 2);
      expect(letteredRows.at(-2)!.slice(0, 1).concat(letteredRows.at(-2)!.slice(6, 8))).toEqual([
        'Totaux',
        '93,09',
        '93,09',
      ]);
      expect(letteredRows.at(-1)!.slice(0, 1).concat(letteredRows.at(-1)!.slice(6, 8))).toEqual([
        'Solde',
        '0,00',
        '',
      ]);
    });

    it('VIS-7 the XLSX export has the open entries, then the totals and balance lines as numbers', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/customers/${ventoux}/entries/export?format=xlsx&status=open`,
        headers: admin.headers,
      });
      expect(response.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
      expect(sheet.rowCount).toBe(1 + 1 + 2);
      expect(values(1).slice(6, 9)).toEqual(['Débit (EUR)', 'Crédit (EUR)', 'Reste dû (EUR)']);
      expect(values(2).slice(5, 9)).toEqual(['NECTAR FRAISE + JUS', 37.04, 0, 37.04]);
      expect(sheet.getRow(2).getCell(5).value).toEqual(new Date('2023-06-18T00:00:00Z'));
      expect([values(3)[0], values(3)[6], values(3)[7]]).toEqual(['Totaux', 37.04, 0]);
      expect([values(4)[0], values(4)[6], values(4)[7]]).toEqual(['Solde', 37.04, undefined]);
      expect(sheet.getRow(3).getCell(1).font?.bold).toBe(true);
    });

    it('IMP-8 a manual override wins over every re-import until it is restored', async () => {
      const user = await signIn(t.app, tenant.users.user.email);
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/customers/${ventoux}/contact`,
        headers: user.headers,
        payload: {
          name: 'Ventoux Fruits SAS',
          email: ' Compta@Ventoux.test ',
          phone: '04 90 00 00 00',
          language: 'fr',
          address: { line1: '1 route d’Apt', postalCode: '84200', city: 'Carpentras' },
        },
      });
      expect(patch.statusCode, patch.body).toBe(200);
      expect(patch.json<CustomerRecord>()).toMatchObject({
        name: 'Ventoux Fruits SAS',
        contact: {
          effective: { name: 'Ventoux Fruits SAS', email: 'compta@ventoux.test', phone: '04 90 00 00 00' },
          synchronized: { name: 'VENTOUX FRUITS', email: null, phone: null },
          overridden: ['name', 'email', 'phone', 'address', 'language'],
        },
      });

      // The same FEC again, then a customers file with new synchronized values.
      await sync(tenant, 'fec', join(FEC_DIR, BEVERAGES));
      const csv = join(dir, `${tenant.orgId}-customers.csv`);
      await writeFile(
        csv,
        [
          'Code client;Raison sociale;E-mail;Téléphone;Ville;Langue',
          '41104815;VENTOUX FRUITS SYNC;sync@ventoux.test;0400000001;Avignon;en',
        ].join('\n'),
      );
      await sync(tenant, 'customers', csv);
      const after = await get<CustomerRecord>(admin, `/api/customers/${ventoux}`);
      expect(after.body.contact.synchronized).toMatchObject({
        name: 'VENTOUX FRUITS SYNC',
        email: 'sync@ventoux.test',
        phone: '0400000001',
        address: { city: 'Avignon' },
        language: 'en',
      });
      expect(after.body.contact.effective).toMatchObject({
        name: 'Ventoux Fruits SAS',
        email: 'compta@ventoux.test',
        phone: '04 90 00 00 00',
        address: { line1: '1 route d’Apt', postalCode: '84200', city: 'Carpentras' },
        language: 'fr',
      });

      // Restore the email only, then everything.
      const one = await t.app.inject({
        method: 'POST',
        url: `/api/customers/${ventoux}/contact/restore`,
        headers: user.headers,
        payload: { fields: ['email'] },
      });
      expect(one.statusCode).toBe(200);
      expect(one.json<CustomerRecord>().contact.effective.email).toBe('sync@ventoux.test');
      expect(one.json<CustomerRecord>().contact.overridden).toEqual(['name', 'phone', 'address', 'language']);
      const all = await t.app.inject({
        method: 'POST',
        url: `/api/customers/${ventoux}/contact/restore`,
        headers: user.headers,
        payload: {},
      });
      expect(all.json<CustomerRecord>()).toMatchObject({
        name: 'VENTOUX FRUITS SYNC',
        contact: {
          effective: { name: 'VENTOUX FRUITS SYNC', phone: '0400000001', language: 'en' },
          overridden: [],
        },
      });

      const audit = await selectRows<{ action: string; user_id: string; fields: string[] }>(
        t.database.db,
        sql`select action, user_id, details->'fields' as fields from audit_log
          where org_id = ${tenant.orgId} and target = ${`customer:${ventoux}`} order by id`,
      );
      expect(audit).toEqual([
        {
          action: 'customer.contact.override',
          user_id: tenant.users.user.id,
          fields: ['name', 'email', 'phone', 'address', 'language'],
        },
        { action: 'customer.contact.restore', user_id: tenant.users.user.id, fields: ['email'] },
        {
          action: 'customer.contact.restore',
          user_id: tenant.users.user.id,
          fields: ['name', 'phone', 'address', 'language'],
        },
      ]);
    });

    it('IMP-8 contact data is checked: email format, known language; null drops one override', async () => {
      const url = `/api/customers/${ventoux}/contact`;
      for (const payload of [{ email: 'not-an-email' }, { language: 'xx' }, { phone: 'call me' }, {}]) {
        const response = await t.app.inject({ method: 'PATCH', url, headers: admin.headers, payload });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      }
      await t.app.inject({
        method: 'PATCH',
        url,
        headers: admin.headers,
        payload: { email: 'a@b.test', phone: '0102' },
      });
      const dropped = await t.app.inject({
        method: 'PATCH',
        url,
        headers: admin.headers,
        payload: { email: null },
      });
      expect(dropped.json<CustomerRecord>().contact.overridden).toEqual(['phone']);
    });

    it('COL-5 a viewer reads the record but cannot change its contact data', async () => {
      const viewer = await signIn(t.app, tenant.users.viewer.email);
      const read = await get<CustomerRecord>(viewer, `/api/customers/${ventoux}`);
      expect(read.status).toBe(200);
      expect(read.body.canEdit).toBe(false);
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/customers/${ventoux}/contact`,
        headers: viewer.headers,
        payload: { email: 'viewer@x.test' },
      });
      expect(patch.statusCode).toBe(403);
      const restore = await t.app.inject({
        method: 'POST',
        url: `/api/customers/${ventoux}/contact/restore`,
        headers: viewer.headers,
        payload: {},
      });
      expect(restore.statusCode).toBe(403);
    });

    it('COL-5 a customer outside the portfolio, or of another organization, answers 404 on every route', async () => {
      const portfolioTenant = tenant;
      await t.database.db.execute(
        sql`update users set portfolio = '{"salesReps":["Alice"],"collectors":[]}'
          where org_id = ${portfolioTenant.orgId} and id = ${portfolioTenant.users.user.id}`,
      );
      const limited = await signIn(t.app, portfolioTenant.users.user.email);
      const other = await createTenant(t.database);
      const stranger = await signIn(t.app, other.users.admin.email);
      const routes = [
        { method: 'GET', url: `/api/customers/${ventoux}` },
        { method: 'GET', url: `/api/customers/${ventoux}/entries` },
        { method: 'GET', url: `/api/customers/${ventoux}/entries/export?format=csv` },
        { method: 'PATCH', url: `/api/customers/${ventoux}/contact`, payload: { email: 'x@y.test' } },
        { method: 'POST', url: `/api/customers/${ventoux}/contact/restore`, payload: {} },
      ] as const;
      for (const session of [limited, stranger]) {
        for (const route of routes) {
          const response = await t.app.inject({ ...route, headers: session.headers });
          expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
        }
      }
      // In the portfolio, the same user sees the record.
      await t.database.db.execute(
        sql`update customers set sales_rep = 'Alice' where org_id = ${portfolioTenant.orgId} and id = ${ventoux}`,
      );
      expect((await get(limited, `/api/customers/${ventoux}`)).status).toBe(200);
      await t.database.db.execute(
        sql`update users set portfolio = null where org_id = ${portfolioTenant.orgId} and id = ${portfolioTenant.users.user.id}`,
      );
    });
  });

  describe('VIS-7 VIS-12 an account holding two currencies (Odoo test FEC, receivables in 121)', () => {
    let tenant: TestTenant;
    let admin: Session;
    let partner: string;

    beforeAll(async () => {
      tenant = await createTenant(t.database);
      await t.database.db.execute(
        sql`update companies set receivable_prefixes = '{121}' where org_id = ${tenant.orgId}`,
      );
      await sync(tenant, 'fec', join(FEC_DIR, 'odoo__l10n_fr_account_test_fec_export_expected.txt'));
      admin = await signIn(t.app, tenant.users.admin.email);
      partner = await customerId(tenant.orgId, '42');
    });

    it('VIS-12 the ledger view sums in the ledger currency; the original view shows USD and leaves the totals out', async () => {
      const ledger = await get<AccountSituation>(admin, `/api/customers/${partner}/entries`);
      expect(
        ledger.body.items.map((e) => [e.journal, e.debit, e.currency, e.originalAmount, e.originalCurrency]),
      ).toEqual([
        ['OUV', 300_000, 'EUR', null, null],
        ['INV', 300_000, 'EUR', 300_000, 'USD'],
      ]);
      expect(ledger.body.totals).toMatchObject({ currency: 'EUR', debit: 600_000, balance: 600_000 });
      const original = await get<AccountSituation>(
        admin,
        `/api/customers/${partner}/entries?currency=original`,
      );
      expect(original.body.items.map((e) => [e.debit, e.currency])).toEqual([
        [300_000, 'EUR'],
        [300_000, 'USD'],
      ]);
      expect(original.body.totals).toBeNull();
      expect(original.body.currencies).toEqual(['EUR', 'USD']);
    });

    it('VIS-7 exports of an account in several currencies have neither totals nor balance line', async () => {
      const csv = await t.app.inject({
        method: 'GET',
        url: `/api/customers/${partner}/entries/export?format=csv&currency=original`,
        headers: admin.headers,
      });
      const rows = parse(csv.body, { delimiter: ';', bom: true }) as string[][];
      expect(rows).toHaveLength(3);
      expect(rows.map((r) => r[0])).toEqual(['Journal', 'OUV', 'INV']);
      expect(rows[0]).toContain('Devise');
      expect(rows[2]).toContain('USD');

      const xlsx = await t.app.inject({
        method: 'GET',
        url: `/api/customers/${partner}/entries/export?format=xlsx&currency=original`,
        headers: admin.headers,
      });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.rowCount).toBe(3);
      expect(sheet.getRow(3).getCell(7).value).toBe(3000);

      // The same account in the ledger view: one currency, so both lines are there.
      const ledger = await t.app.inject({
        method: 'GET',
        url: `/api/customers/${partner}/entries/export?format=csv`,
        headers: admin.headers,
      });
      const ledgerRows = parse(ledger.body, { delimiter: ';', bom: true }) as string[][];
      expect(ledgerRows.map((r) => r[0])).toEqual(['Journal', 'OUV', 'INV', 'Totaux', 'Solde']);
      expect(ledgerRows[0]).toContain('Montant en devise');
    });
  });

  describe('VIS-8 two companies of one organization', () => {
    let tenant: TestTenant;
    let secondId: string;
    let admin: Session;

    beforeAll(async () => {
      tenant = await createTenant(t.database);
      const second = await createCompany(t.database.db, tenant.orgId, {
        code: 'FARM',
        name: 'Farm company',
        currency: 'EUR',
        defaultTerms: '30 days net',
        receivablePrefixes: ['411', '416'],
      });
      secondId = second.id;
      await sync(tenant, 'fec', join(FEC_DIR, BEVERAGES));
      await sync({ orgId: tenant.orgId, companyId: secondId }, 'fec', join(FEC_DIR, FARM));
      admin = await signIn(t.app, tenant.users.admin.email);
      // VENTOUX FRUITS (MAIN) and CRETAY (FARM) are one group customer; spacing and case differ.
      await t.database.db.execute(
        sql`update customers set external_id = ' grp-1' where org_id = ${tenant.orgId} and company_id = ${tenant.companyId} and account = '41104815'`,
      );
      await t.database.db.execute(
        sql`update customers set external_id = 'GRP-1 ' where org_id = ${tenant.orgId} and company_id = ${secondId} and account = 'CRETAY'`,
      );
      // Same registration number written three ways, but different external ids.
      await t.database.db.execute(
        sql`update customers set registration_number = '552 100 554', external_id = 'X1' where org_id = ${tenant.orgId} and company_id = ${tenant.companyId} and account = '41101590'`,
      );
      await t.database.db.execute(
        sql`update customers set registration_number = 'FR40552100554', external_id = 'X2' where org_id = ${tenant.orgId} and company_id = ${secondId} and account = 'CFLORE'`,
      );
      // An empty key shared by two companies never matches.
      await t.database.db.execute(
        sql`update customers set external_id = '  ' where org_id = ${tenant.orgId} and account in ('41101589', 'CFLORE')`,
      );
    });

    it.each(GROUP_KEY_CASES)(
      'VIS-8 the SQL key agrees with the domain: %s',
      async (_name, matchKey, raw, expected) => {
        expect(await computeGroupKeyInSql(t.database.db, matchKey, raw)).toBe(expected);
      },
    );

    it('VIS-8 the record lists the same group customer in each company, with overdue, not due, outstanding and balance', async () => {
      const ventoux = await customerId(tenant.orgId, '41104815', tenant.companyId);
      const cretay = await customerId(tenant.orgId, 'CRETAY', secondId);
      const { body } = await get<CustomerRecord>(admin, `/api/customers/${ventoux}`);
      expect(body.group).toEqual({
        matchKey: 'externalId',
        key: 'GRP-1',
        members: [
          expect.objectContaining({
            customerId: cretay,
            companyCode: 'FARM',
            account: 'CRETAY',
            overdue: 30_289,
            notDue: 0,
            outstanding: 30_289,
            balance: 30_289,
            isCurrent: false,
          }),
          expect.objectContaining({
            customerId: ventoux,
            companyCode: 'MAIN',
            overdue: 3704,
            notDue: 0,
            outstanding: 3704,
            balance: 3704,
            isCurrent: true,
          }),
        ],
      });
      // CFLORE's balance is zero: no outstanding shown, the balance still is.
      const cflore = await customerId(tenant.orgId, 'CFLORE', secondId);
      const alone = await get<CustomerRecord>(admin, `/api/customers/${cflore}`);
      expect(alone.body.group.members).toEqual([]);
    });

    it('VIS-8 option registration number: SIREN and VAT number match, external ids no longer do', async () => {
      await t.database.db.execute(
        sql`update organizations set settings = '{"groupMatchKey":"registrationNumber"}' where id = ${tenant.orgId}`,
      );
      try {
        const leclerc = await customerId(tenant.orgId, '41101590', tenant.companyId);
        const { body } = await get<CustomerRecord>(admin, `/api/customers/${leclerc}`);
        expect(body.group.key).toBe('552100554');
        expect(body.group.members.map((m) => [m.companyCode, m.account, m.outstanding, m.balance])).toEqual([
          ['FARM', 'CFLORE', null, 0],
          ['MAIN', '41101590', null, 0],
        ]);
        const ventoux = await customerId(tenant.orgId, '41104815', tenant.companyId);
        expect((await get<CustomerRecord>(admin, `/api/customers/${ventoux}`)).body.group.members).toEqual(
          [],
        );
      } finally {
        await t.database.db.execute(sql`update organizations set settings = '{}' where id = ${tenant.orgId}`);
      }
    });

    it('VIS-8 the consolidated view sums overdue and not due per company and lists group customers', async () => {
      const { status, body } = await get<Consolidated>(admin, '/api/consolidated');
      expect(status).toBe(200);
      const expected = await selectRows<{ code: string; balance: number; overdue: number; not_due: number }>(
        t.database.db,
        sql`select co.code, coalesce(sum(s.balance), 0)::bigint as balance, coalesce(sum(s.overdue), 0)::bigint as overdue,
          coalesce(sum(s.not_due), 0)::bigint as not_due
        from companies co left join customer_summaries s on s.org_id = co.org_id and s.company_id = co.id
        where co.org_id = ${tenant.orgId} group by co.code order by co.code`,
      );
      expect(
        body.companies.map((c) => ({
          code: c.code,
          balance: c.balance,
          overdue: c.overdue,
          not_due: c.notDue,
        })),
      ).toEqual(expected);
      expect(body.companies.find((c) => c.code === 'MAIN')?.balance).toBe(1_441_652);
      expect(body.totals).toEqual([
        {
          currency: 'EUR',
          balance: expected[0]!.balance + expected[1]!.balance,
          overdue: expected[0]!.overdue + expected[1]!.overdue,
          notDue: expected[0]!.not_due + expected[1]!.not_due,
        },
      ]);
      expect(body.groups.total).toBe(1);
      expect(body.groups.items[0]).toMatchObject({
        key: 'GRP-1',
        companyCount: 2,
        amounts: [{ currency: 'EUR', balance: 33_993, overdue: 33_993, notDue: 0 }],
      });
      expect(body.isPortfolio).toBe(false);
    });

    it('VIS-8 COL-5 the consolidated view and the group block respect the portfolio', async () => {
      await t.database.db.execute(
        sql`update customers set sales_rep = 'Alice' where org_id = ${tenant.orgId} and account = '41104815'`,
      );
      await t.database.db.execute(
        sql`update users set portfolio = '{"salesReps":["Alice"],"collectors":[]}' where org_id = ${tenant.orgId} and id = ${tenant.users.user.id}`,
      );
      const user = await signIn(t.app, tenant.users.user.email);
      const { body } = await get<Consolidated>(user, '/api/consolidated');
      expect(body.isPortfolio).toBe(true);
      expect(body.companies.map((c) => [c.code, c.balance, c.overdue])).toEqual([
        ['FARM', 0, 0],
        ['MAIN', 3704, 3704],
      ]);
      // CRETAY is not followed by Alice: no group customer is visible in two companies.
      expect(body.groups).toMatchObject({ total: 0, items: [] });
      const ventoux = await customerId(tenant.orgId, '41104815', tenant.companyId);
      expect((await get<CustomerRecord>(user, `/api/customers/${ventoux}`)).body.group.members).toEqual([]);
      const cretay = await customerId(tenant.orgId, 'CRETAY', secondId);
      expect((await get(user, `/api/customers/${cretay}`)).status).toBe(404);
    });

    it('VIS-8 another organization’s consolidated view shows nothing of this one', async () => {
      const other = await createTenant(t.database);
      const stranger = await signIn(t.app, other.users.admin.email);
      const { body } = await get<Consolidated>(stranger, '/api/consolidated');
      expect(body.companies.map((c) => c.code)).toEqual(['MAIN']);
      expect(body.companies[0]!.balance).toBe(0);
      expect(body.groups.total).toBe(0);
    });
  });
});
