import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps';

/** Registered in app.ts; the routes come with their feature. */
export async function alertsRoutes(_app: FastifyInstance, _deps: AppDeps) {}
