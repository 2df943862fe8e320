import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  mailIdParamsSchema,
  mailListQuerySchema,
  mailListSchema,
  mailMessageSchema,
} from '../../../contracts/users';
import type { AppDeps } from '../../app-deps';
import { notFound } from '../../errors/app-error';
import { findMailMessages, getMailMessage, type MailMessageRow } from '../../mail/mail-messages.queries';
import { authOf, requireUser } from '../auth/auth.guard';

const toSummary = (
  m: Pick<
    MailMessageRow,
    'id' | 'createdAt' | 'kind' | 'toAddress' | 'subject' | 'status' | 'sentAt' | 'transportReply'
  >,
) => ({
  id: m.id,
  createdAt: m.createdAt.toISOString(),
  kind: m.kind,
  to: m.toAddress,
  subject: m.subject,
  status: m.status,
  sentAt: m.sentAt?.toISOString() ?? null,
  transportReply: m.transportReply,
});

/** The emails the app wrote for the organization: the outbox without SMTP, a delivery log with it. */
export async function outboxRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const adminOnly = requireUser(deps, ['admin']);

  r.get(
    '/api/mail-messages',
    {
      preHandler: adminOnly,
      schema: { querystring: mailListQuerySchema, response: { 200: mailListSchema } },
    },
    async (request) => {
      const query = request.query;
      const page = await findMailMessages(deps.database.db, authOf(request).orgId, query);
      return {
        items: page.items.map(toSummary),
        total: page.total,
        page: query.page,
        pageSize: query.pageSize,
        isSmtp: await deps.mailer.isSmtpFor(authOf(request).orgId),
      };
    },
  );

  r.get(
    '/api/mail-messages/:id',
    { preHandler: adminOnly, schema: { params: mailIdParamsSchema, response: { 200: mailMessageSchema } } },
    async (request) => {
      const message = await getMailMessage(deps.database.db, authOf(request).orgId, request.params.id);
      if (!message) throw notFound('email');
      return {
        ...toSummary(message),
        fromName: message.fromName,
        replyTo: message.replyTo,
        text: message.textBody,
        html: message.htmlBody,
      };
    },
  );
}
