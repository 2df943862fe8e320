import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestDatabase, type TestTenant } from '../../../../test/support/test-app';
import { addDays } from '../../../domain/calendar';
import { decimalToCents } from '../../../domain/money';
import { type Database, selectRows } from '../../db/client';
import { runSync, type SyncOutcome } from '../../import/sync.service';
import { writeKpisReport, writeWhoOwesWhatReport } from './reports.service';

const FEC = join(import.meta.dirname, '../../../../../shared/data/fec/neolegal__111111111FEC20221231.TXT');
const IMPORT_DAY = '2023-01-31';
const FIELDS = [
  'account',
  'name',
  'currency',
  'balance',
  'overdue',
  'notDue',
  '1-30',
  '31-60',
  '61-90',
  'over90',
];
const AMOUNTS = FIELDS.slice(3);

type Row = Record<string, string>;

function collector() {
  let text = '';
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString('utf8');
      callback();
    },
  });
  return { output, text: () => text };
}

describe('reports for scripts and BI', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let tenant: TestTenant;
  let outcome: SyncOutcome;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
    tenant = await createTenant(database, { companyCode: 'NEO' });
    outcome = await runSync(database, {
      orgId: tenant.orgId,
      companyId: tenant.companyId,
      source: 'fec',
      filePath: FEC,
      fileName: 'fec.txt',
      userId: null,
      trigger: 'cli',
      today: IMPORT_DAY,
      now: new Date(`${IMPORT_DAY}T08:00:00Z`),
    });
    expect(outcome.status).toBe('succeeded');
  });
  afterAll(() => drop());

  async function whoOwesWhat(today: string, format: 'json' | 'csv' = 'json', companyCode = 'NEO') {
    const { output, text } = collector();
    await writeWhoOwesWhatReport(database, { orgId: tenant.orgId, companyCode, today, format }, output);
    return text();
  }
  const rowsOn = async (today: string): Promise<Row[]> => JSON.parse(await whoOwesWhat(today));
  const total = (rows: Row[], field: string) =>
    rows.reduce((sum, row) => sum + decimalToCents(row[field]!), 0);

  it('VIS-4 one row per customer of the ledger, zero balances included, summing to the outstanding of the import', async () => {
    const rows = await rowsOn(IMPORT_DAY);
    const customers = await selectRows<{ account: string }>(
      database.db,
      sql`select account from customers where org_id = ${tenant.orgId} and company_id = ${tenant.companyId}`,
    );
    expect(customers).toHaveLength(34);
    expect(rows.map((r) => r.account).sort()).toEqual(customers.map((c) => c.account).sort());
    expect(rows.some((r) => r.balance === '0.00')).toBe(true);
    expect(rows.some((r) => r.balance !== '0.00')).toBe(true);
    if (outcome.status !== 'succeeded') throw new Error('import failed');
    expect(total(rows, 'balance')).toBe(outcome.report.outstanding);
    expect(total(rows, 'balance')).toBe(1_441_652);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(FIELDS);
      expect(row.currency).toBe('EUR');
      for (const field of AMOUNTS) expect(row[field]).toMatch(/^-?\d+\.\d{2}$/);
    }
    // Ordered by account.
    expect(rows.map((r) => r.account)).toEqual([...rows.map((r) => r.account)].sort());
  });

  it('VIS-1 VIS-2 on every day, overdue + not due and the buckets add up to the balance of each row', async () => {
    for (const today of ['2022-06-30', IMPORT_DAY, '2023-03-15', '2030-01-01']) {
      for (const row of await rowsOn(today)) {
        const balance = decimalToCents(row.balance!);
        expect(decimalToCents(row.overdue!) + decimalToCents(row.notDue!), `${row.account} ${today}`).toBe(
          balance,
        );
        const buckets = AMOUNTS.slice(2).reduce((sum, f) => sum + decimalToCents(row[f]!), 0);
        expect(buckets, `${row.account} ${today}`).toBe(balance);
      }
    }
  });

  it('VIS-1 --today moves amounts from not due to overdue, then from bucket to bucket', async () => {
    // A customer with a single open invoice: its amount must walk through the buckets.
    const [single] = await selectRows<{ customer_account: string; amount: number; due_date: string }>(
      database.db,
      sql`select customer_account, max(amount)::bigint as amount, max(due_date) as due_date from open_items
        where org_id = ${tenant.orgId} and company_id = ${tenant.companyId}
        group by customer_account having count(*) = 1 and max(amount) > 0
        order by customer_account limit 1`,
    );
    expect(single).toBeDefined();
    const { customer_account: account, amount, due_date: due } = single!;
    const expectations: [number, string][] = [
      [-10, 'notDue'],
      [0, 'notDue'],
      [1, '1-30'],
      [30, '1-30'],
      [31, '31-60'],
      [60, '31-60'],
      [61, '61-90'],
      [90, '61-90'],
      [91, 'over90'],
      [2000, 'over90'],
    ];
    for (const [days, bucket] of expectations) {
      const today = addDays(due, days);
      const row = (await rowsOn(today)).find((r) => r.account === account)!;
      for (const field of AMOUNTS.slice(2)) {
        expect(decimalToCents(row[field]!), `${field} on ${today} (${days} days after the due date)`).toBe(
          field === bucket ? amount : 0,
        );
      }
      expect(decimalToCents(row.overdue!)).toBe(bucket === 'notDue' ? 0 : amount);
    }
    // Far ahead, the whole company is over 90 days; far back, nothing is overdue yet.
    const late = await rowsOn('2030-01-01');
    expect(total(late, 'over90')).toBe(1_441_652);
    expect(total(late, 'notDue')).toBe(0);
    const early = await rowsOn('2020-01-01');
    expect(total(early, 'overdue')).toBe(0);
    expect(total(early, 'notDue')).toBe(1_441_652);
  });

  it('VIS-4 a report writes nothing: the stored summaries keep their day and figures', async () => {
    const snapshot = () =>
      selectRows(
        database.db,
        sql`select customer_account, balance, overdue, buckets, as_of from customer_summaries
          where org_id = ${tenant.orgId} order by customer_account`,
      );
    const before = await snapshot();
    await whoOwesWhat('2029-05-05');
    await whoOwesWhat('2029-05-05', 'csv');
    expect(await snapshot()).toEqual(before);
    expect(before.every((s) => (s as { as_of: string }).as_of === IMPORT_DAY)).toBe(true);
  });

  it('COL-6 the csv output parses back to the json rows', async () => {
    const text = await whoOwesWhat('2023-03-15', 'csv');
    expect(text.startsWith(`\uFEFF${FIELDS.join(',')}\n`)).toBe(true);
    const records: Row[] = parse(text, { bom: true, columns: true });
    expect(records).toEqual(await rowsOn('2023-03-15'));
  });

  it('VIS-2 the bucket fields follow the organization aging bounds', async () => {
    await database.db.execute(
      sql`update organizations set settings = '{"agingBounds":[15,45]}' where id = ${tenant.orgId}`,
    );
    try {
      const rows = await rowsOn('2023-03-15');
      expect(Object.keys(rows[0]!)).toEqual([...FIELDS.slice(0, 6), '1-15', '16-45', 'over45']);
      for (const row of rows) {
        const buckets = ['notDue', '1-15', '16-45', 'over45'].reduce(
          (s, f) => s + decimalToCents(row[f]!),
          0,
        );
        expect(buckets).toBe(decimalToCents(row.balance!));
      }
    } finally {
      await database.db.execute(sql`update organizations set settings = '{}' where id = ${tenant.orgId}`);
    }
  });

  it('COL-5 a company of another organization is unknown; a bad date is refused', async () => {
    const other = await createTenant(database, { companyCode: 'OTHER' });
    await expect(whoOwesWhat(IMPORT_DAY, 'json', 'OTHER')).rejects.toMatchObject({ code: 'not_found' });
    await expect(whoOwesWhat(IMPORT_DAY, 'json', 'NOPE')).rejects.toThrow('no company with the code NOPE');
    await expect(whoOwesWhat('2023-02-30')).rejects.toMatchObject({ code: 'invalid_input' });
    const { output } = collector();
    await expect(
      writeKpisReport(database, { orgId: other.orgId, companyCode: 'NEO', today: IMPORT_DAY }, output),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('VIS-10 kpis: amounts as decimal strings agreeing with who-owes-what, figures as numbers', async () => {
    const today = '2023-03-15';
    const { output, text } = collector();
    await writeKpisReport(database, { orgId: tenant.orgId, companyCode: 'NEO', today }, output);
    const kpis = JSON.parse(text());
    expect(kpis).toMatchObject({ company: 'NEO', currency: 'EUR', asOf: today, agingBounds: [30, 60, 90] });
    expect(kpis.balance).toBe('14416.52');
    const rows = await rowsOn(today);
    expect(decimalToCents(kpis.overdue)).toBe(total(rows, 'overdue'));
    expect(decimalToCents(kpis.notDue)).toBe(total(rows, 'notDue'));
    expect(Object.keys(kpis.buckets)).toEqual(AMOUNTS.slice(2));
    for (const field of AMOUNTS.slice(2))
      expect(decimalToCents(kpis.buckets[field])).toBe(total(rows, field));
    expect(kpis.customersWithBalance).toBe(rows.filter((r) => r.balance !== '0.00').length);
    for (const figure of ['dso', 'bestPossibleDso', 'averageDaysDelinquent', 'cei', 'atRiskShare']) {
      expect(kpis[figure] === null || typeof kpis[figure] === 'number', figure).toBe(true);
    }
    expect(typeof kpis.dso).toBe('number');
  });

  it('VIS-10 kpis are the figures of the day asked, whatever day was asked before', async () => {
    const kpisOn = async (today: string) => {
      const { output, text } = collector();
      await writeKpisReport(database, { orgId: tenant.orgId, companyCode: 'NEO', today }, output);
      return JSON.parse(text());
    };
    for (const today of ['2030-01-01', '2023-03-15', '2022-06-30', IMPORT_DAY]) {
      const kpis = await kpisOn(today);
      const rows = await rowsOn(today);
      expect(decimalToCents(kpis.overdue), `overdue on ${today}`).toBe(total(rows, 'overdue'));
      expect(decimalToCents(kpis.buckets.over90), `over 90 days on ${today}`).toBe(total(rows, 'over90'));
    }
  });
});
