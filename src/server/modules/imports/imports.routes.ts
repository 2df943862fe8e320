import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  importStatusSchema,
  startImportBodySchema,
  syncDetailSchema,
  syncExportQuerySchema,
  syncListQuerySchema,
  syncListSchema,
  uploadQuerySchema,
  uploadSchema,
} from '../../../contracts/imports';
import type { AppDeps } from '../../app-deps';
import { syncs } from '../../db/schema';
import { sendTableExport } from '../../documents/send-table-export';
import { AppError, notFound } from '../../errors/app-error';
import type { ColumnMapping } from '../../import/tabular/column-mapping';
import { authOf, requireUser } from '../auth/auth.guard';
import { getCompanyOrThrow } from '../companies/companies.queries';
import { findSyncs, getSync } from './imports.queries';
import { describeUpload, loadSavedMapping, saveMapping, toColumnMapping } from './imports.service';
import { syncsTable } from './syncs-export';

const ACTORS = ['admin', 'user'] as const;

export async function importsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/uploads',
    {
      preHandler: requireUser(deps, ACTORS),
      schema: { querystring: uploadQuerySchema, response: { 201: uploadSchema } },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { companyId, source } = request.query;
      await getCompanyOrThrow(deps.database.db, auth.orgId, companyId);
      const file = await request.file();
      if (!file) throw new AppError('invalid_input', 'file: no file was sent');
      await mkdir(deps.config.uploadDir, { recursive: true });
      const id = randomUUID();
      const path = join(deps.config.uploadDir, id);
      // A transfer cut short leaves no partial file behind.
      await pipeline(file.file, createWriteStream(path)).catch(async (error: unknown) => {
        await rm(path, { force: true });
        throw error;
      });
      if (file.file.truncated) {
        await rm(path, { force: true });
        throw new AppError(
          'too_large',
          `${file.filename}: the file is larger than ${deps.config.uploadLimitBytes / 1024 / 1024} MB`,
        );
      }
      try {
        const saved = await loadSavedMapping(deps.database.db, auth.orgId, companyId, source);
        const described = await describeUpload(path, source, saved);
        const upload = deps.importJobs.addUpload({
          id,
          orgId: auth.orgId,
          companyId,
          source,
          path,
          fileName: file.filename,
          size: described.size,
        });
        return reply.code(201).send({ uploadId: upload.id, fileName: upload.fileName, ...described });
      } catch (error) {
        await rm(path, { force: true });
        throw error;
      }
    },
  );

  r.post(
    '/api/imports',
    {
      preHandler: requireUser(deps, ACTORS),
      schema: { body: startImportBodySchema, response: { 202: z.object({ importId: z.uuid() }) } },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const body = request.body;
      await getCompanyOrThrow(deps.database.db, auth.orgId, body.companyId);
      const upload = deps.importJobs.getUpload(auth.orgId, body.uploadId);
      if (!upload || upload.companyId !== body.companyId || upload.source !== body.source)
        throw notFound('upload');
      let mapping: ColumnMapping | null | undefined;
      if (body.source !== 'fec') {
        mapping = body.mapping
          ? toColumnMapping(body.source, body.mapping)
          : await loadSavedMapping(deps.database.db, auth.orgId, body.companyId, body.source);
        if (body.mapping && body.saveMapping && mapping) {
          await saveMapping(deps.database.db, {
            orgId: auth.orgId,
            companyId: body.companyId,
            userId: auth.userId,
            mapping,
          });
        }
      }
      const importId = deps.importJobs.start(upload, { userId: auth.userId, mapping: mapping ?? undefined });
      return reply.code(202).send({ importId });
    },
  );

  r.get(
    '/api/imports/:id',
    {
      preHandler: requireUser(deps),
      schema: { params: z.object({ id: z.uuid() }), response: { 200: importStatusSchema } },
    },
    async (request) => {
      const auth = authOf(request);
      const live = deps.importJobs.getStatus(auth.orgId, request.params.id);
      if (live) return live;
      const [row] = await deps.database.db
        .select()
        .from(syncs)
        .where(and(eq(syncs.orgId, auth.orgId), eq(syncs.id, request.params.id)));
      if (!row) throw notFound('import');
      const [first, ...lineErrors] = row.errors as [
        { message?: string; code?: string }?,
        ...z.infer<typeof importStatusSchema>['errors'],
      ];
      return {
        id: row.id,
        companyId: row.companyId,
        source: row.source,
        fileName: row.fileName,
        status: row.status,
        progress: {
          phase: row.status === 'running' ? ('reading' as const) : ('done' as const),
          bytesRead: 0,
          totalBytes: 0,
          lines: Number(row.report.lines ?? 0),
        },
        report:
          row.status === 'succeeded' ? (row.report as z.infer<typeof importStatusSchema>['report']) : null,
        message: first?.message ?? null,
        messageCode: first?.code ?? null,
        errors: lineErrors,
        startedAt: row.startedAt.toISOString(),
        finishedAt: row.finishedAt?.toISOString() ?? null,
      };
    },
  );

  r.get(
    '/api/syncs',
    {
      preHandler: requireUser(deps),
      schema: { querystring: syncListQuerySchema, response: { 200: syncListSchema } },
    },
    async (request) => {
      const auth = authOf(request);
      const query = request.query;
      if (query.companyId) await getCompanyOrThrow(deps.database.db, auth.orgId, query.companyId);
      const { items, total } = await findSyncs(deps.database.db, auth.orgId, query);
      return { syncs: items, total, page: query.page, pageSize: query.pageSize };
    },
  );

  r.get(
    '/api/syncs/export',
    { preHandler: requireUser(deps), schema: { querystring: syncExportQuerySchema } },
    async (request, reply) => {
      const auth = authOf(request);
      const { format, ...query } = request.query;
      if (query.companyId) await getCompanyOrThrow(deps.database.db, auth.orgId, query.companyId);
      return sendTableExport(
        reply,
        syncsTable(deps.database.db, auth.orgId, query, {
          format,
          locale: auth.locale,
          today: deps.clock.today(),
        }),
      );
    },
  );

  r.get(
    '/api/syncs/:id',
    {
      preHandler: requireUser(deps),
      schema: { params: z.object({ id: z.uuid() }), response: { 200: syncDetailSchema } },
    },
    async (request) => {
      const sync = await getSync(deps.database.db, authOf(request).orgId, request.params.id);
      if (!sync) throw notFound('sync');
      return sync;
    },
  );
}
