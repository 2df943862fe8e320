import { ALERT_ROW_LIMIT, type Alert, type Alerts, DUNNING_ALERT_KINDS } from '../../../contracts/alerts';
import type { CalendarDate } from '../../../domain/calendar';
import {
  computePrescriptionCutoff,
  DEFAULT_PRESCRIPTION_WARNING_DAYS,
  resolvePrescription,
} from '../../../domain/receivables/prescription';
import type { Db } from '../../db/client';
import type { AuthContext } from '../auth/auth.service';
import {
  type CustomerAlertDbRow,
  type DunningAlertKind,
  findDunningAlertCustomers,
  findInvoicesNearPrescription,
  findOwingCustomersWithoutContact,
  findStaleCompanies,
} from './alerts.queries';

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>;

const customerHref = (customerId: string) => `/customers/${encodeURIComponent(customerId)}`;

function customerAlert<K extends CustomerAlertDbRow['kind'] | DunningAlertKind>(
  kind: K,
  allRows: readonly (Omit<CustomerAlertDbRow, 'kind'> & { kind: string })[],
): Alert {
  const rows = allRows.filter((r) => r.kind === kind);
  return {
    kind,
    available: true,
    count: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({
      customerId: r.customer_id,
      account: r.account,
      name: r.name,
      companyCode: r.company_code,
      currency: r.currency,
      balance: r.balance,
      href: customerHref(r.customer_id),
    })),
  };
}

async function staleSyncAlert(db: Db, orgId: string, now: Date, companyId?: string): Promise<Alert> {
  const companies = await findStaleCompanies(db, orgId, now, companyId);
  return {
    kind: 'staleSync',
    available: true,
    count: companies.length,
    rows: companies.slice(0, ALERT_ROW_LIMIT).map((c) => ({
      companyId: c.company_id,
      companyCode: c.code,
      companyName: c.name,
      lastSyncAt: c.last_sync_at === null ? null : new Date(c.last_sync_at).toISOString(),
      freshnessHours: c.freshness_hours,
      href: `/import?companyId=${encodeURIComponent(c.company_id)}`,
    })),
  };
}

async function prescriptionAlert(
  db: Db,
  caller: Caller,
  today: CalendarDate,
  companyId: string | undefined,
): Promise<Alert> {
  const warningDays = DEFAULT_PRESCRIPTION_WARNING_DAYS;
  const rows = await findInvoicesNearPrescription(
    db,
    caller,
    {
      merchant: computePrescriptionCutoff(today, 'merchant', warningDays),
      consumer: computePrescriptionCutoff(today, 'consumer', warningDays),
      // Prescribed: the prescription date is yesterday or earlier.
      prescribedMerchant: computePrescriptionCutoff(today, 'merchant', -1),
      prescribedConsumer: computePrescriptionCutoff(today, 'consumer', -1),
    },
    today,
    { companyId, limit: ALERT_ROW_LIMIT },
  );
  const invoices = rows.map((r) => {
    const debtor = r.is_consumer ? ('consumer' as const) : ('merchant' as const);
    const prescription = resolvePrescription({ dueDate: r.due_date, debtor }, today, { warningDays });
    return {
      customerId: r.customer_id,
      account: r.account,
      name: r.name,
      companyCode: r.company_code,
      currency: r.currency,
      entryKey: r.entry_key,
      pieceRef: r.piece_ref ?? '',
      dueDate: r.due_date,
      openAmount: r.amount,
      debtor,
      prescriptionDate: prescription.date,
      // The query selected approaching or prescribed invoices only (same cutoffs as the domain).
      status: prescription.status === 'prescribed' ? ('prescribed' as const) : ('approaching' as const),
      daysLeft: prescription.daysLeft,
      href: customerHref(r.customer_id),
    };
  });
  // Still to act on first, the nearest first; then the most recently prescribed.
  invoices.sort((a, b) =>
    a.status !== b.status
      ? a.status === 'approaching'
        ? -1
        : 1
      : Math.abs(a.daysLeft) - Math.abs(b.daysLeft),
  );
  return {
    kind: 'prescription',
    available: true,
    count: rows[0]?.total ?? 0,
    prescribedCount: rows[0]?.prescribed_total ?? 0,
    rows: invoices,
  };
}

/**
 * Every alert of VIS-9 for the caller: counts and first rows of those today's data can tell
 * (customers, invoices and the sync alert, which is the organization's and shown to everyone),
 * and the alerts that come with dunning marked unavailable rather than counted as zero.
 */
export async function computeAlerts(
  db: Db,
  caller: Caller,
  { today, now, companyId }: { today: CalendarDate; now: Date; companyId?: string | undefined },
): Promise<Alerts> {
  const options = { companyId, limit: ALERT_ROW_LIMIT };
  const staleSync = await staleSyncAlert(db, caller.orgId, now, companyId);
  const prescription = await prescriptionAlert(db, caller, today, companyId);
  const customers = await findOwingCustomersWithoutContact(db, caller, options);
  const dunning = await findDunningAlertCustomers(db, caller, { ...options, today });
  return {
    asOf: today,
    prescriptionWarningDays: DEFAULT_PRESCRIPTION_WARNING_DAYS,
    alerts: [
      staleSync,
      prescription,
      customerAlert('missingEmail', customers),
      customerAlert('missingAddress', customers),
      ...DUNNING_ALERT_KINDS.map((kind) => customerAlert(kind, dunning)),
    ],
  };
}
