import type { Clock, Config } from './config';
import type { Database } from './db/client';
import type { Mailer } from './mail/mailer';
import type { ImportJobs } from './modules/imports/import-jobs';

/** Everything a request handler may use; tests build it with a throwaway database and a fixed clock. */
export interface AppDeps {
  database: Database;
  config: Config;
  clock: Clock;
  importJobs: ImportJobs;
  /** Every email goes through it: SMTP when configured, else the outbox (`mail_messages`). */
  mailer: Mailer;
}
