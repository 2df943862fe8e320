import { type SQL, sql } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar';
import { type Db, selectRows } from '../../db/client';
import type { AuthContext } from '../auth/auth.service';
import { portfolioCondition } from '../customers/customers.queries';

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>;

/** A non-empty text once trimmed. */
const isFilled = (value: SQL) => sql`nullif(btrim(${value}), '') is not null`;

/**
 * IMP-8: the customer has an email to write to — its own (the user's override first, then the
 * synchronized one) or one of its contacts' (`ce`, see {@link CONTACT_EMAILS}).
 */
const HAS_EMAIL = sql`(${isFilled(sql`coalesce(c.manual_contact->>'email', c.sync_email)`)} or ce.customer_account is not null)`;

/**
 * Customers of the organization with at least one contact email, joined once rather than looked
 * up per customer (a correlated lookup made PostgreSQL's cost estimate, and its JIT, explode).
 */
const CONTACT_EMAILS = (orgId: string) => sql`left join (
    select distinct ct.company_id, ct.customer_account from contacts ct
    where ct.org_id = ${orgId} and ${isFilled(sql`ct.email`)}
  ) ce on ce.company_id = c.company_id and ce.customer_account = c.account`;

/**
 * The customer has an address a letter can be posted to: a first line, and a postal code or a city
 * (the user's address, when typed, replaces the synchronized one as a whole).
 */
const ADDRESS = sql`coalesce(c.manual_contact->'address', c.sync_address)`;
const HAS_ADDRESS = sql`(${isFilled(sql`${ADDRESS}->>'line1'`)}
  and (${isFilled(sql`${ADDRESS}->>'postalCode'`)} or ${isFilled(sql`${ADDRESS}->>'city'`)}))`;

export interface CustomerAlertDbRow {
  kind: 'missingEmail' | 'missingAddress';
  customer_id: string;
  account: string;
  name: string;
  company_code: string;
  currency: string;
  balance: number;
  total: number;
}

/**
 * VIS-9 / IMP-8: customers owing something (balance > 0) with no email address, and those with
 * no postal address — the largest balances first, `limit` of each kind, each row carrying the
 * count of its kind. The owing customers are read once for both.
 */
export async function findOwingCustomersWithoutContact(
  db: Db,
  caller: Caller,
  { companyId, limit }: { companyId?: string | undefined; limit: number },
) {
  const ofKind = (kind: CustomerAlertDbRow['kind'], flag: SQL) =>
    sql`select ${kind} as kind, o.customer_id, o.account, o.name, o.company_code, o.currency, o.balance,
      (count(*) over ())::int as total,
      row_number() over (order by o.balance desc, o.company_code, o.account) as position
    from owing o where ${flag}`;
  return selectRows<CustomerAlertDbRow>(
    db,
    sql`with owing as materialized (
      select c.id as customer_id, c.account, c.name, co.code as company_code, co.currency, s.balance,
        not ${HAS_EMAIL} as has_no_email, not ${HAS_ADDRESS} as has_no_address
      from customer_summaries s
        join customers c on c.org_id = s.org_id and c.company_id = s.company_id and c.account = s.customer_account
        join companies co on co.org_id = s.org_id and co.id = s.company_id
        ${CONTACT_EMAILS(caller.orgId)}
      where s.org_id = ${caller.orgId} and s.balance > 0 and ${portfolioCondition(caller)}
        ${companyId ? sql`and s.company_id = ${companyId}` : sql``}
        and not (${HAS_EMAIL} and ${HAS_ADDRESS})
    )
    select * from (
      ${ofKind('missingEmail', sql`o.has_no_email`)}
      union all
      ${ofKind('missingAddress', sql`o.has_no_address`)}
    ) x where position <= ${limit} order by kind, position`,
  );
}

/** Sources that bring the ledger: the ones DUN-12's freshness is about. */
const LEDGER_SOURCES = ['fec', 'entries'];

/**
 * DUN-12: companies whose last successful ledger sync finished more than their freshness window
 * before `now`, or that never had one — least recently synced first.
 */
export async function findStaleCompanies(db: Db, orgId: string, now: Date, companyId?: string) {
  return selectRows<{
    company_id: string;
    code: string;
    name: string;
    freshness_hours: number;
    last_sync_at: Date | string | null;
  }>(
    db,
    sql`select co.id as company_id, co.code, co.name, co.freshness_hours, max(y.finished_at) as last_sync_at
    from companies co
      left join syncs y on y.org_id = co.org_id and y.company_id = co.id and y.status = 'succeeded'
        and y.finished_at is not null and y.source = any(${sql.param(LEDGER_SOURCES)}::text[])
    where co.org_id = ${orgId} ${companyId ? sql`and co.id = ${companyId}` : sql``}
    group by co.id, co.code, co.name, co.freshness_hours
    having max(y.finished_at) is null
      or max(y.finished_at) < ${now.toISOString()}::timestamptz - co.freshness_hours * interval '1 hour'
    order by max(y.finished_at) asc nulls first, co.code`,
  );
}

export interface PrescriptionDbRow {
  customer_id: string;
  account: string;
  name: string;
  company_code: string;
  currency: string;
  is_consumer: boolean;
  entry_key: string;
  piece_ref: string | null;
  due_date: string;
  amount: number;
  total: number;
  prescribed_total: number;
}

/**
 * VIS-9: open debits due on or before the cutoff of their debtor's kind (see
 * `computePrescriptionCutoff`); `prescribedBefore` tells apart those already prescribed. Those
 * still to act on come first, the nearest prescription first, then the most recently prescribed.
 */
export async function findInvoicesNearPrescription(
  db: Db,
  caller: Caller,
  cutoffs: {
    merchant: CalendarDate;
    consumer: CalendarDate;
    prescribedMerchant: CalendarDate;
    prescribedConsumer: CalendarDate;
  },
  today: CalendarDate,
  { companyId, limit }: { companyId?: string | undefined; limit: number },
) {
  const laterCutoff = cutoffs.consumer > cutoffs.merchant ? cutoffs.consumer : cutoffs.merchant;
  const isPrescribed = sql`(case when c.is_consumer then oi.due_date <= ${cutoffs.prescribedConsumer}::date
    else oi.due_date <= ${cutoffs.prescribedMerchant}::date end)`;
  // Only to order the rows: PostgreSQL's date + interval keeps the day or falls back to the month's end, like addYears.
  const prescriptionDate = sql`(oi.due_date + case when c.is_consumer then interval '2 years' else interval '5 years' end)::date`;
  return selectRows<PrescriptionDbRow>(
    db,
    sql`select p.*, e.piece_ref from (
      select c.id as customer_id, c.account, c.name, co.code as company_code, co.currency, c.is_consumer,
        oi.org_id, oi.company_id, oi.entry_key, oi.due_date, oi.amount,
        (count(*) over ())::int as total, (count(*) filter (where ${isPrescribed}) over ())::int as prescribed_total
      from open_items oi
        join customers c on c.org_id = oi.org_id and c.company_id = oi.company_id and c.account = oi.customer_account
        join companies co on co.org_id = oi.org_id and co.id = oi.company_id
      where oi.org_id = ${caller.orgId} and oi.amount > 0 and ${portfolioCondition(caller)}
        ${companyId ? sql`and oi.company_id = ${companyId}` : sql``}
        -- The later of the two cutoffs first, on the open items alone: it keeps most rows out of the join.
        and oi.due_date <= ${laterCutoff}::date
        and (case when c.is_consumer then oi.due_date <= ${cutoffs.consumer}::date
          else oi.due_date <= ${cutoffs.merchant}::date end)
      order by ${isPrescribed} asc, abs(${prescriptionDate} - ${today}::date) asc, co.code, oi.entry_key
      limit ${limit}
    ) p
    left join entries e on e.org_id = p.org_id and e.company_id = p.company_id and e.entry_key = p.entry_key`,
  );
}

export type DunningAlertKind = 'failedEmails' | 'overdueActions' | 'latePromises' | 'stopWithOverdue';

/** How far back a refused or bounced email stays an alert (DUN-15). */
export const FAILED_EMAIL_DAYS = 30;

/**
 * DUN-15: the customers behind each dunning alert — an email refused or bounced in the last
 * {@link FAILED_EMAIL_DAYS} days, a call or manual step past its date, a promise past its date on
 * an item still open (CSH-1), a customer on STOP with something overdue — the largest balances
 * first, `limit` of each kind, each row with the count of its kind.
 */
export async function findDunningAlertCustomers(
  db: Db,
  caller: Caller,
  { today, companyId, limit }: { today: CalendarDate; companyId?: string | undefined; limit: number },
) {
  const flagged = (kind: DunningAlertKind, accounts: SQL) =>
    sql`select ${kind} as kind, c.id as customer_id, c.account, c.name, co.code as company_code, co.currency,
        s.balance, (count(*) over ())::int as total,
        row_number() over (order by s.balance desc, co.code, c.account) as position
      from (${accounts}) a
        join customers c on c.org_id = ${caller.orgId} and c.company_id = a.company_id and c.account = a.customer_account
        join customer_summaries s on s.org_id = c.org_id and s.company_id = c.company_id and s.customer_account = c.account
        join companies co on co.org_id = c.org_id and co.id = c.company_id
      where ${portfolioCondition(caller)} ${companyId ? sql`and c.company_id = ${companyId}` : sql``}`;
  const org = caller.orgId;
  return selectRows<Omit<CustomerAlertDbRow, 'kind'> & { kind: DunningAlertKind }>(
    db,
    sql`select * from (
      ${flagged(
        'failedEmails',
        sql`select distinct company_id, customer_account from reminders
          where org_id = ${org} and channel = 'email' and status in ('failed', 'bounced')
            and created_at >= ${today}::date - ${FAILED_EMAIL_DAYS}::int`,
      )}
      union all
      ${flagged(
        'overdueActions',
        sql`select distinct company_id, customer_account from dunning_tasks
          where org_id = ${org} and status = 'open' and due_date < ${today}::date`,
      )}
      union all
      ${flagged(
        'latePromises',
        sql`select distinct o.company_id, o.customer_account from item_promises p
          join open_items o on o.org_id = p.org_id and o.company_id = p.company_id and o.entry_key = p.entry_key
          where p.org_id = ${org} and p.cancelled_at is null and p.promised_for < ${today}::date`,
      )}
      union all
      ${flagged(
        'stopWithOverdue',
        sql`select d.company_id, d.customer_account from customer_dunning d
          join customer_summaries s on s.org_id = d.org_id and s.company_id = d.company_id
            and s.customer_account = d.customer_account
          where d.org_id = ${org} and d.stop_reason is not null and s.overdue > 0`,
      )}
    ) x where position <= ${limit} order by kind, position`,
  );
}
