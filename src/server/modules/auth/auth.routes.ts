import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type Me,
  meSchema,
  SESSION_COOKIE,
  signInBodySchema,
  updateMeBodySchema,
} from '../../../contracts/auth';
import type { AppDeps } from '../../app-deps';
import { AppError } from '../../errors/app-error';
import { authOf, requireUser } from './auth.guard';
import { type AuthContext, resolveSession, signIn, signOut, updateLocale } from './auth.service';

/**
 * Sets the session cookie of a session just opened (sign-in, accepted invitation, new password)
 * and answers what `GET /api/auth/me` would, CSRF token included.
 */
export async function replyWithSession(
  deps: AppDeps,
  reply: FastifyReply,
  session: { token: string; expiresAt: Date },
): Promise<Me> {
  const auth = await resolveSession(deps.database, session.token, deps.clock.now());
  if (!auth) throw new AppError('unauthenticated', 'the session could not be opened: sign in again');
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    path: '/',
    expires: session.expiresAt,
  });
  return toMe(auth);
}

const toMe = (auth: AuthContext): Me => ({
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
          max: deps.config.signInLimitPerMinute,
          timeWindow: '1 minute',
          keyGenerator: (req) =>
            `${req.ip}:${String((req.body as { email?: unknown })?.email ?? '').toLowerCase()}`,
        },
      },
      schema: { body: signInBodySchema, response: { 200: meSchema } },
    },
    async (request, reply) => {
      const session = await signIn(deps.database, request.body, deps.clock.now());
      return replyWithSession(deps, reply, session);
    },
  );

  r.post(
    '/api/auth/sign-out',
    { preHandler: requireUser(deps), schema: { response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(deps.database, token, deps.clock.now());
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
