import { Cron } from 'croner';
import { sql } from 'drizzle-orm';
import type { Clock } from '../config';
import { type Database, selectRows } from '../db/client';
import type { Mailer } from '../mail/mailer';
import { retryDeferredReminders } from '../modules/dunning/dunning-retry.service';
import {
  claimNightlyRun,
  type DunningRunReport,
  finishNightlyRun,
  runDunning,
} from '../modules/dunning/dunning-run.service';

/**
 * The nightly dunning (DUN-12): every minute, each company whose automation time has come in
 * its time zone gets its run for the day, once, and the deferred emails due are tried again — the first instance to insert the day's
 * `dunning_runs` row runs it, so several app instances on one PostgreSQL share the work.
 */

export interface NightlyDeps {
  database: Database;
  mailer: Mailer;
  clock: Clock;
}

const DEFAULT_TIME = '02:00';

/** `HH:MM` of `now` in `timeZone`. */
function localTime(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
}

/**
 * Runs what is due at `now` and returns the reports of the runs this caller took.
 * @example await runDueNightlyRuns({ database, mailer, clock }, new Date())
 */
export async function runDueNightlyRuns(
  deps: NightlyDeps,
  now: Date,
  log: (line: string) => void = () => undefined,
): Promise<DunningRunReport[]> {
  const companies = await selectRows<{
    org_id: string;
    company_id: string;
    code: string;
    automation_time: string | null;
    time_zone: string | null;
    has_settings: boolean;
  }>(
    deps.database.db,
    sql`select co.org_id, co.id as company_id, co.code, s.automation_time, s.time_zone,
        s.company_id is not null as has_settings
      from companies co
        left join company_dunning_settings s on s.org_id = co.org_id and s.company_id = co.id
      order by co.org_id, co.code`,
  );
  const today = deps.clock.today();
  const reports: DunningRunReport[] = [];
  for (const c of companies) {
    const time = c.has_settings ? c.automation_time : DEFAULT_TIME;
    if (time === null) continue;
    if (localTime(now, c.time_zone ?? 'Europe/Paris') < time) continue;
    const key = { orgId: c.org_id, companyId: c.company_id };
    if (!(await claimNightlyRun(deps.database, key, today, now))) continue;
    const report = await runDunning(deps, { orgId: c.org_id, companyCode: c.code, today, now });
    await finishNightlyRun(deps.database, key, today, report, deps.clock.now());
    log(
      `nightly dunning ${c.code} ${today}: ${report.reminders.length} reminders${report.freshness.alert ? ` — ${report.freshness.alert}` : ''}`,
    );
    reports.push(report);
  }
  return reports;
}

/**
 * Starts the minute tick in the server. A tick still running when the next comes is skipped
 * (`protect`); an error is logged and the next tick tries again.
 */
export function startNightlyDunning(deps: NightlyDeps, log: (line: string) => void): { stop(): void } {
  const job = new Cron('* * * * *', { protect: true }, async () => {
    try {
      await runDueNightlyRuns(deps, deps.clock.now(), log);
    } catch (error) {
      log(`nightly dunning failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Emails a server refused for now go again when their time comes (TPL-5).
    try {
      const retried = await retryDeferredReminders(deps, deps.clock.now(), deps.clock.today());
      if (retried.sent + retried.deferred + retried.failed > 0)
        log(`reminder retries: ${retried.sent} sent, ${retried.deferred} deferred, ${retried.failed} failed`);
    } catch (error) {
      log(`reminder retries failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return { stop: () => job.stop() };
}
