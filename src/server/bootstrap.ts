import { type Clock, type Config, systemClock } from './config';
import { type Database, openDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import { closeInterruptedSyncs } from './import/sync.service';

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(config: Config): Promise<{ database: Database; clock: Clock }> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  const clock = systemClock(config);
  // On a shared server, an import still running elsewhere is not closed before it is old.
  await closeInterruptedSyncs(database, clock.now(), database.kind === 'pglite' ? 0 : 6 * 3600_000);
  return { database, clock };
}
