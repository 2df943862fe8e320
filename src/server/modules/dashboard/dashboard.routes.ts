import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps';

/** Registered in app.ts; the routes come with their feature. */
export async function dashboardRoutes(_app: FastifyInstance, _deps: AppDeps) {}
