import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111, SHARED_FEC_DIR } from '../../../../test/support/ledger-fixtures';
import {
  createTenant,
  createTestApp,
  signIn,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';
import type { Dashboard } from '../../../contracts/dashboard';
import { computeDsoCountback, monthStartsBack } from '../../../domain/receivables/kpis';
import { selectRows } from '../../db/client';

const FEC = join(SHARED_FEC_DIR, NEOLEGAL_111);
const TODAY = '2023-07-31';

/**
 * The file's customer-ledger flows per month, read here without the importer's code: sales
 * journals are those whose customer debits exceed their credits, AN holds opening balances.
 */
function referenceFlows() {
  const lines = readFileSync(FEC, 'latin1').split(/\r?\n/).filter(Boolean);
  const header = lines[0]!.split('|').map((h) => h.trim().toLowerCase());
  const at = (name: string) => header.indexOf(name);
  const cents = (v: string) => Math.round(Number(v.trim().replace(',', '.') || '0') * 100);
  const rows = lines.slice(1).map((l) => l.split('|'));
  const customerRows = rows.filter((f) => /^41[16]/.test(f[at('comptenum')]!.trim()));
  const journalNet = new Map<string, number>();
  for (const f of customerRows) {
    const j = f[at('journalcode')]!.trim();
    journalNet.set(j, (journalNet.get(j) ?? 0) + cents(f[at('debit')]!) - cents(f[at('credit')]!));
  }
  const sales = new Map<string, number>();
  const collected = new Map<string, number>();
  for (const f of customerRows) {
    const j = f[at('journalcode')]!.trim();
    if (j === 'AN') continue;
    const d = f[at('ecrituredate')]!.trim();
    const month = `${d.slice(0, 4)}-${d.slice(4, 6)}-01`;
    if (journalNet.get(j)! > 0) {
      sales.set(month, (sales.get(month) ?? 0) + cents(f[at('debit')]!) - cents(f[at('credit')]!));
    } else {
      collected.set(month, (collected.get(month) ?? 0) + cents(f[at('credit')]!));
    }
  }
  return { sales, collected };
}

describe('dashboard', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    tenant = await createTenant(t.database);
    await importSharedFec(t.database, tenant, NEOLEGAL_111, '2023-07-01');
    await t.database.db.execute(
      sql`update customers set sales_rep = 'Alice' where org_id = ${tenant.orgId} and account in ('41101050', '41102430', '41104815')`,
    );
  });
  afterAll(() => t.close());

  async function dashboardOf(email: string, query = ''): Promise<Dashboard> {
    const session = await signIn(t.app, email);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/dashboard${query}`,
      headers: session.headers,
    });
    expect(response.statusCode).toBe(200);
    return response.json<Dashboard>();
  }

  it('VIS-3 totals match the customers list, the buckets add up to the balance, top debtors by overdue', async () => {
    const admin = await signIn(t.app, tenant.users.admin.email);
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/customers?pageSize=1', headers: admin.headers })
    ).json();
    const dashboard = await dashboardOf(tenant.users.admin.email);
    expect(dashboard.asOf).toBe(TODAY);
    expect(dashboard.isPortfolio).toBe(false);
    const [eur] = dashboard.currencies;
    expect(eur).toMatchObject({
      currency: 'EUR',
      balance: 1_441_652,
      overdue: list.totals[0].overdue,
      notDue: list.totals[0].notDue,
    });
    expect(eur!.buckets).toHaveLength(dashboard.agingBounds.length + 2);
    expect(eur!.buckets.reduce((a, b) => a + b, 0)).toBe(eur!.balance);
    expect(eur!.overdue + eur!.notDue).toBe(eur!.balance);

    const overdues = dashboard.topDebtors.map((d) => d.overdue);
    expect(overdues.length).toBeGreaterThan(0);
    expect(overdues.length).toBeLessThanOrEqual(10);
    expect(overdues).toEqual([...overdues].sort((a, b) => b - a));
    const top = (
      await t.app.inject({
        method: 'GET',
        url: '/api/customers?sort=overdue&direction=desc&pageSize=1',
        headers: admin.headers,
      })
    ).json();
    expect(dashboard.topDebtors[0]).toMatchObject({
      account: top.items[0].account,
      overdue: top.items[0].overdue,
    });
    expect(dashboard.companies).toEqual([
      expect.objectContaining({ code: 'MAIN', balance: 1_441_652, overdue: eur!.overdue }),
    ]);
  });

  it('VIS-10 DSO is the countback of the ledger sales; collections are the credits of the other journals', async () => {
    const { sales, collected } = referenceFlows();
    const dashboard = await dashboardOf(tenant.users.admin.email);
    const [eur] = dashboard.currencies;
    const salesByMonth = monthStartsBack(TODAY, 24).map((month) => ({
      month,
      sales: Math.max(0, sales.get(month) ?? 0),
    }));
    expect(eur!.kpis.dso).toBe(computeDsoCountback(1_441_652, salesByMonth));
    expect(eur!.kpis.dso).toBeGreaterThan(0);
    expect(eur!.collected).toEqual(
      ['2023-05-01', '2023-06-01', '2023-07-01'].map((month) => ({
        month,
        amount: collected.get(month) ?? 0,
      })),
    );
    // The flows' net movements add up to what customers owe.
    const [net] = await selectRows<{ net: number }>(
      t.database.db,
      sql`select sum(net)::bigint as net from monthly_flows where org_id = ${tenant.orgId}`,
    );
    expect(net!.net).toBe(1_441_652);
  });

  it('VIS-3 evolution: a snapshot per day, taken at the sync and at the first request of a later day', async () => {
    const dashboard = await dashboardOf(tenant.users.admin.email);
    const evolution = dashboard.currencies[0]!.evolution;
    expect(evolution).toHaveLength(13);
    expect(evolution.at(-1)).toMatchObject({ day: TODAY, balance: 1_441_652 });
    expect(evolution.at(-2)).toMatchObject({ day: '2023-06-30', balance: 0 }); // before the first sync
    const days = await selectRows<{ day: string }>(
      t.database.db,
      sql`select day::text as day from kpi_snapshots where org_id = ${tenant.orgId} order by day`,
    );
    expect(days.map((d) => d.day)).toEqual(['2023-07-01', TODAY]);
  });

  it('COL-5 a portfolio user sees the figures of their customers only', async () => {
    await t.database.db.execute(
      sql`update users set portfolio = '{"salesReps":["Alice"],"collectors":[]}' where org_id = ${tenant.orgId} and id = ${tenant.users.user.id}`,
    );
    const user = await signIn(t.app, tenant.users.user.email);
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/customers?pageSize=10', headers: user.headers })
    ).json();
    expect(list.total).toBe(3);
    const dashboard = await dashboardOf(tenant.users.user.email);
    expect(dashboard.isPortfolio).toBe(true);
    expect(dashboard.currencies[0]).toMatchObject({
      balance: list.totals[0].balance,
      overdue: list.totals[0].overdue,
    });
    for (const debtor of dashboard.topDebtors) {
      expect(['41101050', '41102430', '41104815']).toContain(debtor.account);
    }
    expect(dashboard.companies[0]!.balance).toBe(list.totals[0].balance);
  });

  it("COL-5 a viewer reads it; another organization's company answers 404", async () => {
    const viewer = await dashboardOf(tenant.users.viewer.email, `?companyId=${tenant.companyId}`);
    expect(viewer.currencies[0]!.balance).toBe(1_441_652);
    const other = await createTenant(t.database);
    const session = await signIn(t.app, other.users.admin.email);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/dashboard?companyId=${tenant.companyId}`,
      headers: session.headers,
    });
    expect(response.statusCode).toBe(404);
    const empty = await dashboardOf(other.users.admin.email);
    expect(empty.currencies[0]).toMatchObject({ balance: 0, overdue: 0 });
  });
});
