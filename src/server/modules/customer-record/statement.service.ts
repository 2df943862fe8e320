import type { CalendarDate } from '../../../domain/calendar';
import { summarizeOpenItems } from '../../../domain/receivables/aging';
import type { Database } from '../../db/client';
import type { PdfLanguage } from '../../documents/pdf-page';
import { renderStatementPdf, type Statement, type StatementScope } from '../../documents/statement-pdf';
import type { AuthContext } from '../auth/auth.service';
import { loadLetterhead } from '../companies/letterhead.queries';
import { refreshStaleSummaries } from '../customers/customers.service';
import { templateLanguage } from '../dunning/reminder-templates';
import { getOrganizationSettings } from '../organizations/organization-settings';
import { toAccountEntry } from './account-entries';
import { resolveContact } from './contact-overrides';
import { findAccountEntries, getCustomerRecordRowOrThrow } from './customer-record.queries';
import { scopeOf, termsOf } from './customer-record.service';

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>;

/** "Non échu", "1–30 j", …, "> 90 j" for the organization's bounds (VIS-2). */
export function agingLabels(bounds: readonly number[], language: PdfLanguage): string[] {
  const labels = [language === 'fr' ? 'Non échu' : 'Not due'];
  let from = 1;
  for (const bound of bounds) {
    labels.push(language === 'fr' ? `${from}–${bound} j` : `${from}–${bound} days`);
    from = bound + 1;
  }
  const last = bounds.at(-1) ?? 0;
  labels.push(language === 'fr' ? `> ${last} j` : `Over ${last} days`);
  return labels;
}

/**
 * The statement of a customer the caller may see (another organization's customer, or one
 * outside the caller's portfolio, is a 404): its open items or all its entries in the ledger's
 * currency, as the account situation lists them, with totals and the aged balance, in the
 * customer's language unless `language` is given.
 */
export async function renderCustomerStatement(
  database: Database,
  auth: Caller,
  id: string,
  options: { scope: StatementScope; language?: PdfLanguage },
  today: CalendarDate,
): Promise<{ pdf: Buffer; fileName: string }> {
  // Open items are recomputed with the summaries: bring them to today before reading them.
  await refreshStaleSummaries(database, auth.orgId, today);
  const db = database.db;
  const row = await getCustomerRecordRowOrThrow(db, auth, id);
  const settings = await getOrganizationSettings(db, auth.orgId);
  const contact = resolveContact(
    {
      name: row.name,
      email: row.sync_email,
      phone: row.sync_phone,
      address: row.sync_address,
      language: row.sync_language,
    },
    row.manual_contact,
  ).effective;
  const language = options.language ?? templateLanguage(contact.language);
  const { terms } = termsOf(row);
  const context = { today, terms, mode: 'ledger' as const, ledgerCurrency: row.currency };
  const entries = (await findAccountEntries(db, scopeOf(auth.orgId, row), options.scope)).map((r) =>
    toAccountEntry(r, context),
  );
  const open = entries.filter((e) => e.openAmount !== 0);
  const summary = summarizeOpenItems(
    open.map((e) => ({ amount: e.openAmount, dueDate: e.dueDate })),
    today,
    settings.agingBounds,
  );
  const labels = agingLabels(settings.agingBounds, language);
  const statement: Statement = {
    language,
    currency: row.currency,
    customerAccount: row.account,
    customerName: contact.name ?? row.name,
    address: contact.address,
    asOf: today,
    scope: options.scope,
    entries: entries.map((e) => ({
      piece: e.pieceRef,
      label: e.label,
      documentDate: e.documentDate,
      dueDate: e.dueDate,
      debit: e.debit,
      credit: e.credit,
      open: e.openAmount,
      daysLate: e.daysLate,
      lettering: e.letteringCode,
    })),
    totals: {
      debit: entries.reduce((s, e) => s + e.debit, 0),
      credit: entries.reduce((s, e) => s + e.credit, 0),
      open: summary.balance,
    },
    aging: summary.buckets.map((amount, b) => ({ label: labels[b]!, amount })),
    overdue: summary.overdue,
    notDue: summary.notDue,
  };
  const letterhead = await loadLetterhead(db, auth.orgId, row.company_id);
  const pdf = await renderStatementPdf(statement, letterhead);
  const prefix = language === 'fr' ? 'releve' : 'statement';
  return { pdf, fileName: `${prefix}-${row.account.replace(/[^A-Za-z0-9_-]/g, '_')}-${today}.pdf` };
}
