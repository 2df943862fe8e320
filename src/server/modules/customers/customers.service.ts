import type { CalendarDate } from '../../../domain/calendar';
import type { Database } from '../../db/client';
import { lockCompany } from '../companies/companies.queries';
import { refreshCompanyReceivables } from '../receivables/company-refresh';
import { findStaleCompanies } from './customers.queries';

/**
 * Overdue amounts move with the date: summaries computed for an earlier day are recomputed for
 * `today`, and the day's KPI snapshot taken (until the nightly job does it ahead of time). Each company is locked and checked
 * again first, so two requests, or a request and an import, do not refresh it twice at once.
 */
export async function refreshStaleSummaries(
  database: Database,
  orgId: string,
  today: CalendarDate,
): Promise<void> {
  for (const company of await findStaleCompanies(database.db, orgId, today)) {
    await database.transaction(async (tx) => {
      await lockCompany(tx.db, orgId, company.id);
      const stillStale = await findStaleCompanies(tx.db, orgId, today, company.id);
      if (stillStale.length === 0) return;
      await refreshCompanyReceivables(tx, {
        orgId,
        companyId: company.id,
        today,
        defaultTerms: company.default_terms,
        change: 'day',
      });
    });
  }
}
