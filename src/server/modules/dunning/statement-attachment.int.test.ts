import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import { pdfText } from '../../../../test/support/pdf-tools';
import { type SmtpTestServer, startSmtpTestServer } from '../../../../test/support/smtp-test-server';
import {
  apiAs,
  createTenant,
  createTestApp,
  type TestApp,
  type TestTenant,
  testDatabaseKind,
} from '../../../../test/support/test-app';
import type { ActivityDetail } from '../../../contracts/activities';
import type { CustomerRecord } from '../../../contracts/customer-record';
import type { CustomerDunning, Profile } from '../../../contracts/dunning';
import { selectRows } from '../../db/client';
import type { ReminderContent } from '../../db/schema';
import { formatMoney } from '../../documents/pdf-page';
import { retryDeferredReminders } from './dunning-retry.service';
import { runDunning } from './dunning-run.service';
import { organizationCaller, statementAttachment } from './reminder-attachments';

const TODAY = '2023-07-31';
const NOW = new Date(`${TODAY}T10:00:00Z`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const squash = (text: string) => text.replace(/\s+/g, ' ');
const money = (cents: number, language: 'fr' | 'en') =>
  formatMoney(cents, 'EUR', language).replace(/[\u00A0\u202F]/g, ' ');

interface RecordedFile {
  file_name: string;
  document_id: string | null;
  content: Buffer | null;
  size_bytes: number;
  sha256: string;
}

describe(`TPL-5 DUN-11 the statement of account attached to emails on demand, real SMTP (${testDatabaseKind()})`, () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    t = await createTestApp({ today: TODAY, smtpUrl: smtp.url });
    tenant = await createTenant(t.database);
    other = await createTenant(t.database);
    await importSharedFec(t.database, tenant, NEOLEGAL_111, TODAY);
    await t.database.db.execute(
      sql`update customers set sync_email = lower(account) || '@customers.test' where org_id = ${tenant.orgId}`,
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const call = apiAs(() => t.app);
  const user = () => tenant.users.user.email;
  const recordedFiles = async (mailId: string) =>
    selectRows<RecordedFile>(
      t.database.db,
      sql`select file_name, document_id, content, size_bytes, sha256 from mail_attachments
        where org_id = ${tenant.orgId} and mail_id = ${mailId} order by ordinal`,
    );
  /** The statement's text says the customer's balance ("Reste dû" / "Balance due"). */
  const expectBalanceIn = (pdf: Buffer, balance: number) => {
    const text = squash(pdfText(pdf));
    expect(balance).toBeGreaterThan(0);
    expect(text.includes(money(balance, 'fr')) || text.includes(money(balance, 'en'))).toBe(true);
    expect(text).toMatch(/Relevé de compte|Statement of account/);
  };

  it('TPL-5 DUN-11 DUN-14 an email written on the record with "attach the statement" carries it: arrived bytes = recorded bytes, the balance in its text, shown on the Activities page', async () => {
    const [customer] = await selectRows<{ id: string; account: string }>(
      t.database.db,
      sql`select c.id, c.account from customers c join customer_summaries s on s.org_id = c.org_id
          and s.company_id = c.company_id and s.customer_account = c.account
        where c.org_id = ${tenant.orgId} and s.balance > 0 order by s.open_item_count desc, c.account limit 1`,
    );
    const id = customer!.id;
    const record = (await call(user(), 'GET', `/api/customers/${id}`)).json<CustomerRecord>();
    const state = (await call(user(), 'GET', `/api/customers/${id}/dunning`)).json<CustomerDunning>();
    const to = 'statement-on-demand@customers.test';
    const sent = await call(user(), 'POST', `/api/customers/${id}/dunning/actions`, {
      kind: 'email',
      entryKeys: [state.items[0]!.entryKey],
      countsForScenario: false,
      email: {
        to: [to],
        subject: 'Votre relevé',
        text: 'Bonjour, voici votre relevé.',
        attachStatement: true,
      },
    });
    expect(sent.status).toBe(204);

    const mail = smtp.received.find((m) => m.to.includes(to))!;
    const statements = mail.parsed.attachments.filter((a) => /^(releve|statement)-/.test(a.filename ?? ''));
    expect(statements).toHaveLength(1);
    const arrived = statements[0]!;
    expect(arrived.contentType).toBe('application/pdf');
    expect(arrived.filename).toBe(`releve-${record.account}-${TODAY}.pdf`.replace(/[^A-Za-z0-9_.-]/g, '_'));
    expectBalanceIn(arrived.content, record.outstanding.balance);

    const [action] = await selectRows<{ id: string; mail_id: string }>(
      t.database.db,
      sql`select id, details->>'mailId' as mail_id from dunning_actions
        where org_id = ${tenant.orgId} and kind = 'email' and details->>'subject' = 'Votre relevé'`,
    );
    const files = await recordedFiles(action!.mail_id);
    const recorded = files.find((f) => f.file_name === arrived.filename)!;
    // A generated file keeps its bytes with the email; a stored invoice is referenced (one or the other).
    expect(recorded.document_id).toBeNull();
    expect(Buffer.compare(Buffer.from(recorded.content!), arrived.content)).toBe(0);
    expect(recorded).toMatchObject({ size_bytes: arrived.content.length, sha256: sha(arrived.content) });

    const activity = (await call(user(), 'GET', `/api/activities/${action!.id}`)).json<ActivityDetail>();
    expect(activity.email?.attachments).toContainEqual({
      fileName: arrived.filename,
      kind: 'statement',
      sizeBytes: arrived.content.length,
      sha256: sha(arrived.content),
    });
  });

  it('TPL-5 DUN-11 another organization cannot have a statement sent: 404, nothing sent', async () => {
    const [customer] = await selectRows<{ id: string }>(
      t.database.db,
      sql`select id from customers where org_id = ${tenant.orgId} order by account limit 1`,
    );
    const before = smtp.received.length;
    const response = await call(
      other.users.admin.email,
      'POST',
      `/api/customers/${customer!.id}/dunning/actions`,
      {
        kind: 'email',
        entryKeys: ['whatever'],
        countsForScenario: false,
        email: { to: ['stranger@customers.test'], subject: 'x', text: 'x', attachStatement: true },
      },
    );
    expect(response.status).toBe(404);
    expect(smtp.received.length).toBe(before);
  });

  it('TPL-5 DUN-11 DUN-13 a step set to "attach the statement": the nightly reminder carries it; deferred, then retried on another day, it goes byte-identical', async () => {
    const admin = tenant.users.admin.email;
    // Turn the option on for every email step of the default profile, through the API.
    const listed = await call(admin, 'GET', '/api/dunning/profiles');
    expect(listed.status, JSON.stringify(listed.json())).toBe(200);
    const profiles = listed.json<{ items: Profile[] }>().items;
    const profile = profiles.find((p) => p.isDefault)!;
    const withStatement = (steps: Profile['scenario']['withEmail']['steps']) =>
      steps.map((s) => (s.channel === 'email' ? { ...s, attachStatement: true } : s));
    const saved = await call(admin, 'PUT', `/api/dunning/profiles/${profile.id}`, {
      name: profile.name,
      scenario: {
        ...profile.scenario,
        withEmail: { ...profile.scenario.withEmail, steps: withStatement(profile.scenario.withEmail.steps) },
      },
    });
    expect(saved.status).toBe(200);
    expect(
      saved
        .json<Profile>()
        .scenario.withEmail.steps.filter((s) => s.channel === 'email')
        .every((s) => s.attachStatement),
    ).toBe(true);

    const deps = { database: t.database, mailer: t.deps.mailer };
    const key = { orgId: tenant.orgId, companyCode: 'MAIN', today: TODAY };
    const plan = await runDunning(deps, { ...key, now: NOW, dryRun: true });
    const emails = plan.reminders.filter((r) => r.channel === 'email');
    expect(emails.length).toBeGreaterThan(1);
    const [deferred, direct] = [emails[0]!, emails[1]!];
    const address = (account: string) => `${account.toLowerCase()}@customers.test`;
    smtp.defer = new RegExp(`^${address(deferred.customer).replace(/[.]/g, '\\.')}$`);
    const night = await runDunning(deps, { ...key, now: NOW });
    expect(night.reminders.find((r) => r.customer === deferred.customer)!.status).toBe('deferred');
    expect(night.reminders.find((r) => r.customer === direct.customer)!.status).toBe('sent');

    // Sent at once: the statement is there, with the customer's balance.
    const directMail = smtp.received.find((m) => m.to.includes(address(direct.customer)))!;
    const directStatement = directMail.parsed.attachments.find((a) =>
      /^(releve|statement)-/.test(a.filename ?? ''),
    )!;
    expect(directStatement).toBeDefined();
    const [directCustomer] = await selectRows<{ id: string }>(
      t.database.db,
      sql`select id from customers where org_id = ${tenant.orgId} and account = ${direct.customer}`,
    );
    const directRecord = (
      await call(admin, 'GET', `/api/customers/${directCustomer!.id}`)
    ).json<CustomerRecord>();
    expectBalanceIn(directStatement.content, directRecord.outstanding.balance);

    // The retry comes the next day: a statement made now would say another date. The email
    // sent is the one recorded, with the statement's recorded bytes (DUN-13).
    smtp.defer = null;
    const nextDay = '2023-08-01';
    expect(await retryDeferredReminders(deps, new Date(`${nextDay}T09:00:00Z`), nextDay)).toMatchObject({
      sent: 1,
    });
    const retried = smtp.received.find((m) => m.to.includes(address(deferred.customer)))!;
    const statement = retried.parsed.attachments.find((a) => /^(releve|statement)-/.test(a.filename ?? ''))!;
    expect(statement.filename).toMatch(new RegExp(`-${TODAY}\\.pdf$`));
    const [reminder] = await selectRows<{ mail_id: string; content: ReminderContent; customer_id: string }>(
      t.database.db,
      sql`select r.mail_id, r.content, c.id as customer_id from reminders r
          join customers c on c.org_id = r.org_id and c.company_id = r.company_id and c.account = r.customer_account
        where r.org_id = ${tenant.orgId} and r.customer_account = ${deferred.customer} and r.channel = 'email'`,
    );
    const recorded = (await recordedFiles(reminder!.mail_id)).find(
      (f) => f.file_name === statement.filename,
    )!;
    expect(Buffer.compare(Buffer.from(recorded.content!), statement.content)).toBe(0);
    expect(reminder!.content.attachments?.[0]).toEqual({
      file: statement.filename,
      pieces: [],
      sizeBytes: statement.content.length,
      sha256: sha(statement.content),
    });
    const remade = await statementAttachment(
      t.database,
      organizationCaller(tenant.orgId),
      reminder!.customer_id,
      reminder!.content.language,
      nextDay,
    );
    expect(remade.sha256).not.toBe(sha(statement.content));
    expect(squash(pdfText(statement.content))).toMatch(/31 juillet 2023|31 July 2023/);
  });
});
