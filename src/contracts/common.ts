import { z } from 'zod';

export const uuidSchema = z.uuid();
export const calendarDateSchema = z.iso.date();
/** Money in minor units (cents), a safe integer. */
export const centsSchema = z.number().int();

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** The body of every error answer: a stable code, a sentence for the user, details when useful. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
