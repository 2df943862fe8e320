import { eq } from 'drizzle-orm';
import { type OrganizationSettings, organizationSettingsSchema } from '../../../contracts/organization';
import type { Db } from '../../db/client';
import { organizations } from '../../db/schema';
import { notFound } from '../../errors/app-error';

export type { OrganizationSettings };

/** The organization's settings with every default filled in. */
export async function getOrganizationSettings(db: Db, orgId: string): Promise<OrganizationSettings> {
  const [row] = await db
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  if (!row) throw notFound('organization');
  // A stored value written by an older version and no longer valid falls back to its default.
  const parsed = organizationSettingsSchema.safeParse(row.settings);
  return parsed.success ? parsed.data : organizationSettingsSchema.parse({});
}
