import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { meSchema } from '../../../contracts/auth';
import {
  acceptInvitationBodySchema,
  linkPreviewSchema,
  linkTokenBodySchema,
  passwordResetConfirmBodySchema,
  passwordResetRequestBodySchema,
  passwordResetRequestedSchema,
} from '../../../contracts/users';
import type { AppDeps } from '../../app-deps';
import { replyWithSession } from '../auth/auth.routes';
import {
  acceptInvitation,
  confirmPasswordReset,
  previewLink,
  requestPasswordReset,
} from './account-links.service';

/** Links are 32 random bytes, out of reach of guessing; the limit keeps the routes cheap anyway. */
const LINK_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/** ACC-1: what the emailed links open, before anyone is signed in (no session, so no CSRF token). */
export async function accountLinkRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/invitation/preview',
    { config: LINK_LIMIT, schema: { body: linkTokenBodySchema, response: { 200: linkPreviewSchema } } },
    async (request) => previewLink(deps, request.body.token, 'invitation'),
  );

  r.post(
    '/api/auth/invitation/accept',
    { config: LINK_LIMIT, schema: { body: acceptInvitationBodySchema, response: { 200: meSchema } } },
    async (request, reply) => replyWithSession(deps, reply, await acceptInvitation(deps, request.body)),
  );

  r.post(
    '/api/auth/password-reset/request',
    {
      // Limited like sign-in, per address and email (ACC-1).
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (req) =>
            `reset:${req.ip}:${String((req.body as { email?: unknown })?.email ?? '').toLowerCase()}`,
        },
      },
      schema: { body: passwordResetRequestBodySchema, response: { 202: passwordResetRequestedSchema } },
    },
    async (request, reply) => {
      const pending = await requestPasswordReset(deps, request.body.email);
      // Sent after the answer: how long the mail server takes must not tell whether the address exists.
      // A refusal is recorded on the message (`failed`, with the server's reply) and logged.
      pending?.deliver().catch((error: unknown) => request.log.error(error, 'password-reset email failed'));
      return reply.code(202).send({ accepted: true as const });
    },
  );

  r.post(
    '/api/auth/password-reset/preview',
    { config: LINK_LIMIT, schema: { body: linkTokenBodySchema, response: { 200: linkPreviewSchema } } },
    async (request) => previewLink(deps, request.body.token, 'password_reset'),
  );

  r.post(
    '/api/auth/password-reset/confirm',
    { config: LINK_LIMIT, schema: { body: passwordResetConfirmBodySchema, response: { 200: meSchema } } },
    async (request, reply) => replyWithSession(deps, reply, await confirmPasswordReset(deps, request.body)),
  );
}
