import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE, type UserRole } from '../../../contracts/auth';
import type { AppDeps } from '../../app-deps';
import { AppError } from '../../errors/app-error';
import { type AuthContext, resolveSession } from './auth.service';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A preHandler that requires a signed-in user with one of `roles`, and for changes the CSRF
 * token of the session in the `x-csrf-token` header (ACC-1).
 */
export function requireUser(deps: AppDeps, roles: readonly UserRole[] = ['admin', 'user', 'viewer']) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE];
    const auth = token ? await resolveSession(deps.database, token, deps.clock.now()) : null;
    if (!auth) throw new AppError('unauthenticated', 'please sign in');
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== auth.csrfToken) {
      throw new AppError('csrf_mismatch', 'the page is out of date: reload it and try again');
    }
    if (!roles.includes(auth.role))
      throw new AppError('forbidden', `this needs the role ${roles.join(' or ')}`);
    request.auth = auth;
  };
}

/** The caller, once `requireUser` ran. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('unauthenticated', 'please sign in');
  return request.auth;
}
