import type { Consolidated, ConsolidatedQuery } from '../../../contracts/customer-record';
import type { CalendarDate } from '../../../domain/calendar';
import type { Database } from '../../db/client';
import type { AuthContext } from '../auth/auth.service';
import { refreshStaleSummaries } from '../customers/customers.service';
import { getOrganizationSettings } from '../organizations/organization-settings';
import { findCompanyTotals, findGroupMembers, findGroupPage } from './customer-record.queries';
import { toGroupMember } from './customer-record.service';

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>;
type Amounts = Consolidated['totals'][number];

/** Sums amounts per currency, currencies in alphabetical order. */
function sumByCurrency(rows: readonly Amounts[]): Amounts[] {
  const sums = new Map<string, Amounts>();
  for (const r of rows) {
    const sum = sums.get(r.currency) ?? { currency: r.currency, balance: 0, overdue: 0, notDue: 0 };
    sum.balance += r.balance;
    sum.overdue += r.overdue;
    sum.notDue += r.notDue;
    sums.set(r.currency, sum);
  }
  return [...sums.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * The consolidated view (VIS-8): overdue and not yet due per company of the organization and per
 * currency, and the group customers present in several companies with their consolidated
 * amounts, most overdue first — all limited to the caller's portfolio (COL-5).
 */
export async function getConsolidated(
  database: Database,
  auth: Caller,
  query: ConsolidatedQuery,
  today: CalendarDate,
): Promise<Consolidated> {
  await refreshStaleSummaries(database, auth.orgId, today);
  const db = database.db;
  const { groupMatchKey } = await getOrganizationSettings(db, auth.orgId);
  const companies = (await findCompanyTotals(db, auth)).map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
    currency: c.currency,
    balance: c.balance,
    overdue: c.overdue,
    notDue: c.not_due,
    customersWithBalance: c.customers_with_balance,
  }));
  const page = await findGroupPage(db, auth, groupMatchKey, query);
  const members = await findGroupMembers(db, auth, groupMatchKey, page.keys);
  const items = page.keys.map((key) => {
    const own = members.filter((m) => m.group_key === key);
    return {
      key,
      name: own[0]?.name ?? key,
      companyCount: new Set(own.map((m) => m.company_id)).size,
      amounts: sumByCurrency(
        own.map((m) => ({ currency: m.currency, balance: m.balance, overdue: m.overdue, notDue: m.not_due })),
      ),
      members: own.map((m) => {
        const { isCurrent: _ignored, ...member } = toGroupMember(m, null);
        return member;
      }),
    };
  });
  return {
    asOf: today,
    isPortfolio: auth.role !== 'admin' && auth.portfolio !== null,
    matchKey: groupMatchKey,
    companies,
    totals: sumByCurrency(companies),
    groups: { items, total: page.total, page: query.page, pageSize: query.pageSize },
  };
}
