import { z } from 'zod';
import { templateLanguageSchema } from './templates';

/** Aging bounds: increasing whole numbers of days ≥ 1, at most 8 (VIS-2). */
export const agingBoundsSchema = z
  .array(z.number().int().min(1).max(3650))
  .min(1)
  .max(8)
  .refine((bounds) => bounds.every((b, i) => i === 0 || b > bounds[i - 1]!), {
    message: 'aging bounds must increase',
  });

export const organizationSettingsSchema = z.object({
  agingBounds: agingBoundsSchema.default([30, 60, 90]),
  /** VIS-11: the average payment delay counts from the document date or from the due date. */
  paymentDelayFrom: z.enum(['document', 'due']).default('document'),
  /** VIS-8: the same customer across companies shares its external id or its registration number. */
  groupMatchKey: z.enum(['externalId', 'registrationNumber']).default('externalId'),
  /** TPL-1: reminders to a customer whose language has no template are in this one, else French. */
  templateLanguage: templateLanguageSchema.default('fr'),
});
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

export const organizationSettingsPatchSchema = z
  .object({
    agingBounds: agingBoundsSchema,
    paymentDelayFrom: z.enum(['document', 'due']),
    groupMatchKey: z.enum(['externalId', 'registrationNumber']),
    templateLanguage: templateLanguageSchema,
  })
  .partial();
export type OrganizationSettingsPatch = z.infer<typeof organizationSettingsPatchSchema>;
