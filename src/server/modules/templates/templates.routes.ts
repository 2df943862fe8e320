import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addLanguageBodySchema,
  templateContentSchema,
  templateExportSchema,
  templateImportResultSchema,
  templateListSchema,
  templateParamsSchema,
  templatePreviewBodySchema,
  templatePreviewSchema,
  templateSchema,
  templateScopeQuerySchema,
} from '../../../contracts/templates';
import type { AppDeps } from '../../app-deps';
import { authOf, requireUser } from '../auth/auth.guard';
import {
  addLanguage,
  exportTemplates,
  getTemplate,
  importTemplates,
  listTemplates,
  previewTemplate,
  restoreTemplate,
  saveTemplate,
} from './templates.service';

/**
 * Reminder templates over HTTP (TPL-1…TPL-3). Every role reads and previews; admins save,
 * restore, add a language and import (COL-5). `?companyId=` works on that company's versions;
 * another organization's company or customer is a 404.
 */
export async function templatesRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reader = requireUser(deps);
  const admin = requireUser(deps, ['admin']);
  const querystring = templateScopeQuerySchema;

  r.get(
    '/api/templates',
    { preHandler: reader, schema: { querystring, response: { 200: templateListSchema } } },
    (request) => listTemplates(deps.database.db, authOf(request), request.query),
  );

  r.get(
    '/api/templates/export',
    { preHandler: reader, schema: { querystring, response: { 200: templateExportSchema } } },
    async (request, reply) => {
      const file = await exportTemplates(deps.database.db, authOf(request), request.query);
      return reply.header('content-disposition', 'attachment; filename="reminder-templates.json"').send(file);
    },
  );

  r.post(
    '/api/templates/import',
    {
      preHandler: admin,
      bodyLimit: 5 * 1024 * 1024,
      schema: { querystring, body: templateExportSchema, response: { 200: templateImportResultSchema } },
    },
    (request) => importTemplates(deps.database, authOf(request), request.query, request.body),
  );

  r.post(
    '/api/templates/languages',
    {
      preHandler: admin,
      schema: { querystring, body: addLanguageBodySchema, response: { 200: templateImportResultSchema } },
    },
    (request) =>
      addLanguage(deps.database, authOf(request), request.query, request.body.from, request.body.to),
  );

  r.post(
    '/api/templates/preview',
    {
      preHandler: reader,
      schema: { body: templatePreviewBodySchema, response: { 200: templatePreviewSchema } },
    },
    (request) => previewTemplate(deps.database.db, authOf(request), request.body, deps.clock.today()),
  );

  r.get(
    '/api/templates/:templateId/:language',
    {
      preHandler: reader,
      schema: { params: templateParamsSchema, querystring, response: { 200: templateSchema } },
    },
    (request) =>
      getTemplate(
        deps.database.db,
        authOf(request),
        request.query,
        request.params.templateId,
        request.params.language,
      ),
  );

  r.put(
    '/api/templates/:templateId/:language',
    {
      preHandler: admin,
      schema: {
        params: templateParamsSchema,
        querystring,
        body: templateContentSchema,
        response: { 200: templateSchema },
      },
    },
    (request) =>
      saveTemplate(
        deps.database,
        authOf(request),
        request.query,
        request.params.templateId,
        request.params.language,
        request.body,
      ),
  );

  r.delete(
    '/api/templates/:templateId/:language',
    { preHandler: admin, schema: { params: templateParamsSchema, querystring } },
    async (request, reply) => {
      await restoreTemplate(
        deps.database,
        authOf(request),
        request.query,
        request.params.templateId,
        request.params.language,
      );
      return reply.code(204).send();
    },
  );
}
