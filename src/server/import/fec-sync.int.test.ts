import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestDatabase, testDatabaseKind } from '../../../test/support/test-app';
import type { Database } from '../db/client';
import { selectRows } from '../db/client';
import { openItems } from '../db/schema';
import { runSync, type SyncRequest } from './sync.service';

const FEC_DIR = join(import.meta.dirname, '../../../../shared/data/fec');
const TODAY = '2024-04-30';

/**
 * An independent reading of a FEC for the expected figures: whole file in memory, BigInt cents,
 * no code shared with the importer. Good enough for these files, not for production.
 */
function referenceFigures(path: string, prefixes = ['411', '416']) {
  const bytes = readFileSync(path);
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) text = new TextDecoder('iso-8859-15').decode(bytes);
  const records = text
    .replace(/^\uFEFF/, '')
    .split(/\r\r\n|\r\n|\n|\r/)
    .filter((l) => l.trim() !== '');
  const sep = records[0]!.includes('\t') ? '\t' : '|';
  const header = records[0]!.split(sep).map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const cents = (v: string) => {
    const t = v.trim().replace(',', '.');
    if (t === '') return 0n;
    const [units, dec = ''] = t.replace(/^[+-]/, '').split('.');
    const value = BigInt(units!) * 100n + BigInt(dec.padEnd(2, '0').slice(0, 2));
    return t.startsWith('-') ? -value : value;
  };
  let debit = 0n;
  let credit = 0n;
  const balances = new Map<string, bigint>();
  for (const record of records.slice(1)) {
    const f = record.split(sep);
    const d = cents(f[col('debit')]!);
    const c = cents(f[col('credit')]!);
    debit += d;
    credit += c;
    const account = f[col('comptenum')]!.trim();
    if (!prefixes.some((p) => account.startsWith(p))) continue;
    const customer = f[col('compauxnum')]!.trim() || account;
    balances.set(customer, (balances.get(customer) ?? 0n) + d - c);
  }
  let outstanding = 0n;
  for (const b of balances.values()) outstanding += b;
  return {
    lines: records.length - 1,
    debit: Number(debit),
    credit: Number(credit),
    customers: balances.size,
    outstanding: Number(outstanding),
  };
}

const FILES = readdirSync(FEC_DIR).filter((f) => !f.endsWith('LICENSE'));

describe(`FEC import on ${testDatabaseKind()}`, () => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
  });
  afterAll(() => drop());

  const request = (tenant: { orgId: string; companyId: string }, file: string): SyncRequest => ({
    orgId: tenant.orgId,
    companyId: tenant.companyId,
    source: 'fec',
    filePath: join(FEC_DIR, file),
    fileName: file,
    userId: null,
    trigger: 'cli',
    today: TODAY,
    now: new Date(`${TODAY}T12:00:00Z`),
  });

  it.each(FILES)(
    'IMP-2 IMP-3 %s: lines, totals, customers and outstanding match an independent reading',
    async (file) => {
      const tenant = await createTenant(database);
      const expected = referenceFigures(join(FEC_DIR, file));
      const outcome = await runSync(database, request(tenant, file));
      expect(outcome.status, JSON.stringify(outcome)).toBe('succeeded');
      if (outcome.status !== 'succeeded') return;
      expect(outcome.report.lines).toBe(expected.lines);
      expect(outcome.report.totalDebit).toBe(expected.debit);
      expect(outcome.report.totalCredit).toBe(expected.credit);
      expect(outcome.report.totalDebit).toBe(outcome.report.totalCredit);
      expect(outcome.report.customers).toBe(expected.customers);
      expect(outcome.report.outstanding).toBe(expected.outstanding);
      // IMP-5: a customer's balance is the sum of its open items.
      const [sums] = await selectRows<{ items: number; summaries: number }>(
        database.db,
        sql`select (select coalesce(sum(amount), 0) from open_items where org_id = ${tenant.orgId})::bigint as items,
        (select coalesce(sum(balance), 0) from customer_summaries where org_id = ${tenant.orgId})::bigint as summaries`,
      );
      expect(sums).toEqual({ items: expected.outstanding, summaries: expected.outstanding });
    },
  );

  it('IMP-3 the beverage producer (pipe, padded, ISO-8859-15) has 34 customers and 14,416.52 outstanding', async () => {
    const tenant = await createTenant(database);
    const outcome = await runSync(database, request(tenant, 'neolegal__111111111FEC20221231.TXT'));
    expect(outcome.status).toBe('succeeded');
    if (outcome.status !== 'succeeded') return;
    expect(outcome.report).toMatchObject({ lines: 934, customers: 34, outstanding: 1_441_652 });
  });

  it.each([1, 3])(
    'IMP-2 a ledger read by %i thread(s) of its own (as large files are) gives the same figures and keys',
    async (threads) => {
      const here = await createTenant(database);
      const there = await createTenant(database);
      const file = 'neolegal__0000000001FEC20220831.txt';
      const inline = await runSync(database, { ...request(here, file), thread: false });
      const threaded = await runSync(database, { ...request(there, file), thread: true, threads });
      expect(inline.status).toBe('succeeded');
      expect(threaded.status).toBe('succeeded');
      if (inline.status !== 'succeeded' || threaded.status !== 'succeeded') return;
      expect(threaded.report).toEqual(inline.report);
      const keys = (orgId: string) =>
        selectRows(
          database.db,
          sql`select entry_key, debit, credit, source_line from entries where org_id = ${orgId} order by entry_key`,
        );
      expect(await keys(there.orgId)).toEqual(await keys(here.orgId));
      // The flows the threads counted while reading, merged, are those of one reading.
      const flows = (orgId: string) =>
        selectRows(
          database.db,
          sql`select month::text, invoiced, credited, collected, net from monthly_flows where org_id = ${orgId} order by month`,
        );
      const inlineFlows = await flows(here.orgId);
      expect(inlineFlows.length).toBeGreaterThan(0);
      expect(await flows(there.orgId)).toEqual(inlineFlows);
    },
  );

  it('IMP-6 a file refused by the reading thread is reported like any other', async () => {
    const tenant = await createTenant(database);
    const outcome = await runSync(database, {
      ...request(tenant, 'neolegal__LICENSE'),
      thread: true,
    });
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.message.toLowerCase()).toMatch(/separat|column|fec/);
  });

  it('IMP-3 411 lines without an auxiliary account make one customer per 411 account, named by CompteLib', async () => {
    const tenant = await createTenant(database);
    const outcome = await runSync(database, request(tenant, 'neolegal__123456789FEC20500930.txt'));
    expect(outcome.status === 'succeeded' && outcome.report).toMatchObject({
      lines: 10_756,
      customers: 1,
      entries: 4,
    });
    const customers = await selectRows(
      database.db,
      sql`select account, name from customers where org_id = ${tenant.orgId}`,
    );
    expect(customers).toEqual([{ account: '411100000', name: 'CLIENTS' }]);
  });

  it('IMP-3 receivable prefixes are the company’s: with 416 only, this ledger has no customer', async () => {
    const tenant = await createTenant(database);
    await database.db.execute(
      sql`update companies set receivable_prefixes = '{416}' where org_id = ${tenant.orgId}`,
    );
    const outcome = await runSync(database, request(tenant, 'neolegal__123456789FEC20500930.txt'));
    expect(outcome.status === 'succeeded' && outcome.report).toMatchObject({
      customers: 0,
      entries: 0,
      outstanding: 0,
    });
  });

  it('IMP-5 open items worked out by hand', async () => {
    const tenant = await createTenant(database);
    await runSync(database, request(tenant, 'neolegal__111111111FEC20221231.TXT'));
    const itemsOf = (account: string) =>
      database.db
        .select({
          amount: openItems.amount,
          documentDate: openItems.documentDate,
          dueDate: openItems.dueDate,
          isPartial: openItems.isPartial,
        })
        .from(openItems)
        .where(and(eq(openItems.orgId, tenant.orgId), eq(openItems.customerAccount, account)))
        .orderBy(openItems.dueDate, openItems.amount);
    // 41101590: six invoices, each lettered with its payment (AA…AF, AD against an opening entry): nothing open.
    expect(await itemsOf('41101590')).toEqual([]);
    // 41101589: group AA = opening 360.84 + invoice 368.77 against two payments of the same amounts: settled.
    expect(await itemsOf('41101589')).toEqual([]);
    // 41104815: invoice VE 0523 of 2023-05-19 for 37.04, unlettered, 30 days net; the 93.09 pair 'A ' balances.
    expect(await itemsOf('41104815')).toEqual([
      { amount: 3704, documentDate: '2023-05-19', dueDate: '2023-06-18', isPartial: false },
    ]);

    const farm = await createTenant(database);
    await runSync(database, request(farm, 'neolegal__0000000001FEC20220831.txt'));
    const farmItems = (account: string) =>
      database.db
        .select({ amount: openItems.amount, dueDate: openItems.dueDate, isPartial: openItems.isPartial })
        .from(openItems)
        .where(and(eq(openItems.orgId, farm.orgId), eq(openItems.customerAccount, account)))
        .orderBy(openItems.dueDate, openItems.amount);
    // CRETAY: five invoices each lettered with a receipt; FA 220301 (100.33) and FA 220302 (202.56) are
    // lettered together (AACO) with no payment in this year: the group is open in full.
    expect(await farmItems('CRETAY')).toEqual([
      { amount: 10_033, dueDate: '2022-06-23', isPartial: true },
      { amount: 20_256, dueDate: '2022-06-24', isPartial: true },
    ]);
    // CFLORE: an unlettered opening debit of 34.71 and a receipt of 34.71 lettered alone (AABD): both open,
    // the balance is zero.
    expect(await farmItems('CFLORE')).toEqual([
      { amount: -3471, dueDate: '2021-09-04', isPartial: true },
      { amount: 3471, dueDate: '2021-10-01', isPartial: false },
    ]);
  });

  it('IMP-6 IMP-9 importing the same file twice changes nothing but adds a sync record', async () => {
    const tenant = await createTenant(database);
    const file = 'neolegal__111111111FEC20221231.TXT';
    const first = await runSync(database, request(tenant, file));
    const snapshot = () =>
      selectRows(
        database.db,
        sql`select entry_key, debit, credit, lettering_code, sync_id, gone_at from entries where org_id = ${tenant.orgId} order by entry_key`,
      );
    const before = await snapshot();
    const second = await runSync(database, request(tenant, file));
    expect(first.status).toBe('succeeded');
    expect(second.status).toBe('succeeded');
    if (second.status !== 'succeeded') return;
    expect(second.report).toMatchObject({ inserted: 0, updated: 0, gone: 0 });
    expect(await snapshot()).toEqual(before);
    const syncRows = await selectRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from syncs where org_id = ${tenant.orgId}`,
    );
    expect(syncRows[0]!.n).toBe(2);
  });
});
