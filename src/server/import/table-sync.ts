import { sql } from 'drizzle-orm';
import { formatTerms, parseTerms } from '../../domain/terms';
import { copyField, selectRows, type Tx } from '../db/client';
import {
  type ContactRow,
  type CustomerRow,
  type LineError,
  MAX_LINE_ERRORS,
  type ReadBatch,
} from './import-rows';
import { affectedRows } from './ledger-sync';
import type { ImportProgress, SyncContext } from './sync-context';

export interface TableLoadResult {
  lines: number;
  customers: number;
  inserted: number;
  updated: number;
  /** Rows the file no longer has: the synchronized contacts it replaced. */
  gone: number;
  errors: LineError[];
}

/** Streams a spreadsheet's rows into a temp table with COPY, collecting line errors. */
async function stage<Row extends { line: number }>(
  tx: Tx,
  table: string,
  batches: AsyncIterable<ReadBatch<Row>>,
  toLine: (row: Row, errors: LineError[]) => string | null,
  progress: (update: Partial<ImportProgress>) => void,
): Promise<{ lines: number; errors: LineError[] }> {
  const errors: LineError[] = [];
  let lines = 0;
  async function* chunks(): AsyncGenerator<string> {
    for await (const batch of batches) {
      for (const error of batch.errors) if (errors.length < MAX_LINE_ERRORS) errors.push(error);
      let chunk = '';
      for (const row of batch.rows) {
        const line = toLine(row, errors);
        if (line !== null && errors.length === 0) chunk += line;
      }
      lines += batch.rows.length + batch.errors.length;
      progress({ phase: 'reading', bytesRead: batch.bytesRead, lines });
      if (errors.length === 0) yield chunk;
    }
  }
  await tx.copyFrom(table, chunks());
  return { lines, errors };
}

/** An account may appear once in a customers file: name every line that repeats one. */
async function duplicateAccountErrors(tx: Tx, table: string): Promise<LineError[]> {
  const rows = await selectRows<{ account: string; line: number; first_line: number }>(
    tx.db,
    sql.raw(`select account, source_line as line, first_line from (
      select account, source_line, min(source_line) over (partition by account) as first_line from ${table}
    ) d where source_line <> first_line order by source_line limit ${MAX_LINE_ERRORS}`),
  );
  return rows.map((r) => ({
    line: r.line,
    column: 'account',
    value: r.account,
    reason: `account '${r.account}' already appears on line ${r.first_line}`,
    code: 'bad_value' as const,
  }));
}

const nullIfEmpty = (value: string | null) => (value === null || value === '' ? null : value);

/**
 * Customers file (IMP-1 b): creates the customers it does not know and rewrites the synchronized
 * fields of those it knows; what users typed (`manual_contact`) is left alone (IMP-8).
 */
export async function loadCustomers(
  tx: Tx,
  ctx: SyncContext,
  batches: AsyncIterable<ReadBatch<CustomerRow>>,
  progress: (update: Partial<ImportProgress>) => void,
): Promise<TableLoadResult> {
  await tx.db.execute(
    sql.raw(`create temp table staging_customers (
      account text not null, name text not null, external_id text, registration_number text,
      sales_rep text, collector text, terms text, email text, phone text, address jsonb,
      language text, custom_fields jsonb not null, source_line integer not null
    ) on commit drop`),
  );
  const staged = await stage(
    tx,
    'staging_customers',
    batches,
    (row, errors) => {
      let terms: string | null = null;
      if (row.terms) {
        const parsed = parseTerms(row.terms);
        if (!parsed) {
          errors.push({
            line: row.line,
            column: 'terms',
            value: row.terms,
            reason: `'${row.terms}' is not a payment term (examples: 30 days net, 45 days end of month, end of month + 10 days)`,
            code: 'bad_value',
          });
          return null;
        }
        terms = formatTerms(parsed);
      }
      const address = [row.addressLine1, row.addressLine2, row.postalCode, row.city, row.country].some(
        Boolean,
      )
        ? JSON.stringify({
            line1: row.addressLine1,
            line2: row.addressLine2,
            postalCode: row.postalCode,
            city: row.city,
            country: row.country,
          })
        : null;
      return [
        copyField(row.account),
        copyField(row.name || row.account),
        copyField(nullIfEmpty(row.externalId)),
        copyField(nullIfEmpty(row.registrationNumber)),
        copyField(nullIfEmpty(row.salesRep)),
        copyField(nullIfEmpty(row.collector)),
        copyField(terms),
        copyField(nullIfEmpty(row.email)),
        copyField(nullIfEmpty(row.phone)),
        copyField(address),
        copyField(nullIfEmpty(row.language)),
        copyField(JSON.stringify(row.extra)),
        row.line,
      ]
        .join('\t')
        .concat('\n');
    },
    progress,
  );
  const errors =
    staged.errors.length > 0 ? staged.errors : await duplicateAccountErrors(tx, 'staging_customers');
  if (errors.length > 0)
    return { lines: staged.lines, customers: 0, inserted: 0, updated: 0, gone: 0, errors };

  progress({ phase: 'writing' });
  const { orgId, companyId } = ctx;
  const [before] = await selectRows<{ n: number }>(
    tx.db,
    sql`select count(*)::int as n from customers where org_id = ${orgId} and company_id = ${companyId}`,
  );
  const upsert = await tx.db.execute(sql`
    insert into customers (org_id, company_id, account, name, external_id, registration_number, sales_rep,
      collector, terms, sync_email, sync_phone, sync_address, sync_language, custom_fields)
    select ${orgId}, ${companyId}, account, name, external_id, registration_number, sales_rep, collector,
      terms, email, phone, address, language, custom_fields
    from staging_customers
    on conflict (org_id, company_id, account) do update set name = excluded.name,
      external_id = excluded.external_id, registration_number = excluded.registration_number,
      sales_rep = excluded.sales_rep, collector = excluded.collector, terms = excluded.terms,
      sync_email = excluded.sync_email, sync_phone = excluded.sync_phone,
      sync_address = excluded.sync_address, sync_language = excluded.sync_language,
      custom_fields = excluded.custom_fields, is_in_source = true, updated_at = now()
    where (customers.name, customers.external_id, customers.registration_number, customers.sales_rep,
      customers.collector, customers.terms, customers.sync_email, customers.sync_phone,
      customers.sync_address, customers.sync_language, customers.custom_fields, customers.is_in_source)
      is distinct from (excluded.name, excluded.external_id, excluded.registration_number,
      excluded.sales_rep, excluded.collector, excluded.terms, excluded.sync_email, excluded.sync_phone,
      excluded.sync_address, excluded.sync_language, excluded.custom_fields, true)`);
  const [after] = await selectRows<{ n: number; staged: number }>(
    tx.db,
    sql`select (select count(*)::int from customers where org_id = ${orgId} and company_id = ${companyId}) as n,
      (select count(*)::int from staging_customers) as staged`,
  );
  const inserted = (after?.n ?? 0) - (before?.n ?? 0);
  return {
    lines: staged.lines,
    customers: after?.staged ?? 0,
    inserted,
    updated: affectedRows(upsert) - inserted,
    gone: 0,
    errors: [],
  };
}

/**
 * Contacts file: replaces the company's synchronized contacts; contacts typed by users stay.
 * A contact must name a customer the company knows.
 */
export async function loadContacts(
  tx: Tx,
  ctx: SyncContext,
  batches: AsyncIterable<ReadBatch<ContactRow>>,
  progress: (update: Partial<ImportProgress>) => void,
): Promise<TableLoadResult> {
  await tx.db.execute(
    sql.raw(`create temp table staging_contacts (
      account text not null, name text, email text, phone text, role text, is_primary boolean not null,
      source_line integer not null
    ) on commit drop`),
  );
  const staged = await stage(
    tx,
    'staging_contacts',
    batches,
    (row) =>
      [
        copyField(row.account),
        copyField(nullIfEmpty(row.name)),
        copyField(nullIfEmpty(row.email)),
        copyField(nullIfEmpty(row.phone)),
        copyField(nullIfEmpty(row.role)),
        row.isPrimary,
        row.line,
      ]
        .join('\t')
        .concat('\n'),
    progress,
  );
  const { orgId, companyId } = ctx;
  let errors = staged.errors;
  if (errors.length === 0) {
    const unknown = await selectRows<{ account: string; line: number }>(
      tx.db,
      sql`select s.account, s.source_line as line from staging_contacts s
        where not exists (select 1 from customers c where c.org_id = ${orgId} and c.company_id = ${companyId}
          and c.account = s.account)
        order by s.source_line limit ${MAX_LINE_ERRORS}`,
    );
    errors = unknown.map((r) => ({
      line: r.line,
      column: 'account',
      value: r.account,
      reason: `no customer '${r.account}' in this company: import its customers or ledger first`,
      code: 'bad_value' as const,
    }));
  }
  if (errors.length > 0)
    return { lines: staged.lines, customers: 0, inserted: 0, updated: 0, gone: 0, errors };

  progress({ phase: 'writing' });
  const removed = await tx.db.execute(
    sql`delete from contacts where org_id = ${orgId} and company_id = ${companyId} and source = 'sync'`,
  );
  const added = await tx.db.execute(sql`
    insert into contacts (org_id, company_id, customer_account, source, name, email, phone, role, is_primary)
    select ${orgId}, ${companyId}, account, 'sync', name, email, phone, role, is_primary
    from staging_contacts order by source_line`);
  const [counts] = await selectRows<{ customers: number }>(
    tx.db,
    sql`select count(distinct account)::int as customers from staging_contacts`,
  );
  const addedCount = affectedRows(added);
  const removedCount = affectedRows(removed);
  return {
    lines: staged.lines,
    customers: counts?.customers ?? 0,
    // The file replaces the synchronized contacts: all of them are new, the old ones gone.
    inserted: addedCount,
    updated: 0,
    gone: removedCount,
    errors: [],
  };
}
