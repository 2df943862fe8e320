import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  companyIdParamsSchema,
  LOGO_MAX_BYTES,
  letterheadBodySchema,
  letterheadSchema,
} from '../../../contracts/letterhead';
import type { AppDeps } from '../../app-deps';
import { PDF_LANGUAGES } from '../../documents/pdf-page';
import { AppError } from '../../errors/app-error';
import { authOf, requireUser } from '../auth/auth.guard';
import {
  getLetterhead,
  getLetterheadLogo,
  renderLetterheadPreview,
  saveLetterhead,
  saveLetterheadLogo,
} from './letterhead.service';

/** The company's letterhead (TPL-4): admins only (COL-5), another organization's company is a 404. */
export async function letterheadRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = requireUser(deps, ['admin']);
  const params = companyIdParamsSchema;

  r.get(
    '/api/companies/:id/letterhead',
    { preHandler: admin, schema: { params, response: { 200: letterheadSchema } } },
    (request) => getLetterhead(deps.database, authOf(request), request.params.id),
  );

  r.put(
    '/api/companies/:id/letterhead',
    {
      preHandler: admin,
      schema: { params, body: letterheadBodySchema, response: { 200: letterheadSchema } },
    },
    (request) => saveLetterhead(deps.database, authOf(request), request.params.id, request.body),
  );

  r.put(
    '/api/companies/:id/letterhead/logo',
    { preHandler: admin, schema: { params, response: { 200: letterheadSchema } } },
    async (request) => {
      const auth = authOf(request);
      if (!request.isMultipart())
        throw new AppError('invalid_input', 'logo: send the image as multipart/form-data');
      const file = await request.file({ limits: { fileSize: LOGO_MAX_BYTES, files: 1 } });
      if (!file) throw new AppError('invalid_input', 'logo: no file was sent');
      let data: Buffer;
      try {
        data = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('too_large', `logo: at most ${LOGO_MAX_BYTES / 1024} KB`);
        throw error;
      }
      return saveLetterheadLogo(deps.database, auth, request.params.id, data);
    },
  );

  r.delete(
    '/api/companies/:id/letterhead/logo',
    { preHandler: admin, schema: { params, response: { 200: letterheadSchema } } },
    (request) => saveLetterheadLogo(deps.database, authOf(request), request.params.id, null),
  );

  r.get(
    '/api/companies/:id/letterhead/logo',
    { preHandler: admin, schema: { params } },
    async (request, reply) => {
      const logo = await getLetterheadLogo(deps.database, authOf(request), request.params.id);
      // An uploaded SVG is shown as an image, never run as a page: no script, no request.
      return reply
        .header('content-type', logo.type)
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(logo.data);
    },
  );

  r.get(
    '/api/companies/:id/letterhead/preview.pdf',
    {
      preHandler: admin,
      schema: { params, querystring: z.object({ language: z.enum(PDF_LANGUAGES).default('fr') }) },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const pdf = await renderLetterheadPreview(
        deps.database,
        auth,
        request.params.id,
        request.query.language,
        deps.clock.today(),
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'inline; filename="letterhead-preview.pdf"')
        .header('cache-control', 'private, no-cache')
        .send(pdf);
    },
  );
}
