/**
 * The organization of the receivables bench, built with SQL (`insert … select … generate_series`)
 * and derived with the app's own code: customers, a customer ledger over the two years before
 * `today`, one succeeded sync, then open items, summaries, monthly flows and today's KPI snapshot
 * (`refreshCompanyReceivables`), and the snapshots of the 12 previous month ends.
 *
 * Invoices come in blocks of 100 whose kinds are a fixed mix, so the ledger has exactly
 * 2 entries per invoice on average: 55 paid in full (invoice + payment, lettered), 15 paid in two
 * instalments (3 lines, lettered), 8 partly paid (lettered group that does not balance),
 * 4 cancelled by a credit note, 3 paid by an unlettered payment, 15 still open (1 line).
 * The first 100 invoices are one block of customer 1, which thus has exactly 200 entries.
 */
import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../src/domain/calendar';
import { evolutionDays } from '../src/domain/receivables/receivable-kpis';
import { type Database, selectRows } from '../src/server/db/client';
import { organizations } from '../src/server/db/schema';
import { createUser } from '../src/server/modules/auth/auth.service';
import { createCompany, lockCompany } from '../src/server/modules/companies/companies.queries';
import { refreshCompanyReceivables } from '../src/server/modules/receivables/company-refresh';

export const BENCH_PASSWORD = 'bench password 2024';
export const ADMIN_EMAIL = 'bench-admin@encours.test';
export const PORTFOLIO_EMAIL = 'bench-portfolio@encours.test';
/** 200 surnames: each one names about 500 customers, the search of the bench takes one. */
export const SURNAMES =
  `Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefebvre
  Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller
  Lefevre Faure Andre Mercier Blanc Guerin Boyer Garnier Chevalier Francois Legrand Gauthier Garcia Perrin
  Robin Clement Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont Marie Lemaire
  Noel Meyer Dufour Meunier Brun Blanchard Giraud Joly Riviere Lucas Brunet Gaillard Barbier Arnaud Gerard
  Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas Lacroix
  Olivier Philippe Bourgeois Pierre Benoit Rey Leclerc Payet Rolland Leclercq Guillaume Lecomte Lopez Jean
  Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin Louis Deschamps Huet Vasseur Perez Boucher
  Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry Guyot Carre Charles Renault Charpentier Menard
  Maillard Baron Bertin Bailly Herve Schneider Fernandez Le-Gall Collet Leger Bouvier Julien Prevost Millet
  Perrot Daniel Le-Roux Cousin Germain Breton Besson Langlois Remy Le-Goff Pelletier Leveque Perrier Leblanc
  Barre Lebrun Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet Etienne
  Grondin Poulain Tessier Chevallier Collin Chauvin Da-Silva Bouchet Gay Lemaitre Benard Marechal Humbert
  Reynaud Antoine Hoarau Perret Barthelemy Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier Carlier Laporte`
    .split(/\s+/)
    .filter(Boolean)
    .map((name) => name.replace('-', ' '));
export const TRADES =
  `Boulangerie Garage Pharmacie Cabinet Transports Menuiserie Hôtel Restaurant Plomberie Librairie
  Imprimerie Boucherie Fromagerie Électricité Société Établissements Atelier Clinique Agence Cave Ferronnerie
  Jardinerie Optique Carrosserie Maçonnerie Couverture Traiteur Studio Laboratoire Entreprise`.split(/\s+/);
export const LEGAL_FORMS = ['SARL', 'SAS', 'SA', 'EURL', 'SASU', '', '', ''];
export const CITIES = [
  'Paris',
  'Lyon',
  'Marseille',
  'Lille',
  'Nantes',
  'Bordeaux',
  'Toulouse',
  'Rennes',
  'Dijon',
  'Metz',
];
export const SALES_REPS = [
  'Camille Perrin',
  'Julien Faure',
  'Sophie Lambert',
  'Nicolas Roussel',
  'Emma Chevalier',
  'Lucas Gauthier',
  'Léa Masson',
  'Hugo Marchand',
  'Chloé Dumont',
  'Louis Lemaire',
  'Manon Giraud',
  'Théo Brunet',
];
export const COLLECTORS = [
  'Anne Colin',
  'Marc Vidal',
  'Zoé Caron',
  'Paul Picard',
  'Inès Aubert',
  'Yves Renaud',
];
/** The search of the bench: one surname, about 1 customer in 200. */
export const SEARCH_TERM = 'Fontaine';
export const RECORD_ACCOUNT = 'C000001';

export interface BenchOrganization {
  orgId: string;
  companyId: string;
  recordCustomerId: string;
  recordEntries: number;
  searchMatches: number;
  portfolioSalesRep: string;
  portfolioCustomers: number;
  counts: { customers: number; entries: number; openItems: number; summaries: number };
  /** Milliseconds of each step. */
  timings: Record<string, number>;
}

const LOADED_TABLES = 'organizations, users, companies, customers, syncs, entries';
const DERIVED_TABLES = 'open_items, customer_summaries, monthly_flows, kpi_snapshots';

export function analyzeTables(database: Database, tables: string) {
  return database.db.execute(
    sql.raw(database.kind === 'postgres' ? `vacuum (analyze) ${tables}` : `analyze ${tables}`),
  );
}

export const timed = async <T>(
  timings: Record<string, number>,
  step: string,
  fn: () => Promise<T>,
): Promise<T> => {
  const started = performance.now();
  const result = await fn();
  timings[step] = performance.now() - started;
  return result;
};

/** 32 bits of `md5(text)` at `from` (1-based hex offset), as a number in [0, 2^32). */
export const HASH = (m: string, from: number) =>
  sql.raw(`('x' || substr(${m}, ${from}, 8))::bit(32)::bigint`);

/** Builds the bench organization in `database` (migrated, empty). */
export async function buildBenchOrganization(
  database: Database,
  options: { today: CalendarDate; entries: number; customers: number; analyze: boolean },
): Promise<BenchOrganization> {
  const { today, customers } = options;
  if (options.entries % 200 !== 0 || options.entries < 200)
    throw new Error('--entries must be a multiple of 200');
  if (customers < 2) throw new Error('--customers must be at least 2');
  const invoices = options.entries / 2;
  const timings: Record<string, number> = {};
  const [org] = await database.db.insert(organizations).values({ name: 'Bench receivables' }).returning();
  const orgId = org!.id;
  const company = await createCompany(database.db, orgId, {
    code: 'BENCH',
    name: 'Bench Distribution SAS',
    currency: 'EUR',
    defaultTerms: '30 days net',
    receivablePrefixes: ['411'],
  });
  const companyId = company.id;
  const portfolioSalesRep = SALES_REPS[3]!;

  await timed(timings, 'users', async () => {
    await createUser(database.db, {
      orgId,
      email: ADMIN_EMAIL,
      name: 'Bench admin',
      role: 'admin',
      password: BENCH_PASSWORD,
    });
    const portfolioUser = await createUser(database.db, {
      orgId,
      email: PORTFOLIO_EMAIL,
      name: 'Bench portfolio',
      role: 'user',
      password: BENCH_PASSWORD,
    });
    await database.db.execute(
      sql`update users set portfolio = ${JSON.stringify({ salesReps: [portfolioSalesRep], collectors: [] })}::jsonb
        where org_id = ${orgId} and id = ${portfolioUser.id}`,
    );
  });

  await database.transaction(async (tx) => {
    await timed(timings, 'customers', () =>
      tx.db.execute(sql`
        insert into customers (org_id, company_id, account, name, external_id, registration_number, sales_rep,
          collector, terms, sync_email, sync_phone, sync_address, sync_language, is_consumer)
        select ${orgId}, ${companyId}, 'C' || lpad(i::text, 6, '0'),
          case when i = 1 then 'Hypermarchés Lefort SAS'
            else (${sql.param(TRADES)}::text[])[1 + h1 % ${TRADES.length}] || ' '
              || (${sql.param(SURNAMES)}::text[])[1 + h2 % ${SURNAMES.length}]
              || coalesce(' ' || nullif((${sql.param(LEGAL_FORMS)}::text[])[1 + h3 % ${LEGAL_FORMS.length}], ''), '')
          end,
          'EXT' || i, lpad((i * 7919 % 1000000000)::text, 9, '0'),
          (${sql.param(SALES_REPS)}::text[])[1 + h4 % ${SALES_REPS.length}],
          (${sql.param(COLLECTORS)}::text[])[1 + (h4 / 16) % ${COLLECTORS.length}],
          case when h1 % 20 < 2 then '45 days end of month' when h1 % 20 = 2 then 'end of month + 10 days' end,
          'compta.c' || lpad(i::text, 6, '0') || '@clients.example.fr',
          '+33 1 ' || lpad((h2 % 100)::text, 2, '0') || ' ' || lpad((h3 % 100)::text, 2, '0') || ' '
            || lpad((i % 100)::text, 2, '0') || ' ' || lpad((i / 100 % 100)::text, 2, '0'),
          jsonb_build_object('line1', (1 + h3 % 180) || ' rue de la République',
            'postalCode', lpad((1 + h2 % 95)::text, 2, '0') || '000',
            'city', (${sql.param(CITIES)}::text[])[1 + h1 / 32 % ${CITIES.length}], 'country', 'FR'),
          'fr', h4 % 20 = 0
        from (
          select i, ${HASH('m', 1)} as h1, ${HASH('m', 9)} as h2, ${HASH('m', 17)} as h3, ${HASH('m', 25)} as h4
          from (select i, md5('c' || i) as m from generate_series(1, ${customers}) as i) g
        ) h`),
    );

    const [sync] = await selectRows<{ id: string }>(
      tx.db,
      sql`insert into syncs (org_id, company_id, source, file_name, trigger, status, started_at, finished_at, duration_ms, report)
        values (${orgId}, ${companyId}, 'fec', 'bench-receivables.txt', 'cli', 'succeeded',
          ${`${today}T06:00:00Z`}::timestamptz, ${`${today}T06:05:00Z`}::timestamptz, 300000,
          ${JSON.stringify({ entries: options.entries, customers })}::jsonb)
        returning id`,
    );

    await timed(timings, 'invoices', () => createInvoices(tx.db, { today, invoices, customers }));
    await timed(timings, 'entries', () => insertEntries(tx.db, { orgId, companyId, syncId: sync!.id }));
  });

  // The app loads a ledger in the transaction that derives from it and analyzes only the derived
  // tables it reads back (customers, open items, summaries), so the derivation plans the entries
  // without statistics. `analyze` stands in for what autovacuum does after the load on
  // PostgreSQL (VACUUM ANALYZE of the loaded tables), so that the pages are measured on a settled
  // database; `--no-analyze` measures them right after the load.
  if (options.analyze) {
    await timed(timings, 'analyze (ledger tables)', () => analyzeTables(database, LOADED_TABLES));
  }

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

  await timed(timings, 'kpi snapshots of 12 month ends', () =>
    database.db.execute(sql`
      insert into kpi_snapshots (org_id, company_id, day, balance, overdue, not_due, buckets, customers_with_balance, kpis, taken_at)
      select k.org_id, k.company_id, d.day, (k.balance * (0.8 + 0.015 * d.n))::bigint,
        (k.overdue * (0.7 + 0.025 * d.n))::bigint, (k.not_due * (0.9 + 0.008 * d.n))::bigint,
        k.buckets, k.customers_with_balance - 12 + d.n::int, k.kpis, (d.day + 1)::timestamptz
      from kpi_snapshots k
      cross join unnest(${sql.param(evolutionDays(today, 12).slice(0, -1))}::date[]) with ordinality as d(day, n)
      where k.org_id = ${orgId} and k.company_id = ${companyId} and k.day = ${today}`),
  );

  if (options.analyze) {
    await timed(timings, 'analyze (derived tables)', () => analyzeTables(database, DERIVED_TABLES));
  }

  const [facts] = await selectRows<{
    record_id: string;
    record_entries: number;
    search_matches: number;
    portfolio_customers: number;
    customers: number;
    entries: number;
    open_items: number;
    summaries: number;
  }>(
    database.db,
    sql`select
      (select id from customers where org_id = ${orgId} and company_id = ${companyId} and account = ${RECORD_ACCOUNT}) as record_id,
      (select count(*)::int from entries where org_id = ${orgId} and company_id = ${companyId} and customer_account = ${RECORD_ACCOUNT}) as record_entries,
      (select count(*)::int from customers where org_id = ${orgId} and (name ilike ${`%${SEARCH_TERM}%`} or account ilike ${`%${SEARCH_TERM}%`})) as search_matches,
      (select count(*)::int from customers where org_id = ${orgId} and sales_rep = ${portfolioSalesRep}) as portfolio_customers,
      (select count(*)::int from customers where org_id = ${orgId}) as customers,
      (select count(*)::int from entries where org_id = ${orgId}) as entries,
      (select count(*)::int from open_items where org_id = ${orgId}) as open_items,
      (select count(*)::int from customer_summaries where org_id = ${orgId}) as summaries`,
  );
  return {
    orgId,
    companyId,
    recordCustomerId: facts!.record_id,
    recordEntries: facts!.record_entries,
    searchMatches: facts!.search_matches,
    portfolioSalesRep,
    portfolioCustomers: facts!.portfolio_customers,
    counts: {
      customers: facts!.customers,
      entries: facts!.entries,
      openItems: facts!.open_items,
      summaries: facts!.summaries,
    },
    timings,
  };
}

/**
 * One row per invoice in a temporary table: its customer (skewed: a few large accounts, many
 * small ones), kind, amount, dates and lettering code. Open and partly paid invoices are mostly
 * recent, settled ones spread over the two years.
 */
async function createInvoices(
  db: Database['db'],
  scope: { today: CalendarDate; invoices: number; customers: number },
) {
  const { today, invoices, customers } = scope;
  await db.execute(sql`
    create temp table bench_invoices on commit drop as
    with u as (
      select k, (k * 37 + 11) % 100 as slot,
        ${HASH('m', 1)}::float8 / 4294967296 as u1, ${HASH('m', 9)}::float8 / 4294967296 as u2,
        ${HASH('m', 17)}::float8 / 4294967296 as u3, ${HASH('m', 25)} as h4
      from (select k, md5('i' || k) as m from generate_series(0, ${invoices - 1}) as k) g
    ), t as (
      select k, h4,
        case when k < 100 then 1 else 2 + least(${customers - 2}, floor(${customers - 1} * power(u1, 1.5))::int) end as cust,
        case when slot < 55 then 'full' when slot < 70 then 'instalments' when slot < 78 then 'partial'
          when slot < 82 then 'credit_note' when slot < 85 then 'unlettered' else 'open' end as kind,
        round(exp(ln(8000) + u3 * ln(300)))::bigint as amount,
        ${today}::date - case when slot >= 70 and not (slot between 78 and 81)
          then floor(450 * power(u2, 4))::int else 15 + floor(715 * u2)::int end as doc_date
      from u
    )
    select k, 'C' || lpad(cust::text, 6, '0') as account, kind, amount, doc_date,
      least(doc_date + case kind when 'instalments' then 10 + (h4 % 30)::int when 'credit_note' then 3 + (h4 % 20)::int
        else 10 + (h4 % 60)::int end, ${today}::date) as pay1_date,
      case kind when 'instalments' then amount / 2 when 'partial' then amount * (30 + h4 % 40) / 100 else amount end as pay1_amount,
      case when kind = 'instalments' then least(doc_date + 40 + (h4 % 30)::int, ${today}::date) end as pay2_date,
      case when kind in ('open', 'unlettered') then ''
        else chr(65 + (k / 456976 % 26)::int) || chr(65 + (k / 17576 % 26)::int) || chr(65 + (k / 676 % 26)::int)
          || chr(65 + (k / 26 % 26)::int) || chr(65 + (k % 26)::int) end as code
    from t`);
}

const ENTRY_COLUMNS = sql.raw(`org_id, company_id, entry_key, customer_account, journal_code, entry_number,
  entry_date, account_number, piece_ref, document_date, source_due_date, label, debit, credit, payment_method,
  lettering_code, lettering_date, source_line, sync_id`);

/** The ledger lines of the invoices: the invoice, its payment or credit note, a second instalment. */
async function insertEntries(
  db: Database['db'],
  scope: { orgId: string; companyId: string; syncId: string },
) {
  const { orgId, companyId, syncId } = scope;
  const key = sql.raw(`account || chr(31) || piece || chr(31) || doc || chr(31) || '1'`);
  // The group's payment date: the last payment, or the credit note.
  await db.execute(sql`
    insert into entries (${ENTRY_COLUMNS})
    select ${orgId}, ${companyId}, ${key}, account, 'VT', 'VT' || lpad(k::text, 7, '0'), doc, '411000', piece, doc,
      null, 'Facture ' || piece, amount, 0, null, code,
      case when code <> '' then coalesce(pay2_date, pay1_date) end, 3 * k + 1, ${syncId}
    from (select *, 'FA' || lpad(k::text, 7, '0') as piece, doc_date as doc from bench_invoices) i`);
  await db.execute(sql`
    insert into entries (${ENTRY_COLUMNS})
    select ${orgId}, ${companyId}, ${key}, account, journal, journal || lpad(k::text, 7, '0'), doc, '411000', piece,
      doc, null, case when kind = 'credit_note' then 'Avoir sur FA' else 'Virement reçu FA' end || lpad(k::text, 7, '0'),
      0, pay1_amount, case when journal = 'BQ' then 'VIR' end, code,
      case when code <> '' then coalesce(pay2_date, pay1_date) end, 3 * k + 2, ${syncId}
    from (select *, case when kind = 'credit_note' then 'VT' else 'BQ' end as journal,
        case when kind = 'credit_note' then 'AV' else 'RG' end || lpad(k::text, 7, '0') as piece, pay1_date as doc
      from bench_invoices where kind <> 'open') i`);
  await db.execute(sql`
    insert into entries (${ENTRY_COLUMNS})
    select ${orgId}, ${companyId}, ${key}, account, 'BQ', 'BQ' || lpad(k::text, 7, '0') || 'B', doc, '411000', piece,
      doc, null, 'Virement reçu FA' || lpad(k::text, 7, '0') || ' (2/2)', 0, amount - pay1_amount, 'VIR', code,
      pay2_date, 3 * k + 3, ${syncId}
    from (select *, 'RG' || lpad(k::text, 7, '0') || 'B' as piece, pay2_date as doc
      from bench_invoices where kind = 'instalments') i`);
}
