import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind } from '../../test/support/test-app';
import { decimalToCents } from '../domain/money';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const FEC_DIR = join(ROOT, '../shared/data/fec');

describe(`the encours command (${testDatabaseKind()})`, () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'encours-cli-'));
    env = { ...process.env, ENCOURS_DATA_DIR: dataDir, ENCOURS_TODAY: '2024-04-30' };
    delete env.DATABASE_URL;
    let drop: () => Promise<void> = async () => undefined;
    if (testDatabaseKind() === 'postgres') {
      const created = await createTestDatabase();
      env.DATABASE_URL = created.url!;
      drop = created.drop;
    }
    cleanup = async () => {
      await drop();
      await rm(dataDir, { recursive: true, force: true });
    };
  });
  afterAll(() => cleanup());

  const encours = (...args: string[]) =>
    run(process.execPath, [join(ROOT, 'bin/encours.mjs'), ...args], { env });
  const encoursOn = (today: string, ...args: string[]) =>
    run(process.execPath, [join(ROOT, 'bin/encours.mjs'), ...args], {
      env: { ...env, ENCOURS_TODAY: today },
    });
  const failureOf = (...args: string[]) =>
    encours(...args).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );

  it('creates the first organization, a user and a company, then imports a FEC and prints its figures as JSON', async () => {
    const user = await encours(
      'user',
      'add',
      '--email',
      'anne@example.test',
      '--role',
      'admin',
      '--password',
      'secret-pass',
    );
    expect(user.stdout).toContain('anne@example.test');
    await encours(
      'company',
      'add',
      '--code',
      'BEV',
      '--name',
      'Boissons SA',
      '--terms',
      '45 jours fin de mois',
    );
    const { stdout } = await encours(
      'import',
      'fec',
      join(FEC_DIR, 'neolegal__111111111FEC20221231.TXT'),
      '--company',
      'BEV',
      '--json',
    );
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      status: 'succeeded',
      lines: 934,
      customers: 34,
      outstanding: '14416.52',
      currency: 'EUR',
    });
    expect(summary.totalDebit).toBe(summary.totalCredit);
    expect(summary.totalDebit).toMatch(/^\d+\.\d{2}$/);
  });

  it('VIS-4 report who-owes-what prints every customer, as JSON for the day of ENCOURS_TODAY and as CSV for --today', async () => {
    const json = JSON.parse(
      (await encoursOn('2023-01-31', 'report', 'who-owes-what', '--company', 'BEV')).stdout,
    );
    expect(json).toHaveLength(34);
    expect(json.reduce((sum: number, r: { balance: string }) => sum + decimalToCents(r.balance), 0)).toBe(
      1_441_652,
    );
    expect(Object.keys(json[0])).toEqual([
      'account',
      'name',
      'currency',
      'balance',
      'overdue',
      'notDue',
      '1-30',
      '31-60',
      '61-90',
      'over90',
    ]);
    const csv = await encours(
      'report',
      'who-owes-what',
      '--company',
      'BEV',
      '--format',
      'csv',
      '--today',
      '2023-01-31',
    );
    expect(parse(csv.stdout, { bom: true, columns: true })).toEqual(json);
    // The same report on another day has other figures: the default day was ENCOURS_TODAY's.
    const later = await encours('report', 'who-owes-what', '--company', 'BEV', '--format', 'csv');
    expect(parse(later.stdout, { bom: true, columns: true })).not.toEqual(json);
  });

  it('VIS-10 report kpis prints the KPIs of the day as JSON', async () => {
    const kpis = JSON.parse((await encours('report', 'kpis', '--company', 'BEV', '--format', 'json')).stdout);
    expect(kpis).toMatchObject({ company: 'BEV', currency: 'EUR', asOf: '2024-04-30', balance: '14416.52' });
    expect(typeof kpis.customersWithBalance).toBe('number');
  });

  it('report refuses an unknown company, a bad date and a bad format with a clear message', async () => {
    const company = await failureOf('report', 'who-owes-what', '--company', 'NOPE');
    expect(company?.code).toBe(1);
    expect(company?.stderr).toContain('no company with the code NOPE');
    const date = await failureOf('report', 'who-owes-what', '--company', 'BEV', '--today', '2023-02-30');
    expect(date?.code).not.toBe(0);
    expect(date?.stderr).toContain("'2023-02-30' is invalid");
    const format = await failureOf('report', 'kpis', '--company', 'BEV', '--format', 'xml');
    expect(format?.code).not.toBe(0);
    expect(format?.stderr).toContain('Allowed choices are json');
  });

  it('IMP-6 refuses a bad file with exit status 1 and names the line', async () => {
    const bad = join(ROOT, '.tmp', `bad-${process.pid}.txt`);
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(join(ROOT, '.tmp'), { recursive: true });
    await writeFile(
      bad,
      'JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\nVE\tVentes\t1\t20240105\t411000\tClients\tC1\tClient\tF1\t20240105\tFacture\tdouze\t0,00\t\t\t20240105\t\t\n',
    );
    const failure = await encours('import', 'fec', bad, '--company', 'BEV').then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    await rm(bad, { force: true });
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('line 2, column Debit');
    expect(failure?.stderr).toContain("'douze'");
  });

  it('DUN-12 dunning run: a dry run prints each reminder as JSON, the run prints its letters once', async () => {
    const dry = JSON.parse(
      (await encours('dunning', 'run', '--company', 'BEV', '--today', '2023-07-31', '--dry-run', '--json'))
        .stdout,
    );
    expect(dry).toMatchObject({
      company: 'BEV',
      today: '2023-07-31',
      dryRun: true,
      freshness: { isFresh: true },
    });
    expect(dry.reminders.length).toBeGreaterThan(3);
    expect(dry.reminders[0]).toEqual({
      customer: expect.stringMatching(/^411/),
      name: expect.any(String),
      kind: 'reminder',
      step: 1,
      level: 'R1',
      channel: 'letter',
      items: expect.arrayContaining([expect.any(String)]),
      total: expect.stringMatching(/^\d+\.\d\d$/),
      currency: 'EUR',
      isDisputed: false,
      status: 'wouldSend',
    });
    const { mkdtemp: makeDir } = await import('node:fs/promises');
    const letters = join(await makeDir(join(tmpdir(), 'encours-letters-')), 'letters.pdf');
    const sent = JSON.parse(
      (
        await encours(
          'dunning',
          'run',
          '--company',
          'BEV',
          '--today',
          '2023-07-31',
          '--json',
          '--letters',
          letters,
        )
      ).stdout,
    );
    expect(sent.reminders.map((r: { customer: string }) => r.customer)).toEqual(
      dry.reminders.map((r: { customer: string }) => r.customer),
    );
    expect(sent.reminders.every((r: { status: string }) => r.status === 'toPrint')).toBe(true);
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(letters)).subarray(0, 5).toString()).toBe('%PDF-');
    const again = JSON.parse(
      (await encours('dunning', 'run', '--company', 'BEV', '--today', '2023-07-31', '--json')).stdout,
    );
    expect(again.reminders).toEqual([]);
    expect(again.letterBatchId).toBeNull();
  });

  it('TPL-5 mail delivery-report: reads a bounce from a file or the standard input; refuses what is not one', async () => {
    const { writeFile: write } = await import('node:fs/promises');
    const { spawnSync } = await import('node:child_process');
    const dsn = [
      'From: MAILER-DAEMON@mx.example.test',
      'Subject: Undelivered Mail Returned to Sender',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
      '',
      '--B',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.test',
      '',
      'Final-Recipient: rfc822; nobody@example.test',
      'Action: failed',
      'Status: 5.1.1',
      '',
      '--B',
      'Content-Type: text/rfc822-headers',
      '',
      'Message-ID: <never-sent@encours.reminders>',
      '',
      '--B--',
      '',
    ].join('\r\n');
    const file = join(await mkdtemp(join(tmpdir(), 'encours-dsn-')), 'bounce.eml');
    await write(file, dsn);
    expect(JSON.parse((await encours('mail', 'delivery-report', file)).stdout)).toEqual({
      status: 'unknownMessage',
      notified: [],
    });
    const piped = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/encours.mjs'), 'mail', 'delivery-report', '-'],
      {
        env,
        input: dsn,
        encoding: 'utf8',
      },
    );
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout)).toEqual({ status: 'unknownMessage', notified: [] });
    await write(file, 'Subject: hello\r\n\r\nnot a report');
    const refused = await failureOf('mail', 'delivery-report', file);
    expect(refused?.code).not.toBe(0);
    expect(refused?.stderr).toContain('RFC 3464');
  });

  it('refuses an unknown role with a clear message', async () => {
    const failure = await encours('user', 'add', '--email', 'x@example.test', '--role', 'boss').then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain('admin, user, viewer');
  });
});
