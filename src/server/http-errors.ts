import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type AppErrorCode } from './errors/app-error';
import { FileRejectedError } from './import/import-rows';

function statusOf(code: AppErrorCode): number {
  switch (code) {
    case 'not_found':
      return 404;
    case 'invalid_input':
    case 'import_rejected':
    case 'token_invalid':
      return 400;
    case 'invalid_credentials':
    case 'unauthenticated':
      return 401;
    case 'forbidden':
    case 'csrf_mismatch':
    case 'account_disabled':
      return 403;
    case 'conflict':
    case 'last_admin':
    case 'profile_name_taken':
    case 'profile_in_use':
    case 'default_profile':
    case 'grouping_locked':
      return 409;
    case 'token_expired':
    case 'token_used':
      return 410;
    case 'too_large':
      return 413;
    case 'rate_limited':
      return 429;
    default: {
      const unreachable: never = code;
      throw new Error(`unmapped error code ${String(unreachable)}`);
    }
  }
}

/** The one place where errors become HTTP answers `{ error: { code, message, details } }`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .code(statusOf(error.code))
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if (error instanceof FileRejectedError) {
      return reply.code(400).send({ error: { code: error.code, message: error.message } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((issue) => ({
        field: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: issue.message,
      }));
      const message = details.map((d) => `${d.field || error.validationContext}: ${d.message}`).join('; ');
      return reply.code(400).send({ error: { code: 'invalid_input', message, details } });
    }
    if (error.statusCode === 429) {
      return reply
        .code(429)
        .send({ error: { code: 'rate_limited', message: 'too many attempts: wait a minute and try again' } });
    }
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      return reply
        .code(413)
        .send({ error: { code: 'too_large', message: 'the file is larger than this server accepts' } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send({ error: { code: error.code ?? 'bad_request', message: error.message } });
    }
    request.log.error(error);
    return reply
      .code(500)
      .send({ error: { code: 'internal', message: 'something went wrong on our side; it has been logged' } });
  });
}
