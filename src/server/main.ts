import { buildApp } from './app';
import { openMigratedDatabase } from './bootstrap';
import { loadConfig } from './config';
import { DEMO_PASSWORD, ensureDemoOrganization } from './demo/seed';
import { startNightlyDunning } from './jobs/nightly-dunning';
import { createMailer } from './mail/mailer';
import { ImportJobs, sweepUploads } from './modules/imports/import-jobs';

/** config → database → migrations → demo seed → listen. */
export async function serve(options: { demo?: boolean } = {}): Promise<void> {
  const config = loadConfig();
  const { database, clock } = await openMigratedDatabase(config);
  const where = database.kind === 'pglite' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL server';
  if (options.demo ?? config.demo) {
    const demo = await ensureDemoOrganization(database, clock, { log: (line) => console.log(line) });
    console.log(`Demo organization ready. Sign in as ${demo.email} / ${DEMO_PASSWORD}`);
  }
  await sweepUploads(config.uploadDir, clock.now());
  const importJobs = new ImportJobs(database, clock);
  const mailer = createMailer(database, clock, config);
  const app = await buildApp(
    { database, config, clock, importJobs, mailer },
    { logger: config.logLevel === 'silent' ? false : { level: config.logLevel } },
  );
  const nightly = config.nightlyDunning
    ? startNightlyDunning({ database, mailer, clock }, (line) => console.log(line))
    : null;
  const shutdown = async () => {
    nightly?.stop();
    await app.close();
    await importJobs.idle();
    mailer.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Encours is running on http://localhost:${config.port} (${where}, today is ${clock.today()})`);
  console.log(
    config.smtp
      ? `Emails are sent by SMTP; links in them point to ${config.publicUrl}`
      : 'No SMTP server configured (ENCOURS_SMTP_URL): emails wait in the outbox, under Settings',
  );
}
