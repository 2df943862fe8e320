import { sql } from 'drizzle-orm';
import type { Cents } from '../../domain/money';
import { copyField, selectRows, type Tx } from '../db/client';
import type { LineError } from './import-rows';
import { type LedgerSourceSpec, readLedger } from './ledger-reader-thread';
import { type JournalMonthSums, STAGING_COLUMNS } from './ledger-staging';
import type { ImportProgress, SyncContext } from './sync-context';

/** What the ledger stage learnt from the file, before the open items are derived. */
export interface LedgerLoadResult {
  lines: number;
  totalDebit: Cents;
  totalCredit: Cents;
  customers: number;
  entries: number;
  inserted: number;
  updated: number;
  gone: number;
  errors: LineError[];
  dialect: Record<string, unknown> | undefined;
  /** The written ledger's sums by journal and month, for its monthly flows. */
  flows: JournalMonthSums[];
}

/**
 * Streams the ledger into a staging table, then replaces the company's entries with it inside
 * the caller's transaction (IMP-6, IMP-7): entries keep their stable key, vanished ones are
 * marked gone. When the file has bad lines, nothing is written and the errors are returned.
 */
export async function loadLedger(
  tx: Tx,
  ctx: SyncContext,
  spec: LedgerSourceSpec,
  progress: (update: Partial<ImportProgress>) => void,
  options: { thread?: boolean; threads?: number } = {},
): Promise<LedgerLoadResult> {
  // Sorting a ledger for its keys wants more than the default 4 MB; for this transaction only, and
  // not so much that embedded PGlite's memory (which never shrinks) swells.
  await tx.db.execute(sql.raw(`set local work_mem = '64MB'`));
  await tx.db.execute(
    sql.raw(`create temp table staging_entries (
      customer_account text collate "C" not null, journal_code text not null,
      entry_number text not null, entry_date date not null, account_number text not null,
      piece_ref text collate "C" not null, document_date date not null, source_due_date date, label text not null,
      debit bigint not null, credit bigint not null, original_amount bigint, currency text,
      payment_method text, lettering_code text not null, lettering_date date, custom_fields jsonb,
      source_line integer not null
    ) on commit drop`),
  );

  // A server database writes in a process of its own: two threads can parse beside it. Embedded
  // PGlite writes in this thread, and its memory plus two parsers would near the 1.5 GB budget.
  const read = readLedger(spec, (bytesRead, lines) => progress({ phase: 'reading', bytesRead, lines }), {
    ...options,
    threads: options.threads ?? (tx.kind === 'postgres' ? 2 : 1),
  });
  let staged: Awaited<ReturnType<typeof read.result>>;
  try {
    await tx.copyFrom(`staging_entries (${STAGING_COLUMNS.join(', ')})`, read.chunks);
    staged = await read.result();
  } finally {
    await read.stop();
  }
  const { summary, dialect } = staged;
  const totals = { lines: summary.lines, totalDebit: summary.totalDebit, totalCredit: summary.totalCredit };
  if (summary.errors.length > 0) {
    return {
      ...totals,
      customers: 0,
      entries: 0,
      inserted: 0,
      updated: 0,
      gone: 0,
      errors: summary.errors,
      dialect,
      flows: [],
    };
  }

  progress({ phase: 'writing' });
  const { orgId, companyId } = ctx;
  // Customers: a new account becomes a customer; a known one takes the ledger's name only when
  // it has none better (a customers file may have named it). A company without customers yet
  // takes them all at once, without the cost of looking for conflicts.
  const [known] = await selectRows<{ any: boolean }>(
    tx.db,
    sql`select exists (select 1 from customers where org_id = ${orgId} and company_id = ${companyId}) as any`,
  );
  if (known?.any) {
    await tx.db.execute(
      sql.raw(
        'create temp table staging_customer_names (account text not null, name text not null) on commit drop',
      ),
    );
    await tx.copyFrom('staging_customer_names (account, name)', customerNameChunks('', summary.customers));
    await tx.db.execute(sql`
    insert into customers (org_id, company_id, account, name)
    select ${orgId}, ${companyId}, account, name from staging_customer_names
    on conflict (org_id, company_id, account) do update set name = excluded.name, updated_at = now()
    where customers.name = customers.account and excluded.name <> customers.name`);
  } else {
    await tx.copyFrom(
      'customers (org_id, company_id, account, name)',
      customerNameChunks(`${orgId}\t${companyId}\t`, summary.customers),
    );
  }

  const before = await countEntries(tx, orgId, companyId);
  const written = before === 0 ? await insertFirstLedger(tx, ctx) : await mergeLedger(tx, ctx, before);

  return {
    ...totals,
    customers: summary.customers.length,
    entries: summary.entries,
    ...written,
    errors: [],
    dialect,
    flows: summary.flows,
  };
}

function* customerNameChunks(prefix: string, names: [string, string][]): Generator<string> {
  let chunk = '';
  for (const [account, name] of names) {
    chunk += `${prefix}${copyField(account)}\t${copyField(name)}\n`;
    if (chunk.length > 1_000_000) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/**
 * IMP-7: the stable key is the customer, the piece, the document date and the line's ordinal
 * among the lines sharing those three, in file order.
 */
const ENTRY_KEY = sql.raw(`customer_account || chr(31) || piece_ref || chr(31) || document_date || chr(31) ||
  row_number() over (partition by customer_account, piece_ref, document_date order by source_line)`);

const ENTRY_COLUMNS = sql.raw(`customer_account, journal_code, entry_number, entry_date, account_number,
  piece_ref, document_date, source_due_date, label, debit, credit, original_amount, currency, payment_method,
  lettering_code, lettering_date, custom_fields, source_line`);

/** A company's first ledger: nothing to merge with, nothing can be gone. */
async function insertFirstLedger(tx: Tx, ctx: SyncContext) {
  const result = await tx.db.execute(sql`
    insert into entries (org_id, company_id, sync_id, entry_key, ${ENTRY_COLUMNS})
    select ${ctx.orgId}, ${ctx.companyId}, ${ctx.syncId}, ${ENTRY_KEY}, ${ENTRY_COLUMNS}
    from staging_entries`);
  await payMethods(tx, ctx, 'staging_entries');
  return { inserted: affectedRows(result), updated: 0, gone: 0 };
}

/**
 * A later ledger: entries keep their key (and what users attached to it), changed ones are
 * rewritten, new ones added, vanished ones marked gone, never deleted (IMP-7).
 */
async function mergeLedger(tx: Tx, ctx: SyncContext, before: number) {
  const { orgId, companyId, syncId } = ctx;
  await tx.db.execute(
    sql`create temp table staging_keyed on commit drop as select ${ENTRY_KEY} as entry_key, ${ENTRY_COLUMNS} from staging_entries`,
  );
  await tx.db.execute(sql.raw('create index on staging_keyed (entry_key)'));
  const upsert = await tx.db.execute(sql`
    insert into entries (org_id, company_id, sync_id, entry_key, ${ENTRY_COLUMNS})
    select ${orgId}, ${companyId}, ${syncId}, entry_key, ${ENTRY_COLUMNS}
    from staging_keyed
    on conflict (org_id, company_id, entry_key) do update set
      journal_code = excluded.journal_code, entry_number = excluded.entry_number,
      entry_date = excluded.entry_date, account_number = excluded.account_number,
      source_due_date = excluded.source_due_date, label = excluded.label, debit = excluded.debit,
      credit = excluded.credit, original_amount = excluded.original_amount, currency = excluded.currency,
      payment_method = excluded.payment_method, lettering_code = excluded.lettering_code,
      lettering_date = excluded.lettering_date, custom_fields = excluded.custom_fields,
      source_line = excluded.source_line, sync_id = excluded.sync_id, gone_at = null
    where entries.gone_at is not null or (entries.journal_code, entries.entry_number, entries.entry_date,
      entries.account_number, entries.source_due_date, entries.label, entries.debit, entries.credit,
      entries.original_amount, entries.currency, entries.payment_method, entries.lettering_code,
      entries.lettering_date, entries.custom_fields, entries.source_line)
      is distinct from (excluded.journal_code, excluded.entry_number, excluded.entry_date,
      excluded.account_number, excluded.source_due_date, excluded.label, excluded.debit, excluded.credit,
      excluded.original_amount, excluded.currency, excluded.payment_method, excluded.lettering_code,
      excluded.lettering_date, excluded.custom_fields, excluded.source_line)`);
  const inserted = (await countEntries(tx, orgId, companyId)) - before;

  // IMP-7: what vanished from the source is marked gone, with its history, never deleted.
  const gone = await tx.db.execute(sql`
    update entries e set gone_at = ${ctx.now.toISOString()}, sync_id = ${syncId}
    where e.org_id = ${orgId} and e.company_id = ${companyId} and e.gone_at is null
      and not exists (select 1 from staging_keyed s where s.entry_key = e.entry_key)`);
  await payMethods(tx, ctx, 'staging_keyed');
  return { inserted, updated: affectedRows(upsert) - inserted, gone: affectedRows(gone) };
}

/** IMP-10: payment methods met in the source are listed for an admin to flag. */
async function payMethods(tx: Tx, ctx: SyncContext, table: string) {
  await tx.db.execute(sql`
    insert into payment_methods (org_id, company_id, code, label)
    select distinct ${ctx.orgId}::uuid, ${ctx.companyId}::uuid, payment_method, payment_method
    from ${sql.raw(table)} where payment_method is not null and payment_method <> ''
    on conflict do nothing`);
}

async function countEntries(tx: Tx, orgId: string, companyId: string): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    tx.db,
    sql`select count(*)::int as n from entries where org_id = ${orgId} and company_id = ${companyId}`,
  );
  return row?.n ?? 0;
}

/** Rows touched by a write: node-postgres says `rowCount`, PGlite says `affectedRows`. */
export function affectedRows(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}
