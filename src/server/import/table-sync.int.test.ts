import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenant,
  createTestDatabase,
  type TestTenant,
  testDatabaseKind,
} from '../../../test/support/test-app';
import { type Database, selectRows } from '../db/client';
import { runSync, type SyncRequest } from './sync.service';

const TODAY = '2024-04-30';

describe(`spreadsheets and re-imports (${testDatabaseKind()})`, () => {
  let database: Database;
  let drop: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
    dir = await mkdtemp(join(tmpdir(), 'encours-table-'));
  });
  afterAll(async () => {
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  async function importFile(
    tenant: TestTenant,
    source: SyncRequest['source'],
    name: string,
    content: string | Buffer,
  ) {
    const path = join(dir, `${tenant.orgId}-${name}`);
    await writeFile(path, content);
    return runSync(database, {
      orgId: tenant.orgId,
      companyId: tenant.companyId,
      source,
      filePath: path,
      fileName: name,
      userId: tenant.users.admin.id,
      trigger: 'user',
      today: TODAY,
      now: new Date(`${TODAY}T09:00:00Z`),
    });
  }

  const customersCsv = [
    'Code client;Raison sociale;SIREN;Conditions de paiement;E-mail;Téléphone;Ville',
    'C001;Boulangerie Martin;552100554;45 jours fin de mois;compta@martin.test;0102030405;Lyon',
    'C002;Transports Roux;;;;;Nantes',
  ].join('\n');

  const entriesCsv = (rows: string[]) =>
    ['Code client;Client;N° facture;Date facture;Échéance;Débit;Crédit;Lettrage', ...rows].join('\n');

  it('IMP-1 IMP-4 a customers CSV gives terms that set the due dates of its entries; an entries CSV replaces the ledger', async () => {
    const tenant = await createTenant(database);
    const customers = await importFile(tenant, 'customers', 'clients.csv', customersCsv);
    expect(customers.status, JSON.stringify(customers)).toBe('succeeded');
    const entries = await importFile(
      tenant,
      'entries',
      'ecritures.csv',
      entriesCsv([
        'C001;Boulangerie Martin;FA-1;10/01/2024;;1 200,00;;',
        'C001;Boulangerie Martin;RG-1;15/02/2024;;;1 200,00;',
        'C002;Transports Roux;FA-2;20/03/2024;15/04/2024;350,50;;',
        'C002;Transports Roux;FA-3;25/04/2024;;99,99;;',
      ]),
    );
    expect(entries.status, JSON.stringify(entries)).toBe('succeeded');
    if (entries.status !== 'succeeded') return;
    expect(entries.report).toMatchObject({
      lines: 4,
      customers: 2,
      entries: 4,
      outstanding: 120_000 + 35_050 + 9_999 - 120_000,
    });
    const items = await selectRows<{ customer_account: string; amount: number; due_date: string }>(
      database.db,
      sql`select customer_account, amount, due_date from open_items where org_id = ${tenant.orgId} order by customer_account, due_date`,
    );
    expect(items).toEqual([
      // 45 days end of month from 10/01: 24/02 → end of February. The payment is not lettered: both stay open.
      { customer_account: 'C001', amount: -120_000, due_date: '2024-02-15' },
      { customer_account: 'C001', amount: 120_000, due_date: '2024-02-29' },
      // A due date from the file wins; without one, the company's 30 days net.
      { customer_account: 'C002', amount: 35_050, due_date: '2024-04-15' },
      { customer_account: 'C002', amount: 9_999, due_date: '2024-05-25' },
    ]);
    const [summary] = await selectRows<{ overdue: number; not_due: number }>(
      database.db,
      sql`select overdue, not_due from customer_summaries where org_id = ${tenant.orgId} and customer_account = 'C002'`,
    );
    expect(summary).toEqual({ overdue: 35_050, not_due: 9_999 });
  });

  it('IMP-8 manual contact data survives a customers import that rewrites the synchronized fields', async () => {
    const tenant = await createTenant(database);
    await importFile(tenant, 'customers', 'clients.csv', customersCsv);
    await database.db.execute(
      sql`update customers set manual_contact = '{"email":"direction@martin.test"}' where org_id = ${tenant.orgId} and account = 'C001'`,
    );
    await importFile(
      tenant,
      'customers',
      'clients.csv',
      customersCsv.replace('compta@martin.test', 'nouveau@martin.test'),
    );
    const [row] = await selectRows<{ sync_email: string; manual_contact: { email: string } }>(
      database.db,
      sql`select sync_email, manual_contact from customers where org_id = ${tenant.orgId} and account = 'C001'`,
    );
    expect(row).toEqual({
      sync_email: 'nouveau@martin.test',
      manual_contact: { email: 'direction@martin.test' },
    });
  });

  it('IMP-7 entries keep their key across imports; a changed one is updated, a vanished one marked gone, a returning one revived', async () => {
    const tenant = await createTenant(database);
    const first = entriesCsv([
      'C001;Martin;FA-1;10/01/2024;;100,00;;',
      'C001;Martin;FA-1;10/01/2024;;50,00;;',
      'C001;Martin;FA-2;11/01/2024;;70,00;;',
    ]);
    await importFile(tenant, 'entries', 'e1.csv', first);
    const keys = async () =>
      selectRows<{ entry_key: string; debit: number; gone: boolean }>(
        database.db,
        sql`select entry_key, debit, gone_at is not null as gone from entries where org_id = ${tenant.orgId} order by entry_key`,
      );
    const before = await keys();
    expect(before.map((k) => k.entry_key.split('\u001f'))).toEqual([
      ['C001', 'FA-1', '2024-01-10', '1'],
      ['C001', 'FA-1', '2024-01-10', '2'],
      ['C001', 'FA-2', '2024-01-11', '1'],
    ]);
    const second = await importFile(
      tenant,
      'entries',
      'e2.csv',
      entriesCsv(['C001;Martin;FA-1;10/01/2024;;100,00;;', 'C001;Martin;FA-1;10/01/2024;;55,00;;']),
    );
    expect(second.status === 'succeeded' && second.report).toMatchObject({
      inserted: 0,
      updated: 1,
      gone: 1,
      outstanding: 15_500,
    });
    expect(await keys()).toEqual([
      { entry_key: before[0]!.entry_key, debit: 10_000, gone: false },
      { entry_key: before[1]!.entry_key, debit: 5_500, gone: false },
      { entry_key: before[2]!.entry_key, debit: 7_000, gone: true },
    ]);
    const third = await importFile(tenant, 'entries', 'e3.csv', first);
    expect(third.status === 'succeeded' && third.report).toMatchObject({
      inserted: 0,
      updated: 2,
      gone: 0,
      outstanding: 22_000,
    });
    expect((await keys()).every((k) => !k.gone)).toBe(true);
  });

  it('IMP-1 an XLSX of contacts attaches people to known customers and refuses unknown accounts by line', async () => {
    const tenant = await createTenant(database);
    await importFile(tenant, 'customers', 'clients.csv', customersCsv);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Contacts');
    sheet.addRow(['Code client', 'Nom', 'E-mail', 'Fonction', 'Principal']);
    sheet.addRow(['C001', 'Anne Martin', 'anne@martin.test', 'Comptable', 'oui']);
    sheet.addRow(['C002', 'Paul Roux', 'paul@roux.test', 'Gérant', 'non']);
    const good = Buffer.from(await workbook.xlsx.writeBuffer());
    const ok = await importFile(tenant, 'contacts', 'contacts.xlsx', good);
    expect(ok.status === 'succeeded' && ok.report).toMatchObject({
      lines: 2,
      customers: 2,
      inserted: 2,
      gone: 0,
    });
    sheet.addRow(['C999', 'Inconnu', 'x@y.test', '', 'non']);
    const bad = await importFile(
      tenant,
      'contacts',
      'contacts2.xlsx',
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    expect(bad.status).toBe('failed');
    expect(bad.status === 'failed' && bad.errors).toEqual([
      expect.objectContaining({ line: 4, column: 'account', value: 'C999' }),
    ]);
    const [count] = await selectRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from contacts where org_id = ${tenant.orgId}`,
    );
    expect(count!.n).toBe(2);
  });

  it('IMP-6 an XLSX with a formula error is refused with its row and column, and changes nothing', async () => {
    const tenant = await createTenant(database);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Écritures');
    sheet.addRow(['Code client', 'Client', 'N° facture', 'Date facture', 'Montant']);
    sheet.addRow(['C001', 'Martin', 'FA-1', new Date(Date.UTC(2024, 0, 10)), 120]);
    sheet.addRow([
      'C001',
      'Martin',
      'FA-2',
      new Date(Date.UTC(2024, 0, 11)),
      { formula: '1/0', result: { error: '#DIV/0!' } },
    ]);
    const outcome = await importFile(
      tenant,
      'entries',
      'ecritures.xlsx',
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.errors).toEqual([
      expect.objectContaining({ line: 3, column: 'Montant', code: 'formula_error' }),
    ]);
    const [count] = await selectRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from entries where org_id = ${tenant.orgId}`,
    );
    expect(count!.n).toBe(0);
  });
});
