import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { DEFAULT_AGING_BUCKETS } from '../../../domain/receivables/aging';
import type { Db } from '../../db/client';
import { organizations } from '../../db/schema';
import { notFound } from '../../errors/app-error';

/** Aging bounds: increasing whole numbers of days ≥ 1, at most 8 of them (VIS-2). */
export const agingBoundsSchema = z
  .array(z.number().int().min(1).max(3650))
  .min(1)
  .max(8)
  .refine((bounds) => bounds.every((b, i) => i === 0 || b > bounds[i - 1]!), {
    message: 'aging bounds must increase',
  });

export const organizationSettingsSchema = z.object({
  agingBounds: agingBoundsSchema.default([...DEFAULT_AGING_BUCKETS]),
  paymentDelayFrom: z.enum(['document', 'due']).default('document'),
  groupMatchKey: z.enum(['externalId', 'registrationNumber']).default('externalId'),
});
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

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
