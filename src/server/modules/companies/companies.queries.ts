import { and, asc, eq, sql } from 'drizzle-orm';
import type { CreateCompanyBody } from '../../../contracts/companies';
import { formatTerms, parseTerms } from '../../../domain/terms';
import type { Db } from '../../db/client';
import { companies } from '../../db/schema';
import { AppError, notFound } from '../../errors/app-error';

export function findCompanies(db: Db, orgId: string) {
  return db.select().from(companies).where(eq(companies.orgId, orgId)).orderBy(asc(companies.code));
}

/** The company of that organization, or a 404: another tenant's company does not exist here. */
export async function getCompanyOrThrow(db: Db, orgId: string, companyId: string) {
  const [company] = await db
    .select()
    .from(companies)
    .where(and(eq(companies.orgId, orgId), eq(companies.id, companyId)));
  if (!company) throw notFound('company');
  return company;
}

export async function getCompanyByCodeOrThrow(db: Db, orgId: string, code: string) {
  const [company] = await db
    .select()
    .from(companies)
    .where(and(eq(companies.orgId, orgId), eq(companies.code, code)));
  if (!company) throw new AppError('not_found', `no company with the code ${code}`);
  return company;
}

export async function createCompany(db: Db, orgId: string, input: CreateCompanyBody) {
  const existing = await db
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.orgId, orgId), eq(companies.code, input.code)));
  if (existing.length > 0)
    throw new AppError('conflict', `a company with the code ${input.code} already exists`);
  const [company] = await db
    .insert(companies)
    .values({ orgId, ...input })
    .returning();
  return company!;
}

export const toCompanyDto = (c: typeof companies.$inferSelect) => ({
  id: c.id,
  code: c.code,
  name: c.name,
  currency: c.currency,
  defaultTerms: c.defaultTerms,
  receivablePrefixes: c.receivablePrefixes,
});

/**
 * Locks the company row until the end of the transaction: two imports, or an import and a
 * refresh of its summaries, of one company then run one after the other, never interleaved.
 */
export async function lockCompany(db: Db, orgId: string, companyId: string): Promise<void> {
  await db.execute(sql`select 1 from companies where org_id = ${orgId} and id = ${companyId} for update`);
}

/** Creates a company from checked input, its terms in canonical form (IMP-4). */
export async function createCompanyChecked(db: Db, orgId: string, input: CreateCompanyBody) {
  const terms = parseTerms(input.defaultTerms);
  if (!terms)
    throw new AppError('invalid_input', `defaultTerms: '${input.defaultTerms}' is not a payment term`);
  return createCompany(db, orgId, { ...input, defaultTerms: formatTerms(terms) });
}
