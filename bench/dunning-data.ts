/**
 * The organization of the dunning bench, built with SQL (`insert … select … generate_series`)
 * and derived with the app's own code (`refreshCompanyReceivables`: open items and summaries).
 *
 * One company of `customers` customers, each with `itemsPerCustomer` open invoices (one unlettered
 * debit entry each) and `settledPerCustomer` invoices paid and lettered in the last months. Due
 * dates run from 40 days ahead to 150 days late, more of them recent (about 35 % not due yet, 45 %
 * more than 35 days late), so that on `today` items stand at every step of the Standard
 * scenario: in the notice window (due within 5 days), R1 (5 days late), R2, R3 (a call), R4 (a
 * formal notice, manual) and past it. Entries are the company's ledger as a sync loads it: the
 * settled invoices and payments come in no order of customers.
 *
 * The dunning state is what earlier nightly runs would have left: 85 % of the items are at the
 * level their steps so far gave them (`item_dunning.level` and `last_reminder_date`), 10 % one step
 * behind (a run missed, a call not made yet), 5 % have no state at all (dunning just switched on).
 * Besides: 65 % of the customers have an email address (60 % synchronized, 2 % typed by a user,
 * 3 % through a contact), 1 % are STOPped, 1.5 % in dispute, 5 % follow a second profile; 0.5 % of
 * the items are STOPped and 0.5 % disputed, a fifth of those over 90 days late are in collection,
 * 0.3 % carry a promise to pay; 8 % are paid by an automatic payment method (direct debit, LCR).
 * A recently settled invoice that had reached a level and was not thanked yet gets its thank-you.
 * The last successful sync finished one hour before `now`, so the freshness gate lets the run send.
 */
import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../src/domain/calendar';
import { type Scenario, STANDARD_SCENARIO } from '../src/domain/dunning/scenario';
import { type Database, selectRows } from '../src/server/db/client';
import { dunningProfiles, organizations } from '../src/server/db/schema';
import { createUser } from '../src/server/modules/auth/auth.service';
import { createCompany, lockCompany } from '../src/server/modules/companies/companies.queries';
import { loadProfiles } from '../src/server/modules/dunning/dunning.queries';
import { refreshCompanyReceivables } from '../src/server/modules/receivables/company-refresh';
import {
  analyzeTables,
  BENCH_PASSWORD,
  CITIES,
  COLLECTORS,
  HASH,
  LEGAL_FORMS,
  SALES_REPS,
  SURNAMES,
  TRADES,
  timed,
} from './receivables-data';

export const DUNNING_ADMIN_EMAIL = 'bench-dunning-admin@encours.test';
export const COMPANY_CODE = 'BENCH';

export interface DunningBenchOptions {
  today: CalendarDate;
  /** ISO instant of the nightly run: the last sync finished one hour before. */
  now: string;
  customers: number;
  itemsPerCustomer: number;
  settledPerCustomer: number;
  /**
   * Customers besides `customers` with nothing open, whose last invoice was paid lately after an R1
   * and not thanked yet: the run reads them for their thank-you (0 by default).
   */
  paidUpCustomers: number;
}

export interface DunningBenchOrganization {
  orgId: string;
  companyId: string;
  companyCode: string;
  counts: {
    customers: number;
    customersWithEmail: number;
    entries: number;
    openItems: number;
    summaries: number;
    itemDunning: Record<string, number>;
    itemStops: number;
    itemDisputes: number;
    inCollection: number;
    customerStops: number;
    customerDisputes: number;
    secondProfile: number;
    promises: number;
    automaticPayment: number;
    contacts: number;
  };
  /** Milliseconds of each step. */
  timings: Record<string, number>;
}

/** Standard with more patience: what a company gives its large accounts. */
const LARGE_ACCOUNTS_SCENARIO: Scenario = {
  name: 'Grands comptes',
  withEmail: {
    isEnabled: true,
    steps: STANDARD_SCENARIO.withEmail.steps.map((s) => ({
      ...s,
      days: s.kind === 'notice' ? 10 : s.kind === 'reminder' ? s.days + 5 : s.days,
    })),
  },
  withoutEmail: {
    isEnabled: true,
    steps: STANDARD_SCENARIO.withoutEmail.steps.map((s) => ({ ...s, days: s.days + 5 })),
  },
};

const LOADED_TABLES =
  'organizations, users, companies, customers, contacts, syncs, entries, payment_methods, item_dunning, customer_dunning, item_promises, dunning_profiles';
const DERIVED_TABLES = 'open_items, customer_summaries, monthly_flows, kpi_snapshots';

/** Builds the bench organization in `database` (migrated, empty). */
export async function buildDunningOrganization(
  database: Database,
  options: DunningBenchOptions,
): Promise<DunningBenchOrganization> {
  const { today, now, customers, itemsPerCustomer: perCustomer, settledPerCustomer: settled } = options;
  const paidUp = options.paidUpCustomers;
  if (customers < 1 || perCustomer < 1 || settled < 0 || paidUp < 0) throw new Error('nothing to build');
  const width = Math.max(6, String(customers + paidUp).length);
  const timings: Record<string, number> = {};
  const [org] = await database.db.insert(organizations).values({ name: 'Bench dunning' }).returning();
  const orgId = org!.id;
  const company = await createCompany(database.db, orgId, {
    code: COMPANY_CODE,
    name: 'Bench Distribution SAS',
    currency: 'EUR',
    defaultTerms: '30 days net',
    receivablePrefixes: ['411'],
  });
  const companyId = company.id;
  const admin = await createUser(database.db, {
    orgId,
    email: DUNNING_ADMIN_EMAIL,
    name: 'Bench admin',
    role: 'admin',
    password: BENCH_PASSWORD,
  });
  const { defaultId } = await loadProfiles(database.db, orgId); // creates "Standard", the default
  const [largeAccounts] = await database.db
    .insert(dunningProfiles)
    .values({
      orgId,
      name: LARGE_ACCOUNTS_SCENARIO.name,
      isDefault: false,
      scenario: LARGE_ACCOUNTS_SCENARIO,
    })
    .returning();
  if (!defaultId || !largeAccounts) throw new Error('the profiles were not created');

  const syncFinished = new Date(Date.parse(now) - 3_600_000);
  const syncStarted = new Date(syncFinished.getTime() - 300_000);

  await database.transaction(async (tx) => {
    const db = tx.db;
    await db.execute(sql`
      insert into syncs (org_id, company_id, source, file_name, trigger, status, started_at, finished_at, duration_ms, report)
      values (${orgId}, ${companyId}, 'fec', 'bench-dunning.txt', 'cli', 'succeeded',
        ${syncStarted.toISOString()}::timestamptz, ${syncFinished.toISOString()}::timestamptz, 300000, '{}'::jsonb)`);
    await db.execute(sql`
      insert into payment_methods (org_id, company_id, code, label, is_automatic) values
        (${orgId}, ${companyId}, 'VIR', 'Virement', false),
        (${orgId}, ${companyId}, 'CHQ', 'Chèque', false),
        (${orgId}, ${companyId}, 'CB', 'Carte bancaire', false),
        (${orgId}, ${companyId}, 'PRLV', 'Prélèvement SEPA', true),
        (${orgId}, ${companyId}, 'LCR', 'LCR magnétique', true)`);

    // Who the customers are, and which of them can be written to by email (DUN-2).
    await timed(timings, 'customers', async () => {
      await db.execute(sql`
        create temp table bench_customers on commit drop as
        select i, account, h1, h2, h3, h4,
          h1 % 100 < 60 as has_sync_email,
          h1 % 100 between 60 and 61 as has_manual_email,
          h1 % 100 between 62 and 64 as has_contact_email,
          h1 % 100 < 65 as has_email
        from (
          select i, 'C' || lpad(i::text, ${width}, '0') as account,
            ${HASH('m', 1)} as h1, ${HASH('m', 9)} as h2, ${HASH('m', 17)} as h3, ${HASH('m', 25)} as h4
          from (select i, md5('c' || i) as m from generate_series(1, ${customers + paidUp}) as i) g
        ) h`);
      // Statistics for the joins below: a temporary table has none, and a nested loop would follow.
      await db.execute(sql`analyze bench_customers`);
      await db.execute(sql`
        insert into customers (org_id, company_id, account, name, external_id, registration_number, sales_rep,
          collector, terms, sync_email, sync_phone, sync_address, sync_language, manual_contact, is_consumer)
        select ${orgId}, ${companyId}, account,
          (${sql.param(TRADES)}::text[])[1 + h1 / 7 % ${TRADES.length}] || ' '
            || (${sql.param(SURNAMES)}::text[])[1 + h2 % ${SURNAMES.length}]
            || coalesce(' ' || nullif((${sql.param(LEGAL_FORMS)}::text[])[1 + h3 % ${LEGAL_FORMS.length}], ''), ''),
          'EXT' || i, lpad((i * 7919 % 1000000000)::text, 9, '0'),
          (${sql.param(SALES_REPS)}::text[])[1 + h4 % ${SALES_REPS.length}],
          (${sql.param(COLLECTORS)}::text[])[1 + (h4 / 16) % ${COLLECTORS.length}],
          null,
          case when has_sync_email then 'compta.' || lower(account) || '@clients.example.fr' end,
          '+33 1 ' || lpad((h2 % 100)::text, 2, '0') || ' ' || lpad((h3 % 100)::text, 2, '0') || ' '
            || lpad((i % 100)::text, 2, '0') || ' ' || lpad((i / 100 % 100)::text, 2, '0'),
          jsonb_build_object('line1', (1 + h3 % 180) || ' rue de la République',
            'postalCode', lpad((1 + h2 % 95)::text, 2, '0') || '000',
            'city', (${sql.param(CITIES)}::text[])[1 + h1 / 32 % ${CITIES.length}], 'country', 'FR'),
          'fr',
          case when has_manual_email then jsonb_build_object('email', 'relances.' || lower(account) || '@clients.example.fr')
            else '{}'::jsonb end,
          h4 % 20 = 0
        from bench_customers`);
      // A contact with an email for 3 % (their only address), an accounting contact for one in ten
      // of those with an address, a phone-only contact for some without.
      await db.execute(sql`
        insert into contacts (org_id, company_id, customer_account, source, name, email, phone, role, is_primary)
        select ${orgId}, ${companyId}, account, 'sync', 'Service comptable',
          case when has_contact_email or has_sync_email then 'comptabilite.' || lower(account) || '@clients.example.fr' end,
          '+33 1 40 00 ' || lpad((i % 100)::text, 2, '0') || ' ' || lpad((i / 100 % 100)::text, 2, '0'),
          'Comptabilité', has_contact_email
        from bench_customers
        where has_contact_email or (has_sync_email and h2 % 10 = 0) or (not has_email and h2 % 20 = 0)`);
      await db.execute(sql`
        insert into customer_dunning (org_id, company_id, customer_account, profile_id, stop_reason, dispute_reason)
        select ${orgId}, ${companyId}, account,
          case when h4 % 100 < 5 then ${largeAccounts.id}::uuid end,
          case when h3 % 1000 < 10 then 'Procédure collective' end,
          case when h3 % 1000 between 10 and 24 then 'Litige sur livraison' end
        from bench_customers
        where h4 % 100 < 5 or h3 % 1000 < 25`);
    });

    // The open invoices and the dunning state earlier runs left them in.
    await timed(timings, 'open invoices', () =>
      db.execute(sql`
        create temp table bench_items on commit drop as
        -- Materialized: inlined, each hash and date would be computed again at every use.
        with g as materialized (
          select k, ${HASH('m', 1)}::float8 / 4294967296 as u1, ${HASH('m', 9)} as h2,
            ${HASH('m', 17)} as h3, ${HASH('m', 25)} as h4
          from (select k, md5('o' || k) as m from generate_series(0, ${customers * perCustomer - 1}) as k) s
        ), t as materialized (
          select g.k, c.account, c.has_email, g.h2, g.h3, g.h4,
            -40 + floor(191 * power(g.u1, 1.5))::int as late,
            round(exp(ln(5000) + (g.h2 % 100000)::float8 / 100000 * ln(200)))::bigint as amount,
            case when g.h3 % 100 < 85 then 0 when g.h3 % 100 < 95 then 1 else 2 end as state
          from g join bench_customers c on c.i = g.k / ${perCustomer} + 1
        ), s as materialized (
          select *, ${today}::date - late as due,
            case when has_email then (late > -5)::int else 0 end
              + (late > 5)::int + (late > 15)::int + (late > 25)::int + (late > 35)::int as passed
          from t
        ), e as materialized (
          select *, case state when 0 then passed when 1 then greatest(passed - 1, 0) else 0 end as reached
          from s
        )
        select k, account, has_email, late, due, amount,
          case when h2 % 10 < 8 then due - (30 + (h2 / 10 % 31)::int) else due - 30 end as doc,
          h2 % 10 < 8 as has_source_due,
          case when h3 / 100 % 100 < 6 then 'PRLV' when h3 / 100 % 100 < 8 then 'LCR'
            when h3 / 100 % 100 < 30 then 'CHQ' when h3 / 100 % 100 < 90 then 'VIR' end as payment_method,
          case when reached = 0 then 'none'
            when has_email then (array['notice', 'R1', 'R2', 'R3', 'R4'])[reached]
            else (array['R1', 'R2', 'R3', 'R4'])[reached] end as level,
          case when reached = 0 then null
            when has_email then due + (array[-5, 5, 15, 25, 35])[reached]
            else due + (array[5, 15, 25, 35])[reached] end as last_reminder_date,
          h4 % 1000 < 5 as is_stopped,
          h4 % 1000 between 5 and 9 as is_disputed,
          late > 90 and h4 / 1000 % 10 < 2 as in_collection,
          h4 % 1000 between 10 and 12 as has_promise, h2 as h
        from e`),
    );

    // Invoices paid and lettered in the last months: history, and the thank-yous (DUN-6).
    await timed(timings, 'settled invoices', () =>
      db.execute(sql`
        create temp table bench_settled on commit drop as
        with g as materialized (
          select k, ${HASH('m', 1)} as h1, ${HASH('m', 9)} as h2
          from (select k, md5('s' || k) as m from generate_series(0, ${customers * settled + paidUp - 1}) as k) s
        ), t as materialized (
          select g.k, c.account, c.has_email, g.h1, g.h2, g.k >= ${customers * settled} as paid_up,
            ${today}::date - case when g.k >= ${customers * settled} then 42 + (g.h1 % 30)::int
              else 30 + (g.h1 % 150)::int end as doc,
            round(exp(ln(5000) + (g.h2 % 100000)::float8 / 100000 * ln(200)))::bigint as amount
          from g join bench_customers c on c.i = case when g.k < ${customers * settled}
            then g.k / ${Math.max(settled, 1)} + 1 else g.k - ${customers * settled} + ${customers + 1} end
        ), p as materialized (
          select *, doc + 30 as due,
            case when paid_up then ${today}::date - 1 - (h1 % 30)::int
              else least(doc + 10 + (h1 / 150 % 80)::int, ${today}::date - 1) end as paid
          from t
        )
        select *,
          case when paid_up then 'R1' when h2 / 100000 % 100 >= 40 then null
            when paid > due + 5 then 'R1' when has_email and paid >= due - 5 then 'notice' end as level,
          case when not paid_up and has_email and paid + 2 < ${today}::date and h2 / 100000 % 10 < 9
            then paid + 2 end as thanked_on
        from p`),
    );

    const [sync] = await selectRows<{ id: string }>(
      db,
      sql`select id from syncs where org_id = ${orgId} and company_id = ${companyId}`,
    );
    await timed(timings, 'entries', async () => {
      const key = sql.raw(`account || chr(31) || piece || chr(31) || doc || chr(31) || '1'`);
      const columns = sql.raw(`org_id, company_id, entry_key, customer_account, journal_code, entry_number,
        entry_date, account_number, piece_ref, document_date, source_due_date, label, debit, credit, payment_method,
        lettering_code, lettering_date, source_line, sync_id`);
      await db.execute(sql`
        insert into entries (${columns})
        select ${orgId}, ${companyId}, ${key}, account, 'VT', 'VT' || lpad(k::text, 8, '0'), doc, '411000', piece, doc,
          case when has_source_due then due end, 'Facture ' || piece, amount, 0, payment_method, '', null,
          k + 1, ${sync!.id}
        from (select *, 'FA' || lpad(k::text, 8, '0') as piece from bench_items) i`);
      // Settled invoices and their payments in no order of customers, as a ledger's lines come.
      await db.execute(sql`
        insert into entries (${columns})
        select ${orgId}, ${companyId}, ${key}, account, 'VT', 'VS' || lpad(k::text, 8, '0'), doc, '411000', piece, doc,
          due, 'Facture ' || piece, amount, 0, 'VIR', 'S' || k, paid, 2 * k + ${customers * perCustomer + 1}, ${sync!.id}
        from (select *, 'FS' || lpad(k::text, 8, '0') as piece from bench_settled) i
        order by h2`);
      await db.execute(sql`
        insert into entries (${columns})
        select ${orgId}, ${companyId}, ${key}, account, 'BQ', 'BQ' || lpad(k::text, 8, '0'), doc, '411000', piece, doc,
          null, 'Virement reçu FS' || lpad(k::text, 8, '0'), 0, amount, 'VIR', 'S' || k, paid,
          2 * k + ${customers * perCustomer + 2}, ${sync!.id}
        from (select *, 'RS' || lpad(k::text, 8, '0') as piece, paid as doc from (
          select k, account, amount, paid, h1 from bench_settled) s) i
        order by h1`);
    });

    await timed(timings, 'dunning state', async () => {
      const key = sql.raw(`account || chr(31) || piece || chr(31) || doc || chr(31) || '1'`);
      await db.execute(sql`
        insert into item_dunning (org_id, company_id, entry_key, level, last_reminder_date, stop_reason,
          dispute_reason, is_in_collection)
        select ${orgId}, ${companyId}, ${key}, level, last_reminder_date,
          case when is_stopped then 'Accord de paiement en cours' end,
          case when is_disputed then 'Facture contestée' end, in_collection
        from (select *, 'FA' || lpad(k::text, 8, '0') as piece from bench_items) i
        where level <> 'none' or is_stopped or is_disputed or in_collection`);
      await db.execute(sql`
        insert into item_dunning (org_id, company_id, entry_key, level, last_reminder_date, thanked_on)
        select ${orgId}, ${companyId}, ${key}, level, case level when 'R1' then due + 5 else due - 5 end, thanked_on
        from (select *, 'FS' || lpad(k::text, 8, '0') as piece from bench_settled) i
        where level is not null`);
      await db.execute(sql`
        insert into item_promises (org_id, company_id, entry_key, amount, promised_for, cancelled_at, created_by)
        select ${orgId}, ${companyId}, ${key}, case when h % 2 = 0 then amount else amount / 2 end,
          ${today}::date + (h / 2 % 31)::int - 10,
          case when h / 64 % 10 = 0 then ${now}::timestamptz - interval '2 days' end, ${admin.id}
        from (select *, 'FA' || lpad(k::text, 8, '0') as piece from bench_items) i
        where has_promise`);
    });
  });

  // The nightly run happens hours after the sync: autovacuum has analyzed what the sync loaded
  // on PostgreSQL (PGlite has no autovacuum: the app analyzes only what the sync derives).
  await timed(timings, 'analyze (loaded tables)', () => analyzeTables(database, LOADED_TABLES));

  await timed(timings, 'refreshCompanyReceivables', () =>
    database.transaction(async (tx) => {
      await lockCompany(tx.db, orgId, companyId);
      await refreshCompanyReceivables(tx, {
        orgId,
        companyId,
        today,
        defaultTerms: company.defaultTerms,
        change: 'ledger',
      });
    }),
  );
  await timed(timings, 'analyze (derived tables)', () => analyzeTables(database, DERIVED_TABLES));

  const [facts] = await selectRows<{
    customers: number;
    with_email: number;
    entries: number;
    open_items: number;
    summaries: number;
    levels: Record<string, number> | string;
    item_stops: number;
    item_disputes: number;
    in_collection: number;
    customer_stops: number;
    customer_disputes: number;
    second_profile: number;
    promises: number;
    automatic_payment: number;
    contacts: number;
  }>(
    database.db,
    sql`select
      (select count(*)::int from customers where org_id = ${orgId}) as customers,
      (select count(*)::int from customers c where org_id = ${orgId} and (sync_email is not null
        or manual_contact ? 'email' or exists (select 1 from contacts k where k.org_id = c.org_id
          and k.company_id = c.company_id and k.customer_account = c.account and k.email is not null))) as with_email,
      (select count(*)::int from entries where org_id = ${orgId}) as entries,
      (select count(*)::int from open_items where org_id = ${orgId}) as open_items,
      (select count(*)::int from customer_summaries where org_id = ${orgId}) as summaries,
      (select jsonb_object_agg(level, n) from (select level, count(*)::int as n from item_dunning
        where org_id = ${orgId} group by level) l) as levels,
      (select count(*)::int from item_dunning where org_id = ${orgId} and stop_reason is not null) as item_stops,
      (select count(*)::int from item_dunning where org_id = ${orgId} and dispute_reason is not null) as item_disputes,
      (select count(*)::int from item_dunning where org_id = ${orgId} and is_in_collection) as in_collection,
      (select count(*)::int from customer_dunning where org_id = ${orgId} and stop_reason is not null) as customer_stops,
      (select count(*)::int from customer_dunning where org_id = ${orgId} and dispute_reason is not null) as customer_disputes,
      (select count(*)::int from customer_dunning where org_id = ${orgId} and profile_id is not null) as second_profile,
      (select count(*)::int from item_promises where org_id = ${orgId}) as promises,
      (select count(*)::int from open_items o join entries e on e.org_id = o.org_id and e.company_id = o.company_id
        and e.entry_key = o.entry_key where o.org_id = ${orgId} and e.payment_method in ('PRLV', 'LCR')) as automatic_payment,
      (select count(*)::int from contacts where org_id = ${orgId}) as contacts`,
  );
  const f = facts!;
  const expected = customers * perCustomer;
  if (f.open_items !== expected)
    throw new Error(`the derivation gave ${f.open_items} open items, ${expected} expected`);
  return {
    orgId,
    companyId,
    companyCode: COMPANY_CODE,
    counts: {
      customers: f.customers,
      customersWithEmail: f.with_email,
      entries: f.entries,
      openItems: f.open_items,
      summaries: f.summaries,
      itemDunning: typeof f.levels === 'string' ? JSON.parse(f.levels) : f.levels,
      itemStops: f.item_stops,
      itemDisputes: f.item_disputes,
      inCollection: f.in_collection,
      customerStops: f.customer_stops,
      customerDisputes: f.customer_disputes,
      secondProfile: f.second_profile,
      promises: f.promises,
      automaticPayment: f.automatic_payment,
      contacts: f.contacts,
    },
    timings,
  };
}
