import { and, asc, eq } from 'drizzle-orm';
import type { CreateCompanyBody } from '../../../contracts/companies';
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
