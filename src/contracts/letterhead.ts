import { z } from 'zod';
import { centsSchema } from './common';
import { postalAddressSchema } from './customer-record';

/** `/api/companies/:id/letterhead…` (TPL-4): what letters and statements print, per company. */

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
/** The largest logo accepted: a letterhead logo is a few dozen kilobytes. */
export const LOGO_MAX_BYTES = 1024 * 1024;

export const companyIdParamsSchema = z.object({ id: z.uuid() });

/** Empty text is no value: the field is left out of the letter. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

export const letterheadBodySchema = z.object({
  address: postalAddressSchema.default({}),
  phone: optionalText(40),
  email: optionalText(200),
  /** The town of "Fait à …". */
  place: optionalText(100),
  signatoryName: optionalText(100),
  signatoryTitle: optionalText(100),
  /** SAS, SARL, SA… */
  legalForm: optionalText(40),
  /** Share capital in minor units of the company's currency. */
  shareCapital: centsSchema.min(0).nullable().optional().default(null),
  siren: z
    .string()
    .trim()
    .nullable()
    .optional()
    .transform((v) => (v ? v.replace(/\s+/g, '') : null))
    .refine((v) => v === null || /^\d{9}$/.test(v), 'siren: 9 digits'),
  /** The town of the trade register (RCS Lyon). */
  rcsCity: optionalText(60),
  vatNumber: z
    .string()
    .trim()
    .nullable()
    .optional()
    .transform((v) => (v ? v.replace(/\s+/g, '').toUpperCase() : null))
    .refine(
      (v) => v === null || /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(v),
      'vatNumber: a country code then 2 to 13 letters or digits',
    ),
});
export type LetterheadBody = z.infer<typeof letterheadBodySchema>;

export const letterheadSchema = z.object({
  companyId: z.uuid(),
  companyName: z.string(),
  currency: z.string(),
  address: postalAddressSchema,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  place: z.string().nullable(),
  signatoryName: z.string().nullable(),
  signatoryTitle: z.string().nullable(),
  legalForm: z.string().nullable(),
  shareCapital: centsSchema.nullable(),
  siren: z.string().nullable(),
  rcsCity: z.string().nullable(),
  vatNumber: z.string().nullable(),
  /** The logo's type and size; its bytes at `…/letterhead/logo`. */
  logo: z.object({ type: z.enum(LOGO_TYPES), size: z.number().int() }).nullable(),
  /** The legal footer as letters print it. */
  footer: z.string(),
  updatedAt: z.string().nullable(),
});
export type LetterheadDto = z.infer<typeof letterheadSchema>;
