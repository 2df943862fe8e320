import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps';
import { registerErrorHandler } from './http-errors';
import { activitiesRoutes } from './modules/activities/activities.routes';
import { alertsRoutes } from './modules/alerts/alerts.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { companiesRoutes } from './modules/companies/companies.routes';
import { customerRecordRoutes } from './modules/customer-record/customer-record.routes';
import { customersRoutes } from './modules/customers/customers.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { dueDatesRoutes } from './modules/due-dates/due-dates.routes';
import { dunningRoutes } from './modules/dunning/dunning.routes';
import { healthRoutes } from './modules/health/health.routes';
import { importsRoutes } from './modules/imports/imports.routes';
import { smtpSettingsRoutes } from './modules/mail-settings/smtp-settings.routes';
import { organizationRoutes } from './modules/organizations/organization.routes';
import { templatesRoutes } from './modules/templates/templates.routes';
import { usersRoutes } from './modules/users/users.routes';

const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Builds the HTTP application; it never listens (tests call `app.inject`). */
export async function buildApp(
  deps: AppDeps,
  options: { logger?: boolean | object } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For is believed only from a configured proxy: else any client could pick its
    // address and slip past the sign-in limit.
    trustProxy: deps.config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('auth', null);
  registerErrorHandler(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
    // Let the app be served over plain HTTP on a laptop without the browser forcing HTTPS.
    hsts: deps.config.secureCookies,
  });
  await app.register(fastifyCookie);
  // preHandler: the sign-in limit is keyed by the email of the parsed body (ACC-1).
  await app.register(fastifyRateLimit, { global: false, hook: 'preHandler' });
  await app.register(fastifyMultipart, {
    limits: { fileSize: deps.config.uploadLimitBytes, files: 1, fields: 10 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Encours API',
        description: 'Accounts-receivable follow-up and dunning',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });

  await app.register(async (scope) => {
    await healthRoutes(scope, deps);
    await authRoutes(scope, deps);
    await companiesRoutes(scope, deps);
    await importsRoutes(scope, deps);
    await customersRoutes(scope, deps);
    await customerRecordRoutes(scope, deps);
    await dunningRoutes(scope, deps);
    await dashboardRoutes(scope, deps);
    await dueDatesRoutes(scope, deps);
    await alertsRoutes(scope, deps);
    await activitiesRoutes(scope, deps);
    await usersRoutes(scope, deps);
    await organizationRoutes(scope, deps);
    await templatesRoutes(scope, deps);
    await smtpSettingsRoutes(scope, deps);
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (existsSync(webRoot)) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webRoot, wildcard: true });
    // The web app routes on the client: any page address answers its index.
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/') || request.method !== 'GET') {
        return reply
          .code(404)
          .send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url}` } });
      }
      return reply.sendFile('index.html');
    });
  }
  return app;
}
