import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import { type SmtpTestServer, startSmtpTestServer } from '../../../../test/support/smtp-test-server';
import {
  createTenant,
  createTestDatabase,
  fixedClock,
  type TestTenant,
} from '../../../../test/support/test-app';
import { type Database, openDatabase, selectRows } from '../../db/client';
import { createMailer, type Mailer } from '../../mail/mailer';
import { retryDeferredReminders } from './dunning-retry.service';
import { type DunningRunReport, runDunning } from './dunning-run.service';

/** neolegal's ledger runs January to July 2023: on this day most invoices are overdue. */
const TODAY = '2023-07-31';
/** The sync of the fixture finishes at 08:00 that day; the nightly run goes at 10:00. */
const NOW = new Date(`${TODAY}T10:00:00Z`);

interface Fixture {
  database: Database;
  url: string | null;
  drop: () => Promise<void>;
  tenant: TestTenant;
  mailer: Mailer;
}

async function setUp(smtp: SmtpTestServer | null, options: { withEmails?: boolean } = {}): Promise<Fixture> {
  const { database, url, drop } = await createTestDatabase();
  const tenant = await createTenant(database);
  await importSharedFec(database, tenant, NEOLEGAL_111, TODAY);
  // A FEC has no addresses: every customer gets one, so the email variant applies (DUN-2).
  if (options.withEmails ?? true)
    await database.db.execute(
      sql`update customers set sync_email = lower(account) || '@customers.test' where org_id = ${tenant.orgId}`,
    );
  const mailer = mailerFor(database, smtp);
  return { database, url, drop, tenant, mailer };
}

function mailerFor(database: Database, smtp: SmtpTestServer | null): Mailer {
  return createMailer(database, fixedClock(TODAY), {
    smtp: smtp ? { url: smtp.url, from: 'Relances <ar@example.test>' } : null,
  });
}

const run = (
  f: Fixture,
  options: { now?: Date; dryRun?: boolean; mailer?: Mailer; database?: Database } = {},
) =>
  runDunning(
    { database: options.database ?? f.database, mailer: options.mailer ?? f.mailer },
    {
      orgId: f.tenant.orgId,
      companyCode: 'MAIN',
      today: TODAY,
      now: options.now ?? NOW,
      dryRun: options.dryRun ?? false,
    },
  );

interface ReminderRow {
  key: string;
  status: string;
  message_id: string | null;
  customer_account: string;
  error: string | null;
}

const reminderRows = (f: Fixture) =>
  selectRows<ReminderRow>(
    f.database.db,
    sql`select key, status, message_id, customer_account, error from reminders where org_id = ${f.tenant.orgId}
      order by customer_account, key`,
  );

const emailed = (report: DunningRunReport) => report.reminders.filter((r) => r.channel === 'email');

describe('DUN-12 DUN-13 nightly run with a real SMTP server', () => {
  let smtp: SmtpTestServer;
  let f: Fixture;
  let first: DunningRunReport;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    f = await setUp(smtp);
  });
  afterAll(async () => {
    f.mailer.close();
    await f.drop();
    await smtp.close();
  });

  it('DUN-12 a dry run lists what would go and writes nothing', async () => {
    const report = await run(f, { dryRun: true });
    expect(report.freshness.isFresh).toBe(true);
    expect(emailed(report).length).toBeGreaterThan(3);
    for (const r of report.reminders) {
      expect(r.status).toBe('wouldSend');
      expect(r.items.length).toBeGreaterThan(0);
      expect(r.total).toMatch(/^-?\d+\.\d\d$/);
    }
    expect(await reminderRows(f)).toEqual([]);
    expect(smtp.received).toHaveLength(0);
  });

  it('DUN-13 sends each reminder once, with the Message-ID recorded before sending', async () => {
    // TPL-1: the organization's own first reminder, in French, replaces the built-in one.
    await f.database.db.execute(
      sql`insert into reminder_templates (org_id, template_id, language, name, subject, text_body)
        values (${f.tenant.orgId}, 'standard-r1', 'fr', 'R1 maison', 'Rappel de {{ company.name }} — {{ customer.account }}',
          ${'Bonjour {{ customer.name }},\n{% for item in items %}- {{ item.piece }} : {{ item.amount | money }}\n{% endfor %}Total : {{ reminder.total | money }}'})`,
    );
    first = await run(f);
    const sent = emailed(first);
    expect(sent.length).toBeGreaterThan(3);
    expect(sent.every((r) => r.status === 'sent')).toBe(true);
    await waitFor(() => smtp.received.length >= sent.length);
    expect(smtp.received).toHaveLength(sent.length);
    const rows = await reminderRows(f);
    const byMessageId = new Map(rows.map((r) => [r.message_id, r]));
    for (const mail of smtp.received) {
      const row = byMessageId.get(mail.parsed.messageId ?? null);
      expect(row?.status).toBe('sent');
      expect(mail.to).toEqual([`${row!.customer_account.toLowerCase()}@customers.test`]);
    }
    // The subject and body come from the Standard templates, in French, with the items.
    const one = sent[0]!;
    const mail = smtp.received.find((m) => m.to[0] === `${one.customer.toLowerCase()}@customers.test`)!;
    expect(mail.text).toContain(one.items[0]!);
    expect(mail.text).toContain('Total');
    // Every R1 email came from the organization's template, with a text and an HTML part.
    const r1 = sent.filter((r) => r.level === 'R1');
    expect(r1.length).toBeGreaterThan(0);
    for (const r of r1) {
      const got = smtp.received.find(
        (m) => m.to[0] === `${r.customer.toLowerCase()}@customers.test` && m.subject.startsWith('Rappel de'),
      )!;
      expect(got.subject).toBe(`Rappel de Main company — ${r.customer}`);
      expect(got.text).toContain(r.items[0]!);
      expect(got.html).toContain(r.items[0]!);
    }
  });

  it('DUN-5 DUN-13 the items moved up a level; a second run the same day sends nothing new', async () => {
    const [levels] = await selectRows<{ n: number }>(
      f.database.db,
      sql`select count(*)::int as n from item_dunning where org_id = ${f.tenant.orgId} and level <> 'none'`,
    );
    expect(levels!.n).toBeGreaterThan(0);
    const again = await run(f);
    expect(emailed(again).filter((r) => r.status === 'sent')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received).toHaveLength(emailed(first).length);
  });
});

describe('DUN-6 the thank-you after a settlement by lettering', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setUp(null);
  });
  afterAll(async () => {
    f.mailer.close();
    await f.drop();
  });

  it('DUN-6 goes 2 days after the lettering of an item that was reminded, once; not for an item gone from the ledger', async () => {
    const first = await run(f);
    const reminded = emailed(first).find((r) => r.level === 'R1' && r.items.length === 1)!;
    const [item] = await selectRows<{ entry_key: string }>(
      f.database.db,
      sql`select d.entry_key from item_dunning d join entries e
          on e.org_id = d.org_id and e.company_id = d.company_id and e.entry_key = d.entry_key
        where d.org_id = ${f.tenant.orgId} and e.customer_account = ${reminded.customer} and d.level = 'R1'`,
    );
    // The customer pays and the accountant letters the invoice three days before the run, as the next
    // import would show it.
    await f.database.db.execute(
      sql`update entries set lettering_code = 'ZZ', lettering_date = '2023-07-28'
        where org_id = ${f.tenant.orgId} and entry_key = ${item!.entry_key}`,
    );
    await f.database.db.execute(
      sql`delete from open_items where org_id = ${f.tenant.orgId} and entry_key = ${item!.entry_key}`,
    );
    // Another reminded invoice vanishes from the ledger (deleted in the accounting software): no thanks.
    const [gone] = await selectRows<{ entry_key: string }>(
      f.database.db,
      sql`select d.entry_key from item_dunning d join entries e
          on e.org_id = d.org_id and e.company_id = d.company_id and e.entry_key = d.entry_key
        where d.org_id = ${f.tenant.orgId} and e.customer_account <> ${reminded.customer} and d.level = 'R1' limit 1`,
    );
    await f.database.db.execute(
      sql`update entries set gone_at = '2023-07-28T12:00:00Z' where org_id = ${f.tenant.orgId} and entry_key = ${gone!.entry_key}`,
    );
    await f.database.db.execute(
      sql`delete from open_items where org_id = ${f.tenant.orgId} and entry_key = ${gone!.entry_key}`,
    );
    const thanked = await run(f);
    const thanks = thanked.reminders.filter((r) => r.kind === 'thankYou');
    expect(thanks).toEqual([
      expect.objectContaining({
        customer: reminded.customer,
        items: reminded.items,
        status: 'outbox',
        level: null,
      }),
    ]);
    const again = await run(f);
    expect(again.reminders.filter((r) => r.kind === 'thankYou')).toEqual([]);
    const [state] = await selectRows<{ thanked_on: string }>(
      f.database.db,
      sql`select thanked_on from item_dunning where org_id = ${f.tenant.orgId} and entry_key = ${item!.entry_key}`,
    );
    expect(state!.thanked_on).toBe('2023-07-31');
  });
});

describe('DUN-13 two instances run the same night at once', () => {
  let smtp: SmtpTestServer;
  let f: Fixture;
  let second: Database;
  let secondMailer: Mailer;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    f = await setUp(smtp);
    // On PostgreSQL a second app instance has its own pool; PGlite is one process, one database.
    second = f.url ? await openDatabase({ databaseUrl: f.url, poolSize: 4 }) : f.database;
    secondMailer = mailerFor(second, smtp);
  });
  afterAll(async () => {
    secondMailer.close();
    if (second !== f.database) await second.close();
    f.mailer.close();
    await f.drop();
    await smtp.close();
  });

  it('DUN-13 each reminder goes once: every row is claimed by one instance only', async () => {
    const [a, b] = await Promise.all([run(f), run(f, { database: second, mailer: secondMailer })]);
    const sentA = emailed(a).filter((r) => r.status === 'sent');
    const sentB = emailed(b).filter((r) => r.status === 'sent');
    const planned = emailed(a).length;
    expect(planned).toBeGreaterThan(3);
    expect(sentA.length + sentB.length).toBe(planned);
    await waitFor(() => smtp.received.length >= planned);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received).toHaveLength(planned);
    const ids = new Set(smtp.received.map((m) => m.parsed.messageId));
    expect(ids.size).toBe(planned);
  });
});

describe('DUN-13 a crash after the SMTP server accepted a message', () => {
  let smtp: SmtpTestServer;
  let f: Fixture;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    f = await setUp(smtp);
  });
  afterAll(async () => {
    f.mailer.close();
    await f.drop();
    await smtp.close();
  });

  it('DUN-13 the interrupted reminder is never sent again; the retried job sends only the others', async () => {
    const crash = new Error('process killed');
    await expect(
      runDunning(
        { database: f.database, mailer: f.mailer },
        { orgId: f.tenant.orgId, companyCode: 'MAIN', today: TODAY, now: NOW },
        {
          afterDelivery: () => {
            throw crash;
          },
        },
      ),
    ).rejects.toBe(crash);
    await waitFor(() => smtp.received.length >= 1);
    const [interrupted] = (await reminderRows(f)).filter((r) => r.status === 'sending');
    expect(interrupted?.message_id).toBe(smtp.received[0]!.parsed.messageId);

    const retried = await run(f);
    const sentNow = emailed(retried).filter((r) => r.status === 'sent').length;
    await waitFor(() => smtp.received.length >= 1 + sentNow);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received).toHaveLength(1 + sentNow);
    expect(emailed(retried).filter((r) => r.status === 'takenElsewhere')).toHaveLength(1);

    // Later, the row left `sending` is marked failed with the Message-ID to look for; still no new mail.
    const later = await run(f, { now: new Date(NOW.getTime() + 11 * 60_000) });
    expect(later.interrupted).toBe(1);
    const row = (await reminderRows(f)).find((r) => r.key === interrupted!.key)!;
    expect(row.status).toBe('failed');
    expect(row.error).toContain(interrupted!.message_id!);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received).toHaveLength(1 + sentNow);
  });
});

describe('DUN-12 the freshness gate, and refusals', () => {
  let smtp: SmtpTestServer;
  let f: Fixture;
  beforeAll(async () => {
    smtp = await startSmtpTestServer({ refuse: /^refused@/ });
    f = await setUp(smtp);
  });
  afterAll(async () => {
    f.mailer.close();
    await f.drop();
    await smtp.close();
  });

  it('DUN-12 a sync 25 h old sends nothing and says why; a 72 h window lets a 50 h old sync send', async () => {
    await f.database.db.execute(
      sql`update syncs set finished_at = ${`${TODAY}T08:00:00Z`}::timestamptz where org_id = ${f.tenant.orgId}`,
    );
    const fresh = await run(f, { dryRun: true });
    expect(fresh.freshness.isFresh).toBe(true);
    const late = await run(f, { now: new Date(Date.parse(`${TODAY}T08:00:00Z`) + 25 * 3_600_000) });
    expect(late.freshness.isFresh).toBe(false);
    expect(late.freshness.alert).toMatch(/25 h ago/);
    expect(late.reminders).toEqual([]);
    expect(smtp.received).toHaveLength(0);
    expect(await reminderRows(f)).toEqual([]);

    await f.database.db.execute(
      sql`update companies set freshness_hours = 72 where org_id = ${f.tenant.orgId}`,
    );
    await f.database.db.execute(
      sql`update customers set sync_email = 'refused@customers.test'
        where org_id = ${f.tenant.orgId} and account = ${fresh.reminders.find((r) => r.channel === 'email')!.customer}`,
    );
    const windowed = await run(f, { now: new Date(Date.parse(`${TODAY}T08:00:00Z`) + 50 * 3_600_000) });
    expect(windowed.freshness.isFresh).toBe(true);
    const refused = emailed(windowed).filter((r) => r.status === 'failed');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.error).toMatch(/^550/);
    // TPL-5, DUN-15: the admins hear of the night's refusals, in one email.
    await waitFor(() => smtp.received.some((m) => m.to[0] === f.tenant.users.admin.email));
    const notice = smtp.received.find((m) => m.to[0] === f.tenant.users.admin.email)!;
    expect(notice.subject).toBe(`Relance non distribuée : client ${refused[0]!.customer}`);
    expect(notice.text).toContain('550');
    expect(emailed(windowed).filter((r) => r.status === 'sent').length).toBe(
      emailed(windowed).length - refused.length,
    );
    // A refused reminder leaves its items at their level.
    const [moved] = await selectRows<{ n: number }>(
      f.database.db,
      sql`select count(*)::int as n from item_dunning d join entries e
        on e.org_id = d.org_id and e.company_id = d.company_id and e.entry_key = d.entry_key
        where d.org_id = ${f.tenant.orgId} and e.customer_account = ${refused[0]!.customer}`,
    );
    expect(moved!.n).toBe(0);
  });
});

describe('TPL-5 DUN-13 a temporary refusal: tried again later with the same message, never twice', () => {
  let smtp: SmtpTestServer;
  let f: Fixture;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    f = await setUp(smtp);
  });
  afterAll(async () => {
    f.mailer.close();
    await f.drop();
    await smtp.close();
  });

  const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
  const rowOf = async (customer: string) => {
    const [row] = await selectRows<{
      status: string;
      attempts: number;
      next_attempt_at: Date | null;
      message_id: string;
      error: string | null;
    }>(
      f.database.db,
      sql`select status, attempts, next_attempt_at, message_id, error from reminders
        where org_id = ${f.tenant.orgId} and customer_account = ${customer} and channel = 'email'`,
    );
    return row!;
  };
  const levelsOf = async (customer: string) =>
    (
      await selectRows<{ n: number }>(
        f.database.db,
        sql`select count(*)::int as n from item_dunning d join entries e
          on e.org_id = d.org_id and e.company_id = d.company_id and e.entry_key = d.entry_key
          where d.org_id = ${f.tenant.orgId} and e.customer_account = ${customer} and d.level <> 'none'`,
      )
    )[0]!.n;

  it('TPL-5 greylisted (451): deferred 5 then 30 minutes; accepted at the third try, once, with the Message-ID first recorded', async () => {
    const plan = await run(f, { dryRun: true });
    const target = emailed(plan).find((r) => r.items.length > 0)!.customer;
    const address = `${target.toLowerCase()}@customers.test`;
    smtp.defer = new RegExp(`^${address.replace(/[.]/g, '\\.')}$`);

    const night = await run(f);
    const deferred = emailed(night).find((r) => r.customer === target)!;
    expect(deferred.status).toBe('deferred');
    expect(deferred.error).toMatch(/^451 /);
    const others = emailed(night).filter((r) => r.customer !== target);
    expect(others.every((r) => r.status === 'sent')).toBe(true);
    await waitFor(() => smtp.received.length >= others.length);
    let row = await rowOf(target);
    expect(row).toMatchObject({ status: 'deferred', attempts: 1 });
    expect(new Date(row.next_attempt_at!).getTime()).toBe(minutes(5).getTime());
    const [mailRow] = await selectRows<{ status: string; transport_reply: string }>(
      f.database.db,
      sql`select status, transport_reply from mail_messages where org_id = ${f.tenant.orgId} and message_id = ${row.message_id}`,
    );
    expect(mailRow).toMatchObject({ status: 'deferred' });
    expect(mailRow!.transport_reply).toMatch(/^451 /);
    const firstMessageId = row.message_id;
    expect(await levelsOf(target)).toBe(0);

    const deps = { database: f.database, mailer: f.mailer };
    // Not due yet: nothing happens.
    expect(await retryDeferredReminders(deps, minutes(4), TODAY)).toEqual({
      sent: 0,
      deferred: 0,
      failed: 0,
    });
    // Still refused at the second try: the next waits 30 minutes.
    expect(await retryDeferredReminders(deps, minutes(5), TODAY)).toEqual({
      sent: 0,
      deferred: 1,
      failed: 0,
    });
    row = await rowOf(target);
    expect(row).toMatchObject({ status: 'deferred', attempts: 2 });
    expect(new Date(row.next_attempt_at!).getTime()).toBe(minutes(35).getTime());

    smtp.defer = null;
    expect(await retryDeferredReminders(deps, minutes(35), TODAY)).toEqual({
      sent: 1,
      deferred: 0,
      failed: 0,
    });
    await waitFor(() => smtp.received.some((m) => m.to[0] === address));
    expect(smtp.received.find((m) => m.to[0] === address)!.parsed.messageId).toBe(firstMessageId);
    row = await rowOf(target);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, next_attempt_at: null, error: null });
    expect(await levelsOf(target)).toBeGreaterThan(0);

    // Nothing more to try, and the next run the same day sends it no second time.
    expect(await retryDeferredReminders(deps, minutes(600), TODAY)).toEqual({
      sent: 0,
      deferred: 0,
      failed: 0,
    });
    const again = await run(f, { now: minutes(60) });
    expect(emailed(again).filter((r) => r.status === 'sent')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.filter((m) => m.to[0] === address)).toHaveLength(1);
  });

  it('TPL-5 refused for good after the last try: failed with the reply, the items keep their level', async () => {
    // A fresh start: the day's reminders again, all to an address the server never takes.
    for (const table of ['reminders', 'item_dunning', 'mail_messages'])
      await f.database.db.execute(sql`delete from ${sql.identifier(table)} where org_id = ${f.tenant.orgId}`);
    await f.database.db.execute(
      sql`update customers set sync_email = 'always-greylisted@customers.test' where org_id = ${f.tenant.orgId}`,
    );
    smtp.defer = /^always-greylisted@/;
    const deps = { database: f.database, mailer: f.mailer };
    const night = await run(f, { now: minutes(100) });
    const deferred = emailed(night).filter((r) => r.status === 'deferred');
    expect(deferred.length).toBeGreaterThan(0);
    let at = 100;
    for (const delay of [5, 30, 120, 360]) {
      at += delay;
      await retryDeferredReminders(deps, minutes(at), TODAY);
    }
    const rows = await selectRows<{ status: string; attempts: number; error: string }>(
      f.database.db,
      sql`select status, attempts, error from reminders
        where org_id = ${f.tenant.orgId} and status in ('deferred', 'failed')`,
    );
    expect(rows).toHaveLength(deferred.length);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'failed', attempts: 5 });
      expect(row.error).toMatch(/^451 /);
    }
    expect(smtp.received.filter((m) => m.to[0] === 'always-greylisted@customers.test')).toHaveLength(0);
    // Each reminder that failed for good is told to the admins (the automatic sending's).
    const notices = smtp.received.filter((m) => m.to[0] === f.tenant.users.admin.email);
    expect(notices).toHaveLength(deferred.length);
    for (const notice of notices) expect(notice.text).toContain('451');
    for (const r of deferred) expect(await levelsOf(r.customer)).toBe(0);
    const mails = await selectRows<{ status: string }>(
      f.database.db,
      sql`select distinct status from mail_messages where org_id = ${f.tenant.orgId} and kind = 'reminder'`,
    );
    expect(mails).toEqual([{ status: 'failed' }]);
  });
});

describe('DUN-13 without SMTP: the outbox', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setUp(null);
  });
  afterAll(async () => {
    f.mailer.close();
    await f.drop();
  });

  it('DUN-13 the reminder is in the outbox and sent in one transaction; a second run adds nothing', async () => {
    const report = await run(f);
    const outbox = emailed(report);
    expect(outbox.length).toBeGreaterThan(3);
    expect(outbox.every((r) => r.status === 'outbox')).toBe(true);
    const count = async () =>
      (
        await selectRows<{ n: number }>(
          f.database.db,
          sql`select count(*)::int as n from mail_messages where org_id = ${f.tenant.orgId} and kind = 'reminder'`,
        )
      )[0]!.n;
    expect(await count()).toBe(outbox.length);
    expect((await reminderRows(f)).filter((r) => r.status === 'sent')).toHaveLength(outbox.length);
    await run(f);
    expect(await count()).toBe(outbox.length);
  });
});

describe('DUN-2 DUN-14 letters for customers without an email address', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setUp(null, { withEmails: false });
  });
  afterAll(async () => {
    f.mailer.close();
    await f.drop();
  });

  it('DUN-14 each letter is archived as a PDF, and the run gives one PDF to print; a second run adds none', async () => {
    const report = await run(f);
    const letters = report.reminders.filter((r) => r.channel === 'letter');
    expect(letters.length).toBeGreaterThan(3);
    expect(letters.every((r) => r.status === 'toPrint')).toBe(true);
    expect(report.reminders.filter((r) => r.channel === 'email')).toEqual([]);
    const documents = await selectRows<{ pdf: Uint8Array }>(
      f.database.db,
      sql`select d.pdf from reminder_documents d join reminders r on r.org_id = d.org_id and r.id = d.reminder_id
        where d.org_id = ${f.tenant.orgId} and r.status = 'sent' and r.channel = 'letter'`,
    );
    expect(documents).toHaveLength(letters.length);
    const pages = (pdf: Uint8Array) =>
      Buffer.from(pdf)
        .toString('latin1')
        .match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
    for (const d of documents) {
      expect(Buffer.from(d.pdf).subarray(0, 5).toString()).toBe('%PDF-');
      expect(pages(d.pdf)).toBe(1);
    }
    const batches = await selectRows<{ pdf: Uint8Array; reminder_ids: string[] }>(
      f.database.db,
      sql`select pdf, reminder_ids from letter_batches where org_id = ${f.tenant.orgId}`,
    );
    expect(batches).toHaveLength(1);
    expect(batches[0]!.reminder_ids).toHaveLength(letters.length);
    // TPL-4: printed in duplex, each one-page letter is followed by a blank back, but the last.
    expect(pages(batches[0]!.pdf)).toBe(2 * letters.length - 1);

    const again = await run(f);
    expect(again.reminders.filter((r) => r.status === 'toPrint')).toEqual([]);
    expect(again.letterBatchId).toBeNull();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
