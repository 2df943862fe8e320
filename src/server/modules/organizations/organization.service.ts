import { eq, sql } from 'drizzle-orm';
import type { OrganizationSettings, OrganizationSettingsPatch } from '../../../contracts/organization';
import type { CalendarDate } from '../../../domain/calendar';
import { type Database, selectRows } from '../../db/client';
import { organizations } from '../../db/schema';
import { writeAudit } from '../audit/audit.queries';
import type { AuthContext } from '../auth/auth.service';
import { findCompanies, lockCompany } from '../companies/companies.queries';
import { refreshCompanyReceivables } from '../receivables/company-refresh';
import { getOrganizationSettings } from './organization-settings';

/**
 * Saves an admin's change of the organization's settings (audited, COL-8). New aging bounds
 * re-bucket every summary and today's snapshots at once, company by company, so no list shows
 * buckets of two different shapes.
 */
export async function updateOrganizationSettings(
  database: Database,
  auth: Pick<AuthContext, 'orgId' | 'userId'>,
  patch: OrganizationSettingsPatch,
  today: CalendarDate,
): Promise<OrganizationSettings> {
  const before = await getOrganizationSettings(database.db, auth.orgId);
  const after: OrganizationSettings = { ...before, ...patch };
  const boundsChanged = before.agingBounds.join(',') !== after.agingBounds.join(',');
  await database.transaction(async (tx) => {
    await tx.db.update(organizations).set({ settings: after }).where(eq(organizations.id, auth.orgId));
    await writeAudit(tx.db, {
      orgId: auth.orgId,
      userId: auth.userId,
      action: 'organization.settings.update',
      details: { before, after },
    });
    if (!boundsChanged) return;
    for (const company of await findCompanies(tx.db, auth.orgId)) {
      await lockCompany(tx.db, auth.orgId, company.id);
      const [hasLedger] = await selectRows(
        tx.db,
        sql`select 1 from syncs where org_id = ${auth.orgId} and company_id = ${company.id} and status = 'succeeded' limit 1`,
      );
      if (!hasLedger) continue;
      await refreshCompanyReceivables(tx, {
        orgId: auth.orgId,
        companyId: company.id,
        today,
        defaultTerms: company.defaultTerms,
        change: 'day',
      });
    }
  });
  return after;
}
