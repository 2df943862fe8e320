import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { eq, or, sql } from 'drizzle-orm';
import { USER_ROLES, type UserRole } from '../contracts/auth';
import { createCompanyBodySchema } from '../contracts/companies';
import { centsToDecimal } from '../domain/money';
import { openMigratedDatabase } from './bootstrap';
import { loadConfig } from './config';
import type { Database } from './db/client';
import { organizations } from './db/schema';
import { DEMO_PASSWORD, ensureDemoOrganization } from './demo/seed';
import { AppError } from './errors/app-error';
import { runSync, type SyncOutcome } from './import/sync.service';
import type { ImportProgress } from './import/sync-context';
import { columnMappingSchema, TABLE_KINDS, type TableKind } from './import/tabular/column-mapping';
import { createMailer } from './mail/mailer';
import { createUser } from './modules/auth/auth.service';
import { createCompanyChecked, getCompanyByCodeOrThrow } from './modules/companies/companies.queries';
import { ingestDeliveryReport } from './modules/dunning/dunning-bounces.service';
import { type DunningRunReport, runDunning } from './modules/dunning/dunning-run.service';
import { findLetterBatchPdf } from './modules/dunning/dunning-send.service';
import {
  parseReportDate,
  WHO_OWES_WHAT_FORMATS,
  type WhoOwesWhatFormat,
  writeKpisReport,
  writeWhoOwesWhatReport,
} from './modules/reports/reports.service';

async function withDatabase<T>(
  fn: (database: Database, clock: { now(): Date; today(): string }) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const { database, clock } = await openMigratedDatabase(config);
  try {
    return await fn(database, clock);
  } finally {
    await database.close();
  }
}

/**
 * The organization a command acts on: `--org` (id or name), else the only one there is. With
 * `create`, an empty instance gets its first organization (ACC-2).
 */
async function resolveOrg(database: Database, org: string | undefined, create = false): Promise<string> {
  const isUuid = org && /^[0-9a-f-]{36}$/i.test(org);
  const rows = await database.db
    .select()
    .from(organizations)
    .where(
      org
        ? isUuid
          ? or(eq(organizations.id, org), eq(organizations.name, org))
          : eq(organizations.name, org)
        : sql`true`,
    );
  if (rows.length === 1) return rows[0]!.id;
  // Only an empty instance gets a new organization: a mistyped --org must not create one.
  const isEmpty =
    rows.length === 0 && (!org || (await database.db.select().from(organizations).limit(1)).length === 0);
  if (isEmpty && create) {
    const [created] = await database.db
      .insert(organizations)
      .values({ name: org ?? 'Encours' })
      .returning();
    console.error(`Created the organization ${created!.name}.`);
    return created!.id;
  }
  if (rows.length === 0)
    throw new AppError(
      'not_found',
      org ? `no organization ${org}` : 'no organization yet: run `encours user add` first',
    );
  throw new AppError(
    'invalid_input',
    `${rows.length} organizations: say which with --org (${rows.map((r) => r.name).join(', ')})`,
  );
}

function progressReporter(enabled: boolean) {
  if (!enabled) return { update: (_p: ImportProgress) => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: ' {phase} |{bar}| {percentage}% · {lines} lines', hideCursor: true });
  let started = false;
  return {
    update(p: ImportProgress) {
      if (!started) {
        bar.start(p.totalBytes || 1, 0, { phase: p.phase, lines: 0 });
        started = true;
      }
      bar.update(p.phase === 'reading' ? p.bytesRead : p.totalBytes, {
        phase: p.phase.padEnd(9),
        lines: p.lines,
      });
    },
    stop: () => started && bar.stop(),
  };
}

/**
 * ENCOURS_PAUSE_AT_STAGE=loaded makes the import stop in the middle of its transaction and say
 * so, for the test that kills the process there (IMP-6). Not for production use.
 */
async function pauseForCrashTests(stage: string): Promise<void> {
  if (process.env.ENCOURS_PAUSE_AT_STAGE !== stage) return;
  console.error(`paused at stage ${stage}`);
  await new Promise((resolve) => setTimeout(resolve, 60_000));
}

/** The JSON summary of an import, amounts as decimal strings (`"52517.24"`). */
export function summarizeOutcome(outcome: SyncOutcome) {
  if (outcome.status === 'failed') {
    return { status: 'failed', syncId: outcome.syncId, message: outcome.message, errors: outcome.errors };
  }
  const r = outcome.report;
  return {
    status: 'succeeded',
    syncId: outcome.syncId,
    lines: r.lines,
    totalDebit: centsToDecimal(r.totalDebit),
    totalCredit: centsToDecimal(r.totalCredit),
    customers: r.customers,
    entries: r.entries,
    openItems: r.openItems,
    outstanding: centsToDecimal(r.outstanding),
    currency: r.currency,
    inserted: r.inserted,
    updated: r.updated,
    gone: r.gone,
    ...(r.dialect ? { dialect: r.dialect } : {}),
  };
}

async function runImport(
  source: 'fec' | TableKind,
  file: string,
  options: { company: string; org?: string; json?: boolean; mapping?: string },
): Promise<void> {
  const outcome = await withDatabase(async (database, clock) => {
    const orgId = await resolveOrg(database, options.org);
    const company = await getCompanyByCodeOrThrow(database.db, orgId, options.company);
    const mapping = options.mapping
      ? columnMappingSchema.parse({ kind: source, ...JSON.parse(await readFile(options.mapping, 'utf8')) })
      : undefined;
    const progress = progressReporter(!options.json && process.stderr.isTTY === true);
    try {
      return await runSync(database, {
        orgId,
        companyId: company.id,
        source,
        filePath: resolve(file),
        fileName: basename(file),
        userId: null,
        trigger: 'cli',
        mapping,
        today: clock.today(),
        now: clock.now(),
        onProgress: progress.update,
        afterStage: pauseForCrashTests,
      });
    } finally {
      progress.stop();
    }
  });
  const summary = summarizeOutcome(outcome);
  if (options.json) {
    console.log(JSON.stringify(summary, null, 2));
  } else if (outcome.status === 'failed') {
    console.error(`Import refused: ${outcome.message}`);
    for (const e of outcome.errors.slice(0, 50)) {
      console.error(
        `  line ${e.line}${e.column ? `, column ${e.column}` : ''}${e.value !== null ? `: '${e.value}'` : ''} — ${e.reason}`,
      );
    }
  } else {
    const s = summary as Record<string, unknown>;
    console.log(
      `Imported ${s.lines} lines: ${s.customers} customers, ${s.entries} entries, ${s.openItems} open items, outstanding ${s.outstanding} ${s.currency}.`,
    );
  }
  if (outcome.status === 'failed') process.exitCode = 1;
}

/** `--today`: checked before the database is opened. */
const reportDate = (value: string): string => {
  try {
    return parseReportDate(value);
  } catch {
    throw new InvalidArgumentError('a real date written YYYY-MM-DD');
  }
};

const role = (value: string): UserRole => {
  if (!(USER_ROLES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`one of ${USER_ROLES.join(', ')}`);
  return value as UserRole;
};

export function buildCli(): Command {
  const program = new Command('encours').description('Encours: accounts-receivable follow-up and dunning');
  const orgOption = () => new Option('--org <org>', 'organization name or id (when there are several)');

  program
    .command('serve')
    .description('migrate, seed the demo organization unless --no-demo, and serve the app')
    .option('--no-demo', 'do not create the demo organization')
    .action(async (opts: { demo: boolean }) => {
      // Loaded on demand: the other commands do not need the HTTP stack.
      const { serve } = await import('./main');
      await serve({ demo: opts.demo && loadConfig().demo });
    });

  program
    .command('migrate')
    .description('apply the database migrations')
    .action(() => withDatabase(async () => console.log('Database is up to date.')));

  program
    .command('demo')
    .description('create the demo organization (two companies, ~300 customers)')
    .action(() =>
      withDatabase(async (database, clock) => {
        const demo = await ensureDemoOrganization(database, clock, { log: (l) => console.error(l) });
        console.log(
          demo.created
            ? `Demo organization created. Sign in as ${demo.email} / ${DEMO_PASSWORD}`
            : 'The demo organization already exists.',
        );
      }),
    );

  const user = program.command('user').description('manage users');
  user
    .command('add')
    .requiredOption('--email <email>')
    .requiredOption('--role <role>', `one of ${USER_ROLES.join(', ')}`, role)
    .option('--name <name>')
    .option('--password <password>', 'else ENCOURS_PASSWORD, else one is generated and printed')
    .addOption(orgOption())
    .action((opts: { email: string; role: UserRole; name?: string; password?: string; org?: string }) =>
      withDatabase(async (database) => {
        const orgId = await resolveOrg(database, opts.org, true);
        const password =
          opts.password ?? process.env.ENCOURS_PASSWORD ?? randomBytes(9).toString('base64url');
        await createUser(database.db, {
          orgId,
          email: opts.email,
          name: opts.name ?? opts.email.split('@')[0]!,
          role: opts.role,
          password,
        });
        console.log(
          `User ${opts.email} (${opts.role}) created.${opts.password || process.env.ENCOURS_PASSWORD ? '' : ` Password: ${password}`}`,
        );
      }),
    );

  const company = program.command('company').description('manage companies');
  company
    .command('add')
    .requiredOption('--code <code>')
    .requiredOption('--name <name>')
    .option('--currency <currency>', 'ledger currency', 'EUR')
    .option('--terms <terms>', 'default payment terms', '30 days net')
    .option('--receivable-prefixes <prefixes>', 'comma-separated account prefixes', '411,416')
    .addOption(orgOption())
    .action(
      (opts: {
        code: string;
        name: string;
        currency: string;
        terms: string;
        receivablePrefixes: string;
        org?: string;
      }) =>
        withDatabase(async (database) => {
          const orgId = await resolveOrg(database, opts.org, true);
          // The same checks as the HTTP route: code, currency, terms and prefixes.
          const input = createCompanyBodySchema.safeParse({
            code: opts.code,
            name: opts.name,
            currency: opts.currency,
            defaultTerms: opts.terms,
            receivablePrefixes: opts.receivablePrefixes.split(',').map((p) => p.trim()),
          });
          if (!input.success) {
            const problems = input.error.issues.map((i) => `--${String(i.path[0] ?? 'input')}: ${i.message}`);
            throw new AppError('invalid_input', problems.join('; '));
          }
          const created = await createCompanyChecked(database.db, orgId, input.data);
          console.log(`Company ${created.code} created.`);
        }),
    );

  const imp = program.command('import').description('import a ledger or a spreadsheet into a company');
  imp
    .command('fec <file>')
    .description('replace the company ledger with a FEC file')
    .requiredOption('--company <code>')
    .option('--json', 'print a JSON summary')
    .addOption(orgOption())
    .action((file: string, opts: { company: string; json?: boolean; org?: string }) =>
      runImport('fec', file, opts),
    );
  imp
    .command('table <file>')
    .description('import a CSV or XLSX file of customers, entries or contacts')
    .addOption(new Option('--kind <kind>').choices(TABLE_KINDS).makeOptionMandatory())
    .requiredOption('--company <code>')
    .option('--mapping <file>', 'JSON column mapping: {"columns": {"account": "Code client", …}}')
    .option('--json', 'print a JSON summary')
    .addOption(orgOption())
    .action(
      (
        file: string,
        opts: { kind: TableKind; company: string; mapping?: string; json?: boolean; org?: string },
      ) => runImport(opts.kind, file, opts),
    );

  const report = program
    .command('report')
    .description('print a report of a company for scripts and BI, amounts as decimal strings');
  const todayOption = () =>
    new Option(
      '--today <date>',
      'the day the figures are computed for, YYYY-MM-DD (default: ENCOURS_TODAY, else today in ENCOURS_TIMEZONE)',
    ).argParser(reportDate);
  report
    .command('who-owes-what')
    .description(
      'one row per customer of the ledger (zero balances included): account, name, currency, balance, overdue, notDue and the aging buckets',
    )
    .requiredOption('--company <code>')
    .addOption(todayOption())
    .addOption(
      new Option(
        '--format <format>',
        'json: one array of objects; csv: a header line, then one line per customer',
      )
        .choices(WHO_OWES_WHAT_FORMATS)
        .default('json'),
    )
    .addOption(orgOption())
    .action((opts: { company: string; today?: string; format: WhoOwesWhatFormat; org?: string }) =>
      withDatabase(async (database, clock) => {
        const orgId = await resolveOrg(database, opts.org);
        await writeWhoOwesWhatReport(
          database,
          { orgId, companyCode: opts.company, today: opts.today ?? clock.today(), format: opts.format },
          process.stdout,
        );
      }),
    );
  report
    .command('kpis')
    .description('outstanding, overdue, aging buckets, DSO and the other KPIs of the company, as JSON')
    .requiredOption('--company <code>')
    .addOption(todayOption())
    .addOption(new Option('--format <format>').choices(['json']).default('json'))
    .addOption(orgOption())
    .action((opts: { company: string; today?: string; org?: string }) =>
      withDatabase(async (database, clock) => {
        const orgId = await resolveOrg(database, opts.org);
        await writeKpisReport(
          database,
          { orgId, companyCode: opts.company, today: opts.today ?? clock.today() },
          process.stdout,
        );
      }),
    );
  program
    .command('dunning')
    .description('reminders (dunning)')
    .command('run')
    .description(
      "plan the company's automatic reminders for the day and send them (the nightly run, DUN-12); each reminder goes once whatever the number of runs (DUN-13)",
    )
    .requiredOption('--company <code>')
    .addOption(todayOption())
    .option('--dry-run', 'print what would be sent, send and record nothing')
    .option('--json', 'print one JSON object: freshness, reminders (one object each), tasks, exclusions')
    .option('--letters <file>', "write the run's letters, in one PDF to print, to this file")
    .addOption(orgOption())
    .action(
      (opts: {
        company: string;
        today?: string;
        dryRun?: boolean;
        json?: boolean;
        letters?: string;
        org?: string;
      }) =>
        withDatabase(async (database, clock) => {
          const orgId = await resolveOrg(database, opts.org);
          const mailer = createMailer(database, clock, loadConfig());
          try {
            const report = await runDunning(
              { database, mailer },
              {
                orgId,
                companyCode: opts.company,
                today: opts.today ?? clock.today(),
                now: clock.now(),
                dryRun: opts.dryRun ?? false,
              },
            );
            if (opts.letters && report.letterBatchId) {
              const pdf = await findLetterBatchPdf(database, orgId, report.letterBatchId);
              if (pdf) await writeFile(opts.letters, pdf);
            }
            console.log(opts.json ? JSON.stringify(report, null, 2) : describeDunningRun(report));
            if (report.reminders.some((r) => r.status === 'failed')) process.exitCode = 1;
          } finally {
            mailer.close();
          }
        }),
    );

  program
    .command('mail')
    .description('mail the app receives')
    .command('delivery-report <file>')
    .description(
      'record a bounce: a delivery status notification (RFC 3464) from FILE, or "-" for the standard input (e.g. a Postfix alias piping the bounce address here)',
    )
    .action((file: string) =>
      withDatabase(async (database, clock) => {
        const raw = file === '-' ? await readStdin() : await readFile(file);
        const mailer = createMailer(database, clock, loadConfig());
        try {
          const outcome = await ingestDeliveryReport({ database, mailer }, raw);
          console.log(JSON.stringify(outcome));
        } finally {
          mailer.close();
        }
      }),
    );
  return program;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The run for a person at a terminal: one line per reminder, then the counts. */
function describeDunningRun(report: DunningRunReport): string {
  const lines = report.reminders.map(
    (r) =>
      `${r.status.padEnd(14)} ${r.customer.padEnd(12)} ${(r.level ?? r.kind).padEnd(8)} ${r.channel.padEnd(7)} ${r.total.padStart(12)} ${r.currency}  ${r.items.join(', ')}${r.error ? `  (${r.error})` : ''}`,
  );
  const excluded = Object.entries(report.exclusions)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  return [
    `${report.company} on ${report.today}${report.dryRun ? ' (dry run: nothing sent)' : ''}`,
    report.freshness.alert ?? `last successful sync ${report.freshness.syncAgeHours?.toFixed(1)} h ago`,
    ...lines,
    `${report.reminders.length} reminders, ${report.tasks} tasks for people, exclusions: ${excluded || 'none'}`,
  ].join('\n');
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    console.error(error instanceof AppError || error instanceof Error ? `encours: ${error.message}` : error);
    process.exitCode = 1;
  }
}
