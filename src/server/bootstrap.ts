import { type Clock, type Config, systemClock } from './config';
import { type Database, openDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import { closeInterruptedSyncs } from './import/sync.service';

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(config: Config): Promise<{ database: Database; clock: Clock }> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  const clock = systemClock(config);
  await closeInterruptedSyncs(database, clock.now());
  return { database, clock };
}
