import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { organizationSettingsPatchSchema, organizationSettingsSchema } from '../../../contracts/organization';
import type { AppDeps } from '../../app-deps';
import { authOf, requireUser } from '../auth/auth.guard';
import { updateOrganizationSettings } from './organization.service';
import { getOrganizationSettings } from './organization-settings';

/** The organization's settings: every user reads them (lists need the buckets), admins change them (COL-5). */
export async function organizationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/organization/settings',
    { preHandler: requireUser(deps), schema: { response: { 200: organizationSettingsSchema } } },
    async (request) => getOrganizationSettings(deps.database.db, authOf(request).orgId),
  );
  r.patch(
    '/api/organization/settings',
    {
      preHandler: requireUser(deps, ['admin']),
      schema: { body: organizationSettingsPatchSchema, response: { 200: organizationSettingsSchema } },
    },
    async (request) =>
      updateOrganizationSettings(deps.database, authOf(request), request.body, deps.clock.today()),
  );
}
