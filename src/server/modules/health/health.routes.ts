import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps';

export async function healthRoutes(app: FastifyInstance, deps: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            today: z.string(),
            demo: z.boolean(),
          }),
        },
      },
    },
    async () => {
      await deps.database.db.execute(sql`select 1`);
      return {
        status: 'ok' as const,
        database: deps.database.kind,
        today: deps.clock.today(),
        demo: deps.config.demo,
      };
    },
  );
}
