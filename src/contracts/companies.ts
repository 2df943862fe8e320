import { z } from 'zod';

export const companySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  currency: z.string().length(3),
  defaultTerms: z.string(),
  receivablePrefixes: z.array(z.string()),
});
export type Company = z.infer<typeof companySchema>;

export const companyListSchema = z.object({ companies: z.array(companySchema) });

export const createCompanyBodySchema = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  name: z.string().trim().min(1).max(200),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/)
    .default('EUR'),
  defaultTerms: z.string().trim().min(1).default('30 days net'),
  receivablePrefixes: z.array(z.string().regex(/^\d+$/, 'digits only')).min(1).default(['411', '416']),
});
export type CreateCompanyBody = z.infer<typeof createCompanyBodySchema>;
