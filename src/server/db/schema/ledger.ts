import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, keyText, money, orgId } from './columns';
import { companies } from './companies';
import { externalIdKeySql, registrationKeySql } from './group-keys';

const companyFk = (org: AnyPgColumn, company: AnyPgColumn) =>
  foreignKey({ columns: [org, company], foreignColumns: [companies.orgId, companies.id] }).onDelete(
    'cascade',
  );

/** Postal address, synchronized or typed by a user. */
export interface PostalAddress {
  line1?: string | null;
  line2?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
}

/** Contact fields a user typed (IMP-8): each present key overrides the synchronized value. */
export interface ContactOverrides {
  name?: string;
  email?: string;
  phone?: string;
  address?: PostalAddress;
  language?: string;
}

/**
 * A customer: a receivable account of one company, keyed by its account (stable across syncs).
 * Synchronized fields (`sync_*`, name…) are rewritten by every sync; `manual_contact` is the user's
 * and only the user changes it.
 */
export const customers = pgTable(
  'customers',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    account: text('account').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    externalId: text('external_id'),
    registrationNumber: text('registration_number'),
    salesRep: text('sales_rep'),
    collector: text('collector'),
    /** Terms from the source, canonical text; null = the company's default terms. */
    terms: text('terms'),
    syncEmail: text('sync_email'),
    syncPhone: text('sync_phone'),
    syncAddress: jsonb('sync_address').$type<PostalAddress>(),
    syncLanguage: text('sync_language'),
    manualContact: jsonb('manual_contact').$type<ContactOverrides>().notNull().default({}),
    customFields: jsonb('custom_fields').$type<Record<string, string>>().notNull().default({}),
    /** A consumer (B2C) customer: invoices prescribe after 2 years instead of 5 (VIS-9). */
    isConsumer: boolean('is_consumer').notNull().default(false),
    /** True while the customer appears in the company's latest ledger or customers file. */
    isInSource: boolean('is_in_source').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Name and account, for the search of who owes what (VIS-4): one trigram index instead of
     * two. The separator is a control character no search contains, so a match never straddles.
     */
    searchText: text('search_text').generatedAlwaysAs(sql`name || chr(31) || account`),
    /** VIS-8 keys, kept by the database: `group-keys.ts`. */
    groupKeyExternal: text('group_key_external').generatedAlwaysAs(sql.raw(externalIdKeySql('external_id'))),
    groupKeyRegistration: text('group_key_registration').generatedAlwaysAs(
      sql.raw(registrationKeySql('registration_number')),
    ),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.companyId, t.account] }),
    uniqueIndex('customers_id_key').on(t.orgId, t.id),
    companyFk(t.orgId, t.companyId),
    index('customers_group_external_idx').on(t.orgId, t.groupKeyExternal),
    index('customers_group_registration_idx').on(t.orgId, t.groupKeyRegistration),
    index('customers_sales_rep_idx').on(t.orgId, t.salesRep),
    index('customers_collector_idx').on(t.orgId, t.collector),
    // Who owes what's search (VIS-4) is a substring match: a trigram index answers it without a
    // scan. With `fastupdate` (the default) an import's new customers go to a pending list, eight
    // times faster than into the index one by one; the sync then merges the list
    // (`company-refresh.ts`), so that searches do not read it.
    index('customers_search_trgm_idx').using('gin', t.searchText.op('gin_trgm_ops')),
  ],
);

export const CONTACT_SOURCES = ['sync', 'manual'] as const;

/** People to write to at a customer. Synchronized ones are replaced by a contacts import. */
export const contacts = pgTable(
  'contacts',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    customerAccount: text('customer_account').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    source: text('source', { enum: CONTACT_SOURCES }).notNull(),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    role: text('role'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.companyId, t.customerAccount, t.id] }),
    companyFk(t.orgId, t.companyId),
  ],
);

/**
 * One line of the customer ledger. `entry_key` is stable across syncs (IMP-7): customer account,
 * piece reference, document date and the line's ordinal among lines sharing those three.
 */
export const entries = pgTable(
  'entries',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    entryKey: keyText('entry_key').notNull(),
    customerAccount: text('customer_account').notNull(),
    journalCode: text('journal_code').notNull(),
    entryNumber: text('entry_number').notNull(),
    entryDate: date('entry_date').notNull(),
    accountNumber: text('account_number').notNull(),
    pieceRef: text('piece_ref').notNull(),
    documentDate: date('document_date').notNull(),
    sourceDueDate: date('source_due_date'),
    label: text('label').notNull(),
    debit: money('debit').notNull(),
    credit: money('credit').notNull(),
    originalAmount: money('original_amount'),
    currency: text('currency'),
    paymentMethod: text('payment_method'),
    letteringCode: text('lettering_code').notNull(),
    letteringDate: date('lettering_date'),
    customFields: jsonb('custom_fields').$type<Record<string, string>>(),
    sourceLine: integer('source_line').notNull(),
    /** Set when the entry vanished from the source; cleared if it comes back. */
    goneAt: timestamp('gone_at', { withTimezone: true }),
    syncId: uuid('sync_id').notNull(),
  },
  (t) => [
    // The key starts with the customer's account: this index also serves a customer's entries.
    // No foreign key on the three ledger-sized tables: a check per row costs a bulk load dearly,
    // and only the sync writes them, inside the company's transaction (docs/adr/0002).
    primaryKey({ columns: [t.orgId, t.companyId, t.entryKey] }),
  ],
);

/** Derived by every sync from the entries (IMP-5): what is still to be paid or allocated. */
export const openItems = pgTable(
  'open_items',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    entryKey: keyText('entry_key').notNull(),
    customerAccount: text('customer_account').notNull(),
    /** > 0 open debit, < 0 open credit. */
    amount: money('amount').notNull(),
    documentDate: date('document_date').notNull(),
    dueDate: date('due_date').notNull(),
    isPartial: boolean('is_partial').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.companyId, t.entryKey] }),
    index('open_items_customer_idx').on(t.orgId, t.companyId, t.customerAccount, t.dueDate),
    // The due-date list's default order (VIS-5), walked for its first pages.
    index('open_items_due_idx').on(t.orgId, t.dueDate, t.companyId, t.entryKey),
  ],
);

/** Per customer, what lists read: refreshed by every sync and when the date changes. */
export const customerSummaries = pgTable(
  'customer_summaries',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    customerAccount: text('customer_account').notNull(),
    balance: money('balance').notNull(),
    overdue: money('overdue').notNull(),
    notDue: money('not_due').notNull(),
    /** Aging buckets: not due, 1–30, 31–60, 61–90, over 90 days past due (VIS-2). */
    buckets: jsonb('buckets').$type<number[]>().notNull(),
    openItemCount: integer('open_item_count').notNull(),
    oldestDueDate: date('oldest_due_date'),
    /** Days late of the oldest overdue debit (VIS-1), null when nothing is overdue. */
    maxDaysLate: integer('max_days_late'),
    asOf: date('as_of').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.companyId, t.customerAccount] }),
    index('customer_summaries_overdue_idx').on(t.orgId, t.overdue),
  ],
);

/**
 * Per company and calendar month, what the ledger says happened (derived by every sync): the
 * invoiced amount (debits of sales journals), credit notes (their credits), the amount collected
 * (credits of the other journals) and the net movement. The KPIs (VIS-10) read these instead of aggregating the ledger.
 */
export const monthlyFlows = pgTable(
  'monthly_flows',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    /** First day of the month. */
    month: date('month').notNull(),
    invoiced: money('invoiced').notNull(),
    credited: money('credited').notNull(),
    collected: money('collected').notNull(),
    /** Every debit − credit of the month, opening entries included: balances at month starts add up from it. */
    net: money('net').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.companyId, t.month] })],
);

/**
 * The flows of `monthly_flows` split by the customers' sales rep and collector ('' for none), so
 * that a portfolio's KPIs (COL-5) add up a few rows instead of its customers' entries.
 */
export const ownerMonthlyFlows = pgTable(
  'owner_monthly_flows',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    salesRep: text('sales_rep').notNull(),
    collector: text('collector').notNull(),
    month: date('month').notNull(),
    invoiced: money('invoiced').notNull(),
    credited: money('credited').notNull(),
    collected: money('collected').notNull(),
    net: money('net').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.companyId, t.salesRep, t.collector, t.month] })],
);

/** Count and sums of the customers one filter of who owes what shows. */
export interface ListFilterTotals {
  count: number;
  balance: number;
  overdue: number;
  notDue: number;
}

/**
 * A company's receivables on a day for the customers of one sales rep and collector: what a
 * portfolio (COL-5) or a filter of who owes what (VIS-4) adds up.
 */
export interface OwnerTotals {
  salesRep: string | null;
  collector: string | null;
  balance: number;
  overdue: number;
  notDue: number;
  buckets: number[];
  customersWithBalance: number;
  customersOverdue: number;
  /** Open items of these customers: the due-date list's count (VIS-5). */
  openItems: number;
  /** Per filter of who owes what: its customers and their sums. */
  lists: Record<'all' | 'open' | 'overdue', ListFilterTotals>;
}

/** The receivables of a company as they stood on a day (VIS-3 evolution), one row per day. */
export const kpiSnapshots = pgTable(
  'kpi_snapshots',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    day: date('day').notNull(),
    balance: money('balance').notNull(),
    overdue: money('overdue').notNull(),
    notDue: money('not_due').notNull(),
    buckets: jsonb('buckets').$type<number[]>().notNull(),
    customersWithBalance: integer('customers_with_balance').notNull(),
    customersOverdue: integer('customers_overdue').notNull().default(0),
    /**
     * The same, per sales rep and collector; null on days rebuilt from the ledger and on
     * snapshots older than this column (today's is then taken again: `findStaleCompanies`).
     * Sales reps and collectors change only by an import, which takes the snapshot again;
     * anything else that changes them must do the same.
     */
    byOwner: jsonb('by_owner').$type<OwnerTotals[]>(),
    /** DSO, best possible DSO, average days delinquent, CEI, at-risk share (VIS-10). */
    kpis: jsonb('kpis').$type<Record<string, number | null>>().notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.companyId, t.day] }), companyFk(t.orgId, t.companyId)],
);

export const SYNC_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];
export const SYNC_SOURCES = ['fec', 'customers', 'entries', 'contacts'] as const;
export type SyncSource = (typeof SYNC_SOURCES)[number];

/** Every import, successful or not (IMP-9). */
export const syncs = pgTable(
  'syncs',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    source: text('source', { enum: SYNC_SOURCES }).notNull(),
    fileName: text('file_name').notNull(),
    /** Who started it: a user id, or null with `trigger` telling what did. */
    userId: uuid('user_id'),
    trigger: text('trigger').notNull(),
    status: text('status', { enum: SYNC_STATUSES }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    report: jsonb('report').$type<Record<string, unknown>>().notNull().default({}),
    errors: jsonb('errors').$type<unknown[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('syncs_company_idx').on(t.orgId, t.companyId, t.startedAt),
    companyFk(t.orgId, t.companyId),
  ],
);

/** Every change by a user (COL-8). */
export const auditLog = pgTable(
  'audit_log',
  {
    orgId: orgId(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    at: createdAt(),
    userId: uuid('user_id'),
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('audit_log_at_idx').on(t.orgId, t.at)],
);
