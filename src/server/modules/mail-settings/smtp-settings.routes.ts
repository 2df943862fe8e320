import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  smtpSettingsBodySchema,
  smtpSettingsSchema,
  smtpSettingsViewSchema,
  smtpTestBodySchema,
  smtpTestResultSchema,
} from '../../../contracts/mail-settings';
import type { AppDeps } from '../../app-deps';
import { AppError } from '../../errors/app-error';
import { authOf, requireUser } from '../auth/auth.guard';
import {
  deleteSmtpSettings,
  getSmtpSettings,
  saveSmtpSettings,
  sendTestEmail,
} from './smtp-settings.service';

/** Settings › Email (TPL-5): the organization's own mail server, for admins only. */
export async function smtpSettingsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const adminOnly = requireUser(deps, ['admin']);
  const box = () => {
    const servers = deps.mailer.organizationServers;
    if (!servers) throw new AppError('invalid_input', 'settings: this server cannot keep secrets');
    return servers.secretBox;
  };

  r.get(
    '/api/settings/smtp',
    { preHandler: adminOnly, schema: { response: { 200: smtpSettingsViewSchema } } },
    async (request) => ({
      settings: await getSmtpSettings(deps.database.db, authOf(request).orgId),
      hasServerDefault: deps.config.smtp !== null,
    }),
  );

  r.put(
    '/api/settings/smtp',
    {
      preHandler: adminOnly,
      schema: { body: smtpSettingsBodySchema, response: { 200: smtpSettingsSchema } },
    },
    (request) => saveSmtpSettings({ db: deps.database.db, box: box() }, authOf(request), request.body),
  );

  r.delete('/api/settings/smtp', { preHandler: adminOnly }, async (request, reply) => {
    await deleteSmtpSettings(deps.database.db, deps.mailer, authOf(request).orgId);
    return reply.code(204).send();
  });

  r.post(
    '/api/settings/smtp/test',
    {
      preHandler: adminOnly,
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { body: smtpTestBodySchema, response: { 200: smtpTestResultSchema } },
    },
    (request) =>
      sendTestEmail({ db: deps.database.db, mailer: deps.mailer }, authOf(request), request.body.to),
  );
}
