import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { addDays } from '../../domain/calendar';
import type { Clock } from '../config';
import { type Database, selectRows } from '../db/client';
import { organizations } from '../db/schema';
import { deleteOrganizationData } from '../db/tenant';
import { runSync, type SyncRequest } from '../import/sync.service';
import { createUser } from '../modules/auth/auth.service';
import { createCompany } from '../modules/companies/companies.queries';
import { backfillKpiSnapshots } from '../modules/receivables/kpi-backfill';
import { type GeneratorOptions, writeContactsCsv, writeCustomersCsv, writeFec } from './ledger-generator';

export const DEMO_EMAIL = 'demo@encours.test';
export const DEMO_PASSWORD = 'demo';
const DEMO_ORG_NAME = 'Groupe Morel (démo)';
const DEMO_USERS = [
  { email: DEMO_EMAIL, name: 'Claire Martin', role: 'admin', salesReps: undefined },
  // A sales representative: his portfolio is the customers he follows (COL-5).
  { email: 'user@encours.test', name: 'Julien Lefèvre', role: 'user', salesReps: ['Julien Lefèvre'] },
  { email: 'viewer@encours.test', name: 'Inès Robert', role: 'viewer', locale: 'en', salesReps: undefined },
] as const;

/** Customers the two demo companies have in common (VIS-8). */
const SHARED_CUSTOMERS = 15;

const DEMO_COMPANIES = [
  { code: 'ATELIERS', name: 'Ateliers Morel SAS', seed: 20_241, prefix: 'C', terms: '45 days end of month' },
  { code: 'SERVICES', name: 'Morel Services SARL', seed: 20_242, prefix: 'S', terms: '30 days net' },
] as const;

/**
 * Creates the demo organization on first start: two companies, ~300 customers, about 20,000
 * ledger lines over two years ending today, imported through the real importers. Same `today`,
 * same data. Does nothing when the demo user exists.
 */
export async function ensureDemoOrganization(
  database: Database,
  clock: Clock,
  options: { log?: (line: string) => void } = {},
): Promise<{ orgId: string; email: string; created: boolean }> {
  const [existing] = await selectRows<{ org_id: string }>(
    database.db,
    sql`select org_id from users where lower(email) = ${DEMO_EMAIL}`,
  );
  if (existing) return { orgId: existing.org_id, email: DEMO_EMAIL, created: false };

  const log = options.log ?? (() => undefined);
  const today = clock.today();
  // A seed killed half-way left an organization without users: start it again from nothing.
  for (const orphan of await selectRows<{ id: string }>(
    database.db,
    sql`select o.id from organizations o where o.name = ${DEMO_ORG_NAME}
      and not exists (select 1 from users u where u.org_id = o.id)`,
  )) {
    await database.transaction((tx) => deleteOrganizationData(tx.db, orphan.id));
  }
  const [org] = await database.db.insert(organizations).values({ name: DEMO_ORG_NAME }).returning();
  const orgId = org!.id;

  const dir = await mkdtemp(join(tmpdir(), 'encours-demo-'));
  try {
    for (const spec of DEMO_COMPANIES) {
      log(`Demo: generating and importing ${spec.name}…`);
      const company = await createCompany(database.db, orgId, {
        code: spec.code,
        name: spec.name,
        currency: 'EUR',
        defaultTerms: spec.terms,
        receivablePrefixes: ['411', '416'],
      });
      const generator: GeneratorOptions = {
        seed: spec.seed,
        customers: 150,
        // About 10,000 customer-ledger entries per company: ~20,000 for the demo.
        targetLines: 25_000,
        startDate: addDays(today, -730),
        endDate: today,
        customerPrefix: spec.prefix,
        companyName: spec.name,
        defaultTerms: spec.terms,
      };
      const files = {
        customers: join(dir, `${spec.code}-customers.csv`),
        fec: join(dir, `${spec.code}-FEC.txt`),
        contacts: join(dir, `${spec.code}-contacts.csv`),
      };
      await writeCustomersCsv(files.customers, generator);
      await writeFec(files.fec, generator);
      await writeContactsCsv(files.contacts, generator);
      for (const source of ['customers', 'fec', 'contacts'] as const) {
        const request: SyncRequest = {
          orgId,
          companyId: company.id,
          source,
          filePath: files[source],
          fileName: files[source].slice(dir.length + 1),
          userId: null,
          trigger: 'demo',
          today,
          now: clock.now(),
        };
        const outcome = await runSync(database, request);
        if (outcome.status === 'failed') {
          throw new Error(
            `demo import of ${request.fileName} failed: ${outcome.message} ${JSON.stringify(outcome.errors.slice(0, 3))}`,
          );
        }
      }
      // VIS-3: the dashboard's year of evolution, rebuilt from the two years of ledger.
      await database.transaction((tx) =>
        backfillKpiSnapshots(tx, { orgId, companyId: company.id, today, defaultTerms: spec.terms }),
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // VIS-8: the group's two companies share some customers. The first ones of SERVICES are the same
  // businesses as the first ones of ATELIERS: same name, same SIREN, one external id for both.
  await database.db.execute(sql`
    with pairs as (
      select a.company_id as a_company, a.account as a_account, s.company_id as s_company, s.account as s_account,
        a.name, a.registration_number, 'GRP-' || substr(a.account, 2) as group_id
      from customers a join companies ca on ca.org_id = a.org_id and ca.id = a.company_id and ca.code = 'ATELIERS'
      join companies cs on cs.org_id = a.org_id and cs.code = 'SERVICES'
      join customers s on s.org_id = a.org_id and s.company_id = cs.id and substr(s.account, 2) = substr(a.account, 2)
      where a.org_id = ${orgId} and substr(a.account, 2)::int <= ${SHARED_CUSTOMERS}
    )
    update customers c set external_id = p.group_id,
      name = case when c.company_id = p.s_company then p.name else c.name end,
      registration_number = case when c.company_id = p.s_company then p.registration_number else c.registration_number end
    from pairs p
    where c.org_id = ${orgId} and ((c.company_id = p.a_company and c.account = p.a_account)
      or (c.company_id = p.s_company and c.account = p.s_account))`);
  // The users come last: their presence says the demo is complete.
  await database.transaction(async (tx) => {
    for (const { salesReps, ...user } of DEMO_USERS) {
      const { id } = await createUser(tx.db, { orgId, ...user, password: DEMO_PASSWORD });
      if (salesReps) {
        await tx.db.execute(
          sql`update users set portfolio = ${JSON.stringify({ salesReps, collectors: [] })}::jsonb where org_id = ${orgId} and id = ${id}`,
        );
      }
    }
  });
  return { orgId, email: DEMO_EMAIL, created: true };
}
