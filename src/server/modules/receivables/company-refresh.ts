import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar';
import type { Tx } from '../../db/client';
import type { JournalMonthSums } from '../../import/ledger-staging';
import { type OpenItemsResult, refreshOpenItems, refreshSummaries } from '../../import/open-items-refresh';
import { getOrganizationSettings } from '../organizations/organization-settings';
import { takeKpiSnapshot } from './kpi-snapshots';
import { findSalesJournals, refreshMonthlyFlows, refreshOwnerMonthlyFlows } from './monthly-flows';

/**
 * What changed since the figures were derived: the `ledger` (entries: open items, flows and all),
 * the `customers` (their terms move due dates: open items again), or only the `day` or the aging
 * bounds (the summaries are rebuilt from the open items as they are).
 */
export type ReceivablesChange = 'ledger' | 'customers' | 'day';

/**
 * Everything derived from a company's ledger, in the caller's transaction (which holds the
 * company's lock): open items and customer summaries for `today` with the organization's aging
 * bounds, the monthly flows when the ledger itself changed, and today's KPI snapshot.
 */
export async function refreshCompanyReceivables(
  tx: Tx,
  scope: {
    orgId: string;
    companyId: string;
    today: CalendarDate;
    defaultTerms: string;
    change: ReceivablesChange;
    /**
     * The ledger's sums by journal and month when its import counted them while reading (every
     * live entry, nothing else): the flows need no pass over the entries.
     */
    flows?: readonly JournalMonthSums[] | undefined;
  },
): Promise<OpenItemsResult> {
  const { orgId, companyId, today, change } = scope;
  const { agingBounds } = await getOrganizationSettings(tx.db, orgId);
  const derived =
    change === 'day'
      ? await refreshSummaries(tx, { orgId, companyId, today, agingBounds })
      : await refreshOpenItems(tx, {
          orgId,
          companyId,
          today,
          defaultTerms: scope.defaultTerms,
          agingBounds,
        });
  if (change !== 'day') {
    // The pages' plans depend on these tables' sizes, which an import changes (and PGlite has no
    // autovacuum to notice); the statistics commit with the data.
    await tx.db.execute(sql`analyze customers, open_items, customer_summaries`);
    // New customers wait in the search index's pending list: merge it at once (schema: customers).
    await tx.db.execute(sql`select gin_clean_pending_list('customers_search_trgm_idx')`);
    const monthly =
      change === 'ledger' ? await refreshMonthlyFlows(tx, { orgId, companyId }, scope.flows) : null;
    const salesJournals = monthly?.salesJournals ?? (await findSalesJournals(tx, orgId, companyId));
    // A customers file moves customers between sales reps and collectors: their flows follow.
    await refreshOwnerMonthlyFlows(tx, { orgId, companyId, salesJournals, months: monthly?.months });
  }
  await takeKpiSnapshot(tx, { orgId, companyId, today, agingBounds });
  return derived;
}
