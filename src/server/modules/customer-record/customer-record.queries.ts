import { type SQL, sql } from 'drizzle-orm';
import type { AccountSituationQuery } from '../../../contracts/customer-record';
import type { GroupMatchKey } from '../../../domain/receivables/group-customers';
import { type Db, selectRows } from '../../db/client';
import type { ContactOverrides, PostalAddress } from '../../db/schema';
import { externalIdKeySql, registrationKeySql } from '../../db/schema/group-keys';
import { notFound } from '../../errors/app-error';
import type { AuthContext } from '../auth/auth.service';
import { portfolioCondition } from '../customers/customers.queries';

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>;

/** The customer of `customerScope`: its company and account. */
export interface CustomerScope {
  orgId: string;
  companyId: string;
  account: string;
}

export interface CustomerRecordRow {
  id: string;
  company_id: string;
  company_code: string;
  company_name: string;
  currency: string;
  default_terms: string;
  account: string;
  name: string;
  external_id: string | null;
  registration_number: string | null;
  sales_rep: string | null;
  collector: string | null;
  terms: string | null;
  sync_email: string | null;
  sync_phone: string | null;
  sync_address: PostalAddress | null;
  sync_language: string | null;
  manual_contact: ContactOverrides;
  is_consumer: boolean;
  is_in_source: boolean;
  balance: number | null;
  overdue: number | null;
  not_due: number | null;
  buckets: number[] | null;
  open_item_count: number | null;
  oldest_due_date: string | null;
  max_days_late: number | null;
}

/**
 * The customer with its company and summary, if the caller may see it: another organization's
 * customer, or one outside the caller's portfolio (COL-5), does not exist here (404).
 */
export async function getCustomerRecordRowOrThrow(
  db: Db,
  auth: Caller,
  id: string,
  { forUpdate = false }: { forUpdate?: boolean } = {},
): Promise<CustomerRecordRow> {
  const [row] = await selectRows<CustomerRecordRow>(
    db,
    sql`select c.id, c.company_id, co.code as company_code, co.name as company_name, co.currency,
      co.default_terms, c.account, c.name, c.external_id, c.registration_number, c.sales_rep, c.collector,
      c.terms, c.sync_email, c.sync_phone, c.sync_address, c.sync_language, c.manual_contact,
      c.is_consumer, c.is_in_source, s.balance, s.overdue, s.not_due, s.buckets, s.open_item_count,
      s.oldest_due_date, s.max_days_late
    from customers c
    join companies co on co.org_id = c.org_id and co.id = c.company_id
    left join customer_summaries s on s.org_id = c.org_id and s.company_id = c.company_id
      and s.customer_account = c.account
    where c.org_id = ${auth.orgId} and c.id = ${id} and ${portfolioCondition(auth)}
    ${forUpdate ? sql`for update of c` : sql``}`,
  );
  if (!row) throw notFound('customer');
  return row;
}

/** Writes the user's contact overrides of a customer (IMP-8). */
export async function updateManualContact(
  db: Db,
  orgId: string,
  id: string,
  manualContact: ContactOverrides,
): Promise<void> {
  await db.execute(
    sql`update customers set manual_contact = ${JSON.stringify(manualContact)}::jsonb, updated_at = now()
      where org_id = ${orgId} and id = ${id}`,
  );
}

export interface ContactRow {
  id: string;
  source: 'sync' | 'manual';
  name: string | null;
  email: string | null;
  phone: string | null;
  role: string | null;
  is_primary: boolean;
}

/** The people to write to at a customer, primary first. */
export function findContacts(db: Db, scope: CustomerScope): Promise<ContactRow[]> {
  return selectRows<ContactRow>(
    db,
    sql`select id, source, name, email, phone, role, is_primary from contacts
      where org_id = ${scope.orgId} and company_id = ${scope.companyId} and customer_account = ${scope.account}
      order by is_primary desc, source, name nulls last, email nulls last, id`,
  );
}

/** The entries of one customer: the entry key starts with the account (see ledger-sync.ts). */
function customerEntries(alias: string, scope: CustomerScope): SQL {
  const e = sql.raw(alias);
  return sql`${e}.org_id = ${scope.orgId} and ${e}.company_id = ${scope.companyId}
    and ${e}.entry_key >= ${scope.account} || chr(31) and ${e}.entry_key < ${scope.account} || chr(32)
    and ${e}.customer_account = ${scope.account} and ${e}.gone_at is null`;
}

export interface LetteredEntryRow {
  entry_key: string;
  document_date: string;
  entry_date: string;
  source_due_date: string | null;
  debit: number;
  credit: number;
  lettering_code: string;
  lettering_date: string | null;
}

/** The customer's lettered entries: what settles its invoices (VIS-11). */
export function findLetteredEntries(db: Db, scope: CustomerScope): Promise<LetteredEntryRow[]> {
  return selectRows<LetteredEntryRow>(
    db,
    sql`select e.entry_key, e.document_date, e.entry_date, e.source_due_date, e.debit, e.credit,
      e.lettering_code, e.lettering_date
    from entries e where ${customerEntries('e', scope)} and btrim(e.lettering_code) <> ''
    order by e.entry_key`,
  );
}

function statusCondition(status: AccountSituationQuery['status']): SQL {
  switch (status) {
    case 'all':
      return sql`true`;
    case 'open':
      return sql`o.entry_key is not null`;
    case 'lettered':
      return sql`btrim(e.lettering_code) <> ''`;
  }
}

const entryFrom = (scope: CustomerScope, status: AccountSituationQuery['status']) => sql`from entries e
  left join open_items o on o.org_id = e.org_id and o.company_id = e.company_id and o.entry_key = e.entry_key
  where ${customerEntries('e', scope)} and ${statusCondition(status)}`;

export interface AccountEntryRow {
  entry_key: string;
  journal_code: string;
  entry_number: string;
  piece_ref: string;
  document_date: string;
  entry_date: string;
  source_due_date: string | null;
  label: string;
  debit: number;
  credit: number;
  original_amount: number | null;
  currency: string | null;
  payment_method: string | null;
  lettering_code: string;
  lettering_date: string | null;
  open_amount: number | null;
  open_due_date: string | null;
  is_partial: boolean | null;
}

const ACCOUNT_ENTRY_COLUMNS = sql`e.entry_key, e.journal_code, e.entry_number, e.piece_ref, e.document_date,
  e.entry_date, e.source_due_date, e.label, e.debit, e.credit, e.original_amount, e.currency,
  e.payment_method, e.lettering_code, e.lettering_date, o.amount as open_amount,
  o.due_date as open_due_date, o.is_partial`;

/**
 * The customer's entries matching the status filter, by document date then key (the account
 * situation, VIS-6): `limit` from `offset`, or every one when `page` is absent (exports).
 */
export function findAccountEntries(
  db: Db,
  scope: CustomerScope,
  status: AccountSituationQuery['status'],
  page?: { limit: number; offset: number },
): Promise<AccountEntryRow[]> {
  return selectRows<AccountEntryRow>(
    db,
    sql`select ${ACCOUNT_ENTRY_COLUMNS} ${entryFrom(scope, status)}
    order by e.document_date, e.entry_key
    ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`,
  );
}

/** What the totals need of every matching entry: amounts only, whatever the page. */
export interface EntryAmountsRow {
  debit: number;
  credit: number;
  original_amount: number | null;
  currency: string | null;
  open_amount: number | null;
}

export function findAccountEntryAmounts(
  db: Db,
  scope: CustomerScope,
  status: AccountSituationQuery['status'],
): Promise<EntryAmountsRow[]> {
  return selectRows<EntryAmountsRow>(
    db,
    sql`select e.debit, e.credit, e.original_amount, e.currency, o.amount as open_amount
    ${entryFrom(scope, status)}`,
  );
}

/**
 * The VIS-8 key of customer `c`: a column the database computes from the external id or the
 * registration number (`db/schema/group-keys.ts`), indexed per organization.
 */
export function groupKeySql(matchKey: GroupMatchKey): SQL {
  return matchKey === 'externalId' ? sql`c.group_key_external` : sql`c.group_key_registration`;
}

export interface GroupMemberRow {
  group_key: string;
  id: string;
  company_id: string;
  company_code: string;
  company_name: string;
  currency: string;
  account: string;
  name: string;
  balance: number;
  overdue: number;
  not_due: number;
}

/** Customers the caller may see, with their VIS-8 key (not null) and amounts. */
const groupMembers = (auth: Caller, matchKey: GroupMatchKey) => sql`
  select g.group_key, c.id, c.company_id, co.code as company_code, co.name as company_name, co.currency,
    c.account, coalesce(c.manual_contact->>'name', c.name) as name,
    coalesce(s.balance, 0) as balance, coalesce(s.overdue, 0) as overdue, coalesce(s.not_due, 0) as not_due
  from customers c
  join companies co on co.org_id = c.org_id and co.id = c.company_id
  left join customer_summaries s on s.org_id = c.org_id and s.company_id = c.company_id
    and s.customer_account = c.account
  cross join lateral (select ${groupKeySql(matchKey)} as group_key) g
  where c.org_id = ${auth.orgId} and ${portfolioCondition(auth)} and g.group_key is not null`;

/** Every customer of the organization the caller sees whose VIS-8 key is one of `keys`. */
export function findGroupMembers(
  db: Db,
  auth: Caller,
  matchKey: GroupMatchKey,
  keys: readonly string[],
): Promise<GroupMemberRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return selectRows<GroupMemberRow>(
    db,
    sql`select * from (${groupMembers(auth, matchKey)}) m
      where m.group_key = any(${sql.param([...keys])}::text[])
      order by m.group_key, m.company_code, m.account`,
  );
}

/** The VIS-8 key SQL computes for raw values: lets the test compare the mirror with the domain. */
export async function computeGroupKeyInSql(
  db: Db,
  matchKey: GroupMatchKey,
  raw: string | null,
): Promise<string | null> {
  const key =
    matchKey === 'externalId' ? externalIdKeySql('external_id') : registrationKeySql('registration_number');
  const [row] = await selectRows<{ key: string | null }>(
    db,
    sql`select ${sql.raw(key)} as key from (select ${raw}::text as external_id, ${raw}::text as registration_number) c`,
  );
  return row?.key ?? null;
}

/**
 * One page of group customers — keys shared by customers of at least two companies — ordered by
 * their overdue amount (summed over currencies for the order only), then key.
 */
export async function findGroupPage(
  db: Db,
  auth: Caller,
  matchKey: GroupMatchKey,
  page: { page: number; pageSize: number },
): Promise<{ keys: string[]; total: number }> {
  const rows = await selectRows<{ group_key: string; total: number }>(
    db,
    sql`select group_key, count(*) over ()::int as total from (${groupMembers(auth, matchKey)}) m
      group by group_key having count(distinct company_id) > 1
      order by sum(overdue) desc, group_key
      limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`,
  );
  if (rows.length > 0 || page.page === 1) {
    return { keys: rows.map((r) => r.group_key), total: rows[0]?.total ?? 0 };
  }
  // Past the last page: still say how many there are.
  const [count] = await selectRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from (select group_key from (${groupMembers(auth, matchKey)}) m
      group by group_key having count(distinct company_id) > 1) g`,
  );
  return { keys: [], total: count?.total ?? 0 };
}

export interface CompanyTotalsRow {
  id: string;
  code: string;
  name: string;
  currency: string;
  balance: number;
  overdue: number;
  not_due: number;
  customers_with_balance: number;
}

/** Per company of the organization, the sums of what the caller's customers owe (VIS-8). */
export function findCompanyTotals(db: Db, auth: Caller): Promise<CompanyTotalsRow[]> {
  return selectRows<CompanyTotalsRow>(
    db,
    sql`select co.id, co.code, co.name, co.currency,
      coalesce(t.balance, 0)::bigint as balance, coalesce(t.overdue, 0)::bigint as overdue,
      coalesce(t.not_due, 0)::bigint as not_due, coalesce(t.customers_with_balance, 0)::int as customers_with_balance
    from companies co
    left join (
      select c.company_id, sum(s.balance) as balance, sum(s.overdue) as overdue, sum(s.not_due) as not_due,
        count(*) filter (where s.balance <> 0) as customers_with_balance
      from customers c
      join customer_summaries s on s.org_id = c.org_id and s.company_id = c.company_id
        and s.customer_account = c.account
      where c.org_id = ${auth.orgId} and ${portfolioCondition(auth)}
      group by c.company_id
    ) t on t.company_id = co.id
    where co.org_id = ${auth.orgId}
    order by co.code`,
  );
}
