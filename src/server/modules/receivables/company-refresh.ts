import type { CalendarDate } from '../../../domain/calendar';
import type { Tx } from '../../db/client';
import { type OpenItemsResult, refreshOpenItems } from '../../import/open-items-refresh';
import { getOrganizationSettings } from '../organizations/organization-settings';
import { takeKpiSnapshot } from './kpi-snapshots';
import { refreshMonthlyFlows } from './monthly-flows';

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
    ledgerChanged: boolean;
  },
): Promise<OpenItemsResult> {
  const { orgId, companyId, today } = scope;
  const { agingBounds } = await getOrganizationSettings(tx.db, orgId);
  const derived = await refreshOpenItems(tx, {
    orgId,
    companyId,
    today,
    defaultTerms: scope.defaultTerms,
    agingBounds,
  });
  if (scope.ledgerChanged) await refreshMonthlyFlows(tx, { orgId, companyId });
  await takeKpiSnapshot(tx, { orgId, companyId, today, agingBounds });
  return derived;
}
