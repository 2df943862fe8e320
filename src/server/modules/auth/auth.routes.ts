import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { meSchema, SESSION_COOKIE, signInBodySchema, updateMeBodySchema } from '../../../contracts/auth';
import type { AppDeps } from '../../app-deps';
import { authOf, requireUser } from './auth.guard';
import { type AuthContext, resolveSession, signIn, signOut, updateLocale } from './auth.service';

const toMe = (auth: AuthContext) => ({
  user: { id: auth.userId, email: auth.email, name: auth.name, role: auth.role, locale: auth.locale },
  organization: { id: auth.orgId, name: auth.organizationName },
  csrfToken: auth.csrfToken,
});

export async function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/auth/sign-in',
    {
      // ACC-1: rate-limited sign-in, per address and email.
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (req) =>
            `${req.ip}:${String((req.body as { email?: unknown })?.email ?? '').toLowerCase()}`,
        },
      },
      schema: { body: signInBodySchema, response: { 200: meSchema } },
    },
    async (request, reply) => {
      const now = deps.clock.now();
      const { token, expiresAt } = await signIn(deps.database, request.body, now);
      const auth = await resolveSession(deps.database, token, now);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
        path: '/',
        expires: expiresAt,
      });
      return toMe(auth!);
    },
  );

  r.post(
    '/api/auth/sign-out',
    { preHandler: requireUser(deps), schema: { response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(deps.database, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    { preHandler: requireUser(deps), schema: { response: { 200: meSchema } } },
    async (request) => toMe(authOf(request)),
  );

  r.patch(
    '/api/auth/me',
    { preHandler: requireUser(deps), schema: { body: updateMeBodySchema, response: { 200: meSchema } } },
    async (request) => {
      const auth = authOf(request);
      await updateLocale(deps.database, auth, request.body.locale);
      return toMe({ ...auth, locale: request.body.locale });
    },
  );
}
