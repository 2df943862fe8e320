import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import { type SmtpTestServer, startSmtpTestServer } from '../../../../test/support/smtp-test-server';
import {
  createTenant,
  createTestApp,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';
import { selectRows } from '../../db/client';
import { runDunning } from './dunning-run.service';

const TODAY = '2023-07-31';
const NOW = new Date(`${TODAY}T10:00:00Z`);
const TOKEN = 'inbound-token-for-the-test-0123456789';

/** A bounce as Postfix writes it, about the message `messageId` sent to `to`. */
function bounce(messageId: string, to: string, action = 'failed'): string {
  return [
    'From: MAILER-DAEMON@mx.customers.test',
    'To: encours@example.test',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"',
    '',
    '--B1',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.customers.test. Your message could not be delivered.',
    '',
    '--B1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.customers.test',
    '',
    `Final-Recipient: rfc822; ${to}`,
    `Action: ${action}`,
    'Status: 5.1.1',
    `Diagnostic-Code: smtp; 550 5.1.1 <${to}>: Recipient address`,
    '    rejected: User unknown',
    '',
    '--B1',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Encours <encours@example.test>',
    `To: ${to}`,
    `Message-ID: ${messageId}`,
    '',
    '--B1--',
    '',
  ].join('\r\n');
}

describe('TPL-5 DUN-15 a bounce marks the reminder and tells the sender', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let tenant: TestTenant;
  let sent: { message_id: string; customer_account: string; id: string; mail_id: string };
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    t = await createTestApp({ today: TODAY, smtpUrl: smtp.url });
    tenant = await createTenant(t.database);
    await importSharedFec(t.database, tenant, NEOLEGAL_111, TODAY);
    await t.database.db.execute(
      sql`update customers set sync_email = lower(account) || '@customers.test' where org_id = ${tenant.orgId}`,
    );
    const report = await runDunning(
      { database: t.database, mailer: t.deps.mailer },
      { orgId: tenant.orgId, companyCode: 'MAIN', today: TODAY, now: NOW },
    );
    expect(report.reminders.some((r) => r.status === 'sent')).toBe(true);
    const [first] = await selectRows<typeof sent>(
      t.database.db,
      sql`select id, message_id, customer_account, mail_id from reminders
        where org_id = ${tenant.orgId} and status = 'sent' and channel = 'email' order by customer_account limit 1`,
    );
    sent = first!;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const post = (body: string, token: string | null = TOKEN) =>
    t.app.inject({
      method: 'POST',
      url: '/api/mail/delivery-reports',
      headers: { 'content-type': 'message/rfc822', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: body,
    });
  const address = () => `${sent.customer_account.toLowerCase()}@customers.test`;

  it('TPL-5 the route is not there without ENCOURS_INBOUND_TOKEN, and wants the token', async () => {
    t.deps.config.inboundToken = undefined;
    expect((await post(bounce(sent.message_id, address()))).statusCode).toBe(404);
    t.deps.config.inboundToken = TOKEN;
    expect((await post(bounce(sent.message_id, address()), null)).statusCode).toBe(401);
    expect((await post(bounce(sent.message_id, address()), `${TOKEN.slice(0, -1)}x`)).statusCode).toBe(401);
  });

  it('TPL-5 refuses what is not a delivery report, and changes nothing for a delay or an unknown message', async () => {
    const plain = await post('From: a@b.test\r\nSubject: hello\r\n\r\nhello');
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error.message).toContain('RFC 3464');
    expect((await post(bounce(sent.message_id, address(), 'delayed'))).json()).toEqual({
      status: 'nothingFailed',
      notified: [],
    });
    expect((await post(bounce('<nobody@elsewhere.test>', address()))).json()).toEqual({
      status: 'unknownMessage',
      notified: [],
    });
    const [row] = await selectRows<{ status: string }>(
      t.database.db,
      sql`select status from reminders where org_id = ${tenant.orgId} and id = ${sent.id}`,
    );
    expect(row!.status).toBe('sent');
  });

  it('DUN-15 a bounce marks the reminder and its email bounced with the server words, once, and the admins hear of it', async () => {
    const before = smtp.received.length;
    const response = await post(bounce(sent.message_id, address()));
    expect(response.statusCode).toBe(200);
    // The nightly run sends for nobody: the organization's admins are told.
    expect(response.json()).toEqual({ status: 'bounced', notified: [tenant.users.admin.email] });
    const [reminder] = await selectRows<{ status: string; error: string }>(
      t.database.db,
      sql`select status, error from reminders where org_id = ${tenant.orgId} and id = ${sent.id}`,
    );
    expect(reminder!.status).toBe('bounced');
    expect(reminder!.error).toBe(
      `${address()}: 5.1.1 smtp; 550 5.1.1 <${address()}>: Recipient address rejected: User unknown`,
    );
    const [mail] = await selectRows<{ status: string; transport_reply: string }>(
      t.database.db,
      sql`select status, transport_reply from mail_messages where org_id = ${tenant.orgId} and id = ${sent.mail_id}`,
    );
    expect(mail).toEqual({ status: 'bounced', transport_reply: reminder!.error });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const notices = smtp.received.slice(before);
    expect(notices.map((m) => [m.to[0], m.subject])).toEqual([
      [tenant.users.admin.email, `Relance non distribuée : client ${sent.customer_account}`],
    ]);
    expect(notices[0]!.text).toContain('User unknown');

    // The same report again: nothing new.
    expect((await post(bounce(sent.message_id, address()))).json()).toEqual({
      status: 'alreadyBounced',
      notified: [],
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received.length).toBe(before + 1);
  });
});
