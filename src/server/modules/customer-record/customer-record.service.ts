import type {
  ContactField,
  ContactPatch,
  CustomerRecord,
  GroupMember,
} from '../../../contracts/customer-record';
import type { CalendarDate } from '../../../domain/calendar';
import { computeOpenItems, resolveDueDate } from '../../../domain/ledger/open-items';
import { resolveGroupKey } from '../../../domain/receivables/group-customers';
import { computeAveragePaymentDelay } from '../../../domain/receivables/payment-delay';
import {
  DEFAULT_TERMS,
  exceedsLegalCap,
  formatTerms,
  type PaymentTerms,
  parseTerms,
} from '../../../domain/terms';
import type { Database, Db } from '../../db/client';
import type { ContactOverrides } from '../../db/schema';
import { writeAudit } from '../audit/audit.queries';
import type { AuthContext } from '../auth/auth.service';
import { refreshStaleSummaries } from '../customers/customers.service';
import { getOrganizationSettings } from '../organizations/organization-settings';
import { applyContactPatch, resolveContact, restoreContactFields } from './contact-overrides';
import {
  type CustomerRecordRow,
  type CustomerScope,
  findContacts,
  findGroupMembers,
  findLetteredEntries,
  type GroupMemberRow,
  getCustomerRecordRowOrThrow,
  updateManualContact,
} from './customer-record.queries';

type Caller = Pick<AuthContext, 'orgId' | 'userId' | 'role' | 'portfolio'>;

export const scopeOf = (
  orgId: string,
  row: Pick<CustomerRecordRow, 'company_id' | 'account'>,
): CustomerScope => ({
  orgId,
  companyId: row.company_id,
  account: row.account,
});

/** The customer's own terms when it has readable ones, else its company's (IMP-4). */
export function termsOf(row: Pick<CustomerRecordRow, 'terms' | 'default_terms'>): {
  terms: PaymentTerms;
  source: 'customer' | 'company';
} {
  const own = row.terms ? parseTerms(row.terms) : null;
  if (own) return { terms: own, source: 'customer' };
  return { terms: parseTerms(row.default_terms) ?? DEFAULT_TERMS, source: 'company' };
}

/** VIS-8 block line of a customer. */
export function toGroupMember(row: GroupMemberRow, currentId: string | null): GroupMember {
  return {
    customerId: row.id,
    companyId: row.company_id,
    companyCode: row.company_code,
    companyName: row.company_name,
    currency: row.currency,
    account: row.account,
    name: row.name,
    overdue: row.overdue,
    notDue: row.not_due,
    // VIS-8: the total outstanding is shown only when the customer owes something.
    outstanding: row.balance > 0 ? row.balance : null,
    balance: row.balance,
    isCurrent: row.id === currentId,
  };
}

/**
 * Average payment delay (VIS-11) over the debits the lettering settled — by a payment or by a
 * credit note, which is how lettered credit notes count — from their document or due date.
 */
async function computePaymentDelay(
  db: Db,
  scope: CustomerScope,
  terms: PaymentTerms,
  from: 'document' | 'due',
): Promise<CustomerRecord['paymentDelay']> {
  const rows = await findLetteredEntries(db, scope);
  const entries = rows.map((r) => ({
    key: r.entry_key,
    documentDate: r.document_date,
    entryDate: r.entry_date,
    sourceDueDate: r.source_due_date,
    debit: r.debit,
    credit: r.credit,
    letteringCode: r.lettering_code,
    letteringDate: r.lettering_date,
  }));
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const { settled } = computeOpenItems(entries, terms);
  const documents = settled.map((s) => {
    const entry = byKey.get(s.key)!;
    return {
      documentDate: entry.documentDate,
      dueDate: resolveDueDate(entry, terms),
      paymentDate: s.paymentDate,
    };
  });
  return { days: computeAveragePaymentDelay(documents, from), from, settledCount: documents.length };
}

/** The customer record (VIS-6): identity, contacts, terms, outstanding, payment delay, group (VIS-8). */
export async function getCustomerRecord(
  database: Database,
  auth: Caller,
  id: string,
  today: CalendarDate,
): Promise<CustomerRecord> {
  const db = database.db;
  // Overdue amounts move with the date: bring the summaries to today first, like the lists do.
  await refreshStaleSummaries(database, auth.orgId, today);
  const row = await getCustomerRecordRowOrThrow(db, auth, id);
  const settings = await getOrganizationSettings(db, auth.orgId);
  const scope = scopeOf(auth.orgId, row);
  const { terms, source } = termsOf(row);
  const contact = resolveContact(
    {
      name: row.name,
      email: row.sync_email,
      phone: row.sync_phone,
      address: row.sync_address,
      language: row.sync_language,
    },
    row.manual_contact,
  );
  const groupKey = resolveGroupKey(
    { externalId: row.external_id, registrationNumber: row.registration_number },
    settings.groupMatchKey,
  );
  const members = groupKey ? await findGroupMembers(db, auth, settings.groupMatchKey, [groupKey]) : [];
  const contacts = await findContacts(db, scope);
  const bucketCount = settings.agingBounds.length + 2;
  return {
    id: row.id,
    account: row.account,
    name: contact.effective.name ?? row.name,
    companyId: row.company_id,
    companyCode: row.company_code,
    companyName: row.company_name,
    currency: row.currency,
    externalId: row.external_id,
    registrationNumber: row.registration_number,
    isConsumer: row.is_consumer,
    isInSource: row.is_in_source,
    contact,
    contacts: contacts.map((c) => ({
      id: c.id,
      source: c.source,
      name: c.name,
      email: c.email,
      phone: c.phone,
      role: c.role,
      isPrimary: c.is_primary,
    })),
    terms: { text: formatTerms(terms), source, exceedsLegalCap: exceedsLegalCap(terms) },
    salesRep: row.sales_rep,
    collector: row.collector,
    asOf: today,
    agingBounds: settings.agingBounds,
    outstanding: {
      balance: row.balance ?? 0,
      overdue: row.overdue ?? 0,
      notDue: row.not_due ?? 0,
      buckets: row.buckets ?? new Array<number>(bucketCount).fill(0),
      openItemCount: row.open_item_count ?? 0,
      oldestDueDate: row.oldest_due_date,
      maxDaysLate: row.max_days_late,
    },
    paymentDelay: await computePaymentDelay(db, scope, terms, settings.paymentDelayFrom),
    group: {
      matchKey: settings.groupMatchKey,
      key: groupKey,
      // A key nobody else shares makes no block: the record alone is not a group.
      members: members.length > 1 ? members.map((m) => toGroupMember(m, row.id)) : [],
    },
    canEdit: auth.role !== 'viewer',
  };
}

/** Applies a change to the user's contact overrides, with its audit row, in one transaction. */
async function changeContact(
  database: Database,
  auth: Caller,
  id: string,
  change: (current: ContactOverrides) => ContactOverrides,
  action: string,
): Promise<void> {
  await database.transaction(async (tx) => {
    const row = await getCustomerRecordRowOrThrow(tx.db, auth, id, { forUpdate: true });
    const before = row.manual_contact ?? {};
    const after = change(before);
    if (JSON.stringify(after) === JSON.stringify(before)) return;
    await updateManualContact(tx.db, auth.orgId, id, after);
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (f) => JSON.stringify(before[f as ContactField]) !== JSON.stringify(after[f as ContactField]),
    );
    await writeAudit(tx.db, {
      orgId: auth.orgId,
      userId: auth.userId,
      action,
      target: `customer:${id}`,
      details: { account: row.account, companyId: row.company_id, fields, before, after },
    });
  });
}

/** IMP-8: the user's contact data, which wins over the synchronized data until restored. */
export async function updateCustomerContact(
  database: Database,
  auth: Caller,
  id: string,
  patch: ContactPatch,
  today: CalendarDate,
): Promise<CustomerRecord> {
  await changeContact(
    database,
    auth,
    id,
    (current) => applyContactPatch(current, patch),
    'customer.contact.override',
  );
  return getCustomerRecord(database, auth, id, today);
}

/** IMP-8 "restore synchronized data": drops the overrides of `fields`, or all of them. */
export async function restoreCustomerContact(
  database: Database,
  auth: Caller,
  id: string,
  fields: readonly ContactField[] | undefined,
  today: CalendarDate,
): Promise<CustomerRecord> {
  await changeContact(
    database,
    auth,
    id,
    (current) => restoreContactFields(current, fields),
    'customer.contact.restore',
  );
  return getCustomerRecord(database, auth, id, today);
}
