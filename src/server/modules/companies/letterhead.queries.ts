import { and, eq, sql } from 'drizzle-orm';
import type { LetterheadBody } from '../../../contracts/letterhead';
import type { Db } from '../../db/client';
import { companies, companyLetterheads, type LogoType } from '../../db/schema';
import type { Letterhead } from '../../documents/pdf-page';

export type LetterheadRow = typeof companyLetterheads.$inferSelect;

/** The company's letterhead row, `null` before an admin saved one. */
export async function getLetterheadRow(
  db: Db,
  orgId: string,
  companyId: string,
): Promise<LetterheadRow | null> {
  const [row] = await db
    .select()
    .from(companyLetterheads)
    .where(and(eq(companyLetterheads.orgId, orgId), eq(companyLetterheads.companyId, companyId)));
  return row ?? null;
}

/**
 * What letters and statements print for a company: its letterhead, or its name alone when no
 * letterhead was saved.
 * @example const letterhead = await loadLetterhead(db, orgId, companyId); // { companyName: 'ACME', … }
 */
export async function loadLetterhead(db: Db, orgId: string, companyId: string): Promise<Letterhead> {
  const [company] = await db
    .select({ name: companies.name, currency: companies.currency })
    .from(companies)
    .where(and(eq(companies.orgId, orgId), eq(companies.id, companyId)));
  const row = await getLetterheadRow(db, orgId, companyId);
  return toLetterhead(company?.name ?? '', company?.currency ?? 'EUR', row);
}

export function toLetterhead(companyName: string, currency: string, row: LetterheadRow | null): Letterhead {
  return {
    companyName,
    currency,
    address: row?.address ?? {},
    phone: row?.phone,
    email: row?.email,
    place: row?.place,
    signatoryName: row?.signatoryName,
    signatoryTitle: row?.signatoryTitle,
    legalForm: row?.legalForm,
    shareCapital: row?.shareCapital,
    siren: row?.siren,
    rcsCity: row?.rcsCity,
    vatNumber: row?.vatNumber,
    logo: row?.logo && row.logoType ? { type: row.logoType, data: row.logo } : null,
  };
}

/** Saves the letterhead's text fields; the logo is left as it is. */
export async function upsertLetterhead(db: Db, orgId: string, companyId: string, body: LetterheadBody) {
  const values = {
    address: body.address,
    phone: body.phone,
    email: body.email,
    place: body.place,
    signatoryName: body.signatoryName,
    signatoryTitle: body.signatoryTitle,
    legalForm: body.legalForm,
    shareCapital: body.shareCapital,
    siren: body.siren,
    rcsCity: body.rcsCity,
    vatNumber: body.vatNumber,
    updatedAt: sql`now()`,
  };
  await db
    .insert(companyLetterheads)
    .values({ orgId, companyId, ...values })
    .onConflictDoUpdate({ target: [companyLetterheads.orgId, companyLetterheads.companyId], set: values });
}

/** Sets (or with `null`, removes) the logo. */
export async function setLetterheadLogo(
  db: Db,
  orgId: string,
  companyId: string,
  logo: { data: Buffer; type: LogoType } | null,
): Promise<void> {
  const values = { logo: logo?.data ?? null, logoType: logo?.type ?? null, updatedAt: sql`now()` };
  await db
    .insert(companyLetterheads)
    .values({ orgId, companyId, ...values })
    .onConflictDoUpdate({ target: [companyLetterheads.orgId, companyLetterheads.companyId], set: values });
}
