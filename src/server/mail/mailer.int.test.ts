import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpTestServer, startSmtpTestServer } from '../../../test/support/smtp-test-server';
import { createTenant, createTestApp, type TestApp, type TestTenant } from '../../../test/support/test-app';
import { selectRows } from '../db/client';
import { MailDeliveryError, Mailer } from './mailer';
import { createSmtpTransport } from './smtp-transport';

interface MailRow {
  status: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  sent_at: Date | null;
  transport_reply: string | null;
}

async function mailRow(t: TestApp, orgId: string, id: string): Promise<MailRow> {
  const [row] = await selectRows<MailRow>(
    t.database.db,
    sql`select status, to_address, subject, text_body, html_body, sent_at, transport_reply
      from mail_messages where org_id = ${orgId} and id = ${id}`,
  );
  if (!row) throw new Error(`no mail_messages row ${id}`);
  return row;
}

const MESSAGE = {
  kind: 'test',
  to: 'ana@example.test',
  subject: 'Relevé de compte — avril',
  text: 'Bonjour Ana,\n\nVoici le lien : http://encours.test/x?token=abc\n',
  html: '<p>Bonjour Ana,</p><p><a href="http://encours.test/x?token=abc">lien</a></p>',
};

describe('ACC-1 mailer without SMTP: the outbox', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t.database);
  });
  afterAll(() => t.close());

  it('ACC-1 keeps the message in the outbox with both bodies', async () => {
    expect(await t.deps.mailer.isSmtpFor(tenant.orgId)).toBe(false);
    const outcome = await t.deps.mailer.send({ orgId: tenant.orgId, ...MESSAGE });
    expect(outcome).toMatchObject({ status: 'outbox', messageId: null });
    expect(await mailRow(t, tenant.orgId, outcome.id)).toMatchObject({
      status: 'outbox',
      to_address: MESSAGE.to,
      subject: MESSAGE.subject,
      text_body: MESSAGE.text,
      html_body: MESSAGE.html,
      sent_at: null,
    });
  });
});

describe('ACC-1 mailer with SMTP', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    smtp = await startSmtpTestServer({ refuse: /^refused@/ });
    t = await createTestApp({ smtpUrl: smtp.url });
    tenant = await createTenant(t.database);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('ACC-1 sends through the SMTP server and records the message id', async () => {
    expect(await t.deps.mailer.isSmtpFor(tenant.orgId)).toBe(true);
    const outcome = await t.deps.mailer.send({ orgId: tenant.orgId, ...MESSAGE });
    expect(outcome.status).toBe('sent');
    const mail = await smtp.nextMessage();
    expect(mail.recipients).toEqual([MESSAGE.to]);
    expect(mail.to).toEqual([MESSAGE.to]);
    expect(mail.parsed.from?.value).toEqual([{ name: 'Encours', address: 'encours@example.test' }]);
    expect(mail.subject).toBe(MESSAGE.subject);
    expect(mail.text.trim()).toBe(MESSAGE.text.trim());
    expect(mail.html).toContain('href="http://encours.test/x?token=abc"');
    expect(mail.parsed.messageId).toBe(outcome.messageId);
    const row = await mailRow(t, tenant.orgId, outcome.id);
    expect(row).toMatchObject({ status: 'sent', transport_reply: outcome.messageId });
    expect(row.sent_at).not.toBeNull();
  });

  it("DUN-11 a message sent for a user bears the user's name and answers go to the user; both are archived", async () => {
    const outcome = await t.deps.mailer.send({
      orgId: tenant.orgId,
      ...MESSAGE,
      sender: { name: 'Claire Martin', replyTo: 'claire.martin@client-company.test' },
    });
    const mail = await smtp.nextMessage();
    // The address stays the configured sender's, so the message passes SPF for that domain.
    expect(mail.parsed.from?.value).toEqual([{ name: 'Claire Martin', address: 'encours@example.test' }]);
    expect(mail.parsed.replyTo?.value).toEqual([{ name: '', address: 'claire.martin@client-company.test' }]);
    const [row] = await selectRows<{ from_name: string; reply_to: string }>(
      t.database.db,
      sql`select from_name, reply_to from mail_messages where org_id = ${tenant.orgId} and id = ${outcome.id}`,
    );
    expect(row).toEqual({ from_name: 'Claire Martin', reply_to: 'claire.martin@client-company.test' });
  });

  it('ACC-1 a refused message is marked failed with the server reply, and the caller learns it', async () => {
    const sending = t.deps.mailer.send({ orgId: tenant.orgId, ...MESSAGE, to: 'refused@example.test' });
    const error = await sending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailDeliveryError);
    const failure = error as MailDeliveryError;
    expect(failure.reply).toMatch(/^550 .*Mailbox unavailable/);
    const row = await mailRow(t, tenant.orgId, failure.mailId);
    expect(row).toMatchObject({ status: 'failed', sent_at: null, to_address: 'refused@example.test' });
    expect(row.transport_reply).toBe(failure.reply);
  });
});

describe('ACC-1 mailer facing a broken SMTP set-up', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    t = await createTestApp();
    tenant = await createTenant(t.database);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** A mailer of this app's database that sends to `url`; the failure it meets, with its row. */
  async function failureWith(url: string) {
    const mailer = new Mailer(t.database, t.deps.clock, createSmtpTransport({ url, from: 'a@example.test' }));
    try {
      const error = await mailer.send({ orgId: tenant.orgId, ...MESSAGE }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailDeliveryError);
      const failure = error as MailDeliveryError;
      return { failure, row: await mailRow(t, tenant.orgId, failure.mailId) };
    } finally {
      mailer.close();
    }
  }

  it('ACC-1 wrong credentials: failed with the 535 reply', async () => {
    const { failure, row } = await failureWith(smtp.url.replace('smtp-secret', 'wrong'));
    expect(row.status).toBe('failed');
    expect(row.transport_reply).toMatch(/^535 /);
    expect(row.transport_reply).toBe(failure.reply);
    expect(smtp.received).toHaveLength(0);
  });

  it('ACC-1 no server listening: failed with the connection error', async () => {
    // A port that was free a moment ago: nothing answers there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const { row } = await failureWith(`smtp://127.0.0.1:${port}`);
    expect(row.status).toBe('failed');
    expect(row.transport_reply).toMatch(/ECONNREFUSED/);
  });
});
