import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { customerIdParamsSchema } from '../../../contracts/customer-record';
import {
  criteriaPreviewSchema,
  criteriaResultSchema,
  criteriaSchema,
  criteriaSendSchema,
  customerDunningPatchSchema,
  customerDunningSchema,
  customerRemindersSchema,
  dunningSettingsBodySchema,
  dunningSettingsQuerySchema,
  dunningSettingsSchema,
  itemsPatchSchema,
  letterBatchParamsSchema,
  manualActionSchema,
  paymentMethodBodySchema,
  paymentMethodsSchema,
  previewQuerySchema,
  previewSchema,
  profileBodySchema,
  profileDeleteQuerySchema,
  profileParamsSchema,
  profileSchema,
  profilesSchema,
  promiseBodySchema,
  promiseParamsSchema,
  sendBodySchema,
  sendResultSchema,
  taskParamsSchema,
  taskPatchSchema,
  tasksQuerySchema,
  tasksSchema,
  todoQuerySchema,
  todoSchema,
} from '../../../contracts/dunning';
import type { AppDeps } from '../../app-deps';
import { AppError, notFound } from '../../errors/app-error';
import { authOf, requireUser } from '../auth/auth.guard';
import {
  addPromise,
  cancelPromise,
  getCustomerDunning,
  getCustomerRemindersWithUsers,
  listTasks,
  patchCustomerDunning,
  patchItems,
  patchTask,
  recordManualAction,
} from './dunning-actions.service';
import { ingestDeliveryReport } from './dunning-bounces.service';
import {
  createProfile,
  deleteProfile,
  getDunningSettings,
  listPaymentMethods,
  listProfiles,
  putDunningSettings,
  setPaymentMethod,
  updateProfile,
} from './dunning-config.service';
import { findByCriteria, previewByCriteria, sendByCriteria } from './dunning-criteria.service';
import { findLetterBatchPdf } from './dunning-send.service';
import { getTodo, previewTodo, sendTodo } from './dunning-todo.service';

/**
 * Dunning over HTTP: the to-do by scenario with its preview and send (DUN-9, DUN-13), the
 * letters to print, a customer's reminders (DUN-14), and the configuration (DUN-1…DUN-4,
 * DUN-7, DUN-8, DUN-12). Viewers read; users and admins send; admins configure.
 */
export async function dunningRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const canSend = requireUser(deps, ['admin', 'user']);
  const adminOnly = requireUser(deps, ['admin']);
  const when = () => ({ today: deps.clock.today(), now: deps.clock.now() });

  r.get(
    '/api/dunning/todo',
    {
      preHandler: requireUser(deps),
      schema: { querystring: todoQuerySchema, response: { 200: todoSchema } },
    },
    (request) => getTodo(deps.database, authOf(request), request.query, when()),
  );

  r.get(
    '/api/dunning/preview',
    {
      preHandler: requireUser(deps),
      schema: { querystring: previewQuerySchema, response: { 200: previewSchema } },
    },
    (request) => previewTodo(deps.database, authOf(request), request.query, when()),
  );

  r.post(
    '/api/dunning/send',
    { preHandler: canSend, schema: { body: sendBodySchema, response: { 200: sendResultSchema } } },
    (request) => sendTodo(deps, authOf(request), request.body, when()),
  );

  r.get(
    '/api/dunning/letter-batches/:id',
    { preHandler: requireUser(deps), schema: { params: letterBatchParamsSchema } },
    async (request, reply) => {
      const pdf = await findLetterBatchPdf(deps.database, authOf(request).orgId, request.params.id);
      if (!pdf) throw notFound('letter batch');
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="letters-${request.params.id.slice(0, 8)}.pdf"`)
        .send(pdf);
    },
  );

  r.get(
    '/api/customers/:id/reminders',
    {
      preHandler: requireUser(deps),
      schema: { params: customerIdParamsSchema, response: { 200: customerRemindersSchema } },
    },
    (request) => getCustomerRemindersWithUsers(deps.database, authOf(request), request.params.id),
  );

  r.get(
    '/api/dunning/profiles',
    { preHandler: requireUser(deps), schema: { response: { 200: profilesSchema } } },
    (request) => listProfiles(deps.database.db, authOf(request).orgId),
  );

  r.post(
    '/api/dunning/profiles',
    { preHandler: adminOnly, schema: { body: profileBodySchema, response: { 200: profileSchema } } },
    (request) => createProfile(deps.database, authOf(request).orgId, request.body),
  );

  r.put(
    '/api/dunning/profiles/:id',
    {
      preHandler: adminOnly,
      schema: { params: profileParamsSchema, body: profileBodySchema, response: { 200: profileSchema } },
    },
    (request) => updateProfile(deps.database, authOf(request).orgId, request.params.id, request.body),
  );

  r.delete(
    '/api/dunning/profiles/:id',
    { preHandler: adminOnly, schema: { params: profileParamsSchema, querystring: profileDeleteQuerySchema } },
    async (request, reply) => {
      await deleteProfile(deps.database, authOf(request).orgId, request.params.id, request.query.moveTo);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/dunning/settings',
    {
      preHandler: requireUser(deps),
      schema: { querystring: dunningSettingsQuerySchema, response: { 200: dunningSettingsSchema } },
    },
    (request) => getDunningSettings(deps.database.db, authOf(request).orgId, request.query.companyId),
  );

  r.put(
    '/api/dunning/settings',
    {
      preHandler: adminOnly,
      schema: {
        querystring: dunningSettingsQuerySchema,
        body: dunningSettingsBodySchema,
        response: { 200: dunningSettingsSchema },
      },
    },
    (request) =>
      putDunningSettings(deps.database, authOf(request).orgId, request.query.companyId, request.body),
  );

  r.get(
    '/api/customers/:id/dunning',
    {
      preHandler: requireUser(deps),
      schema: { params: customerIdParamsSchema, response: { 200: customerDunningSchema } },
    },
    (request) => getCustomerDunning(deps.database, authOf(request), request.params.id, deps.clock.today()),
  );

  r.patch(
    '/api/customers/:id/dunning',
    { preHandler: canSend, schema: { params: customerIdParamsSchema, body: customerDunningPatchSchema } },
    async (request, reply) => {
      await patchCustomerDunning(
        deps.database,
        authOf(request),
        request.params.id,
        request.body,
        deps.clock.today(),
      );
      return reply.code(204).send();
    },
  );

  r.patch(
    '/api/customers/:id/dunning/items',
    { preHandler: canSend, schema: { params: customerIdParamsSchema, body: itemsPatchSchema } },
    async (request, reply) => {
      await patchItems(deps.database, authOf(request), request.params.id, request.body, deps.clock.today());
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/customers/:id/dunning/actions',
    { preHandler: canSend, schema: { params: customerIdParamsSchema, body: manualActionSchema } },
    async (request, reply) => {
      await recordManualAction(deps, authOf(request), request.params.id, request.body, deps.clock.today());
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/customers/:id/dunning/promises',
    { preHandler: canSend, schema: { params: customerIdParamsSchema, body: promiseBodySchema } },
    async (request, reply) => {
      await addPromise(deps.database, authOf(request), request.params.id, request.body, deps.clock.today());
      return reply.code(204).send();
    },
  );

  r.delete(
    '/api/customers/:id/dunning/promises/:promiseId',
    { preHandler: canSend, schema: { params: promiseParamsSchema } },
    async (request, reply) => {
      await cancelPromise(deps.database, authOf(request), request.params.id, request.params.promiseId);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/dunning/tasks',
    {
      preHandler: requireUser(deps),
      schema: { querystring: tasksQuerySchema, response: { 200: tasksSchema } },
    },
    (request) => listTasks(deps.database.db, authOf(request), request.query.status, deps.clock.today()),
  );

  r.patch(
    '/api/dunning/tasks/:id',
    { preHandler: canSend, schema: { params: taskParamsSchema, body: taskPatchSchema } },
    async (request, reply) => {
      await patchTask(deps.database, authOf(request), request.params.id, request.body, deps.clock.now());
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/dunning/criteria',
    {
      preHandler: requireUser(deps),
      schema: { querystring: criteriaSchema, response: { 200: criteriaResultSchema } },
    },
    (request) => findByCriteria(deps.database, authOf(request), request.query, deps.clock.today()),
  );

  // A POST for its nested criteria; it changes nothing, so any user may preview.
  r.post(
    '/api/dunning/criteria/preview',
    {
      preHandler: requireUser(deps),
      schema: { body: criteriaPreviewSchema, response: { 200: previewSchema } },
    },
    (request) => previewByCriteria(deps.database, authOf(request), request.body, deps.clock.today()),
  );

  r.post(
    '/api/dunning/criteria/send',
    { preHandler: canSend, schema: { body: criteriaSendSchema, response: { 200: sendResultSchema } } },
    (request) => sendByCriteria(deps, authOf(request), request.body, when()),
  );

  r.get(
    '/api/dunning/payment-methods',
    {
      preHandler: requireUser(deps),
      schema: { querystring: dunningSettingsQuerySchema, response: { 200: paymentMethodsSchema } },
    },
    (request) => listPaymentMethods(deps.database.db, authOf(request).orgId, request.query.companyId),
  );

  r.put(
    '/api/dunning/payment-methods',
    {
      preHandler: adminOnly,
      schema: {
        querystring: dunningSettingsQuerySchema,
        body: paymentMethodBodySchema,
        response: { 200: paymentMethodsSchema },
      },
    },
    (request) =>
      setPaymentMethod(deps.database.db, authOf(request).orgId, request.query.companyId, request.body),
  );

  await app.register((scope) => deliveryReportRoutes(scope, deps));
}

/**
 * `POST /api/mail/delivery-reports`: a mail server hands the app a delivery status notification
 * (RFC 3464) as it received it, with the bearer token of `ENCOURS_INBOUND_TOKEN` — e.g. from a
 * Postfix alias piping the bounce address to curl. The reminder it is about becomes `bounced`
 * and its sender is told (TPL-5, DUN-15). Without a token configured the route is not there.
 */
async function deliveryReportRoutes(app: FastifyInstance, deps: AppDeps) {
  app.addContentTypeParser(
    ['message/rfc822', 'message/delivery-status', 'text/plain', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );
  app.post('/api/mail/delivery-reports', async (request) => {
    const token = deps.config.inboundToken;
    if (!token) throw notFound('route');
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!sameSecret(given, token))
      throw new AppError('unauthenticated', 'the bearer token of ENCOURS_INBOUND_TOKEN is required');
    if (!Buffer.isBuffer(request.body) || request.body.length === 0)
      throw new AppError('invalid_input', 'body: send the delivery report as message/rfc822');
    return ingestDeliveryReport(deps, request.body);
  });
}

/** Compares two secrets in a time that does not depend on where they differ. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
