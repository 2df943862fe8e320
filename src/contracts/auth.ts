import { z } from 'zod';

export const USER_ROLES = ['admin', 'user', 'viewer'] as const;
export const userRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof userRoleSchema>;

export const LOCALES = ['fr', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const signInBodySchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const currentUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: userRoleSchema,
  locale: localeSchema,
});

export const meSchema = z.object({
  user: currentUserSchema,
  organization: z.object({ id: z.uuid(), name: z.string() }),
  /** Echo this in the `x-csrf-token` header of every request that changes something. */
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;

/** What a user may change of their own profile (ACC-4: the interface language is per user). */
export const updateMeBodySchema = z.object({ locale: localeSchema });
export type UpdateMeBody = z.infer<typeof updateMeBodySchema>;

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'encours_session';
