import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpTestServer, startSmtpTestServer } from '../../../../test/support/smtp-test-server';
import {
  apiAs,
  createTenant,
  createTestApp,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';
import type { SmtpSettingsView, SmtpTestResult } from '../../../contracts/mail-settings';
import { selectRows } from '../../db/client';

describe('TPL-5 an organization sends through its own mail server', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  beforeAll(async () => {
    smtp = await startSmtpTestServer({ user: 'relances', pass: 'p@ss w0rd:/' });
    // The server itself has no mail server: without settings of its own, an organization's
    // messages wait in the outbox.
    t = await createTestApp();
    tenant = await createTenant(t.database);
    other = await createTenant(t.database);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const call = apiAs(() => t.app);
  // The test server's URL holds the password as typed: its port is read off the end.
  const port = () => Number(/:(\d+)$/.exec(smtp.url)![1]);
  const settings = (password: string | undefined) => ({
    host: '127.0.0.1',
    port: port(),
    security: 'none',
    username: 'relances',
    ...(password === undefined ? {} : { password }),
    fromName: 'Service relances Morel',
    fromAddress: 'relances@morel.test',
    replyToMode: 'user',
    replyToAddress: 'compta@morel.test',
  });
  const admin = () => tenant.users.admin.email;
  const message = { kind: 'test', to: 'client@example.test', subject: 'Relevé', text: 'Bonjour' };

  it('TPL-5 only an admin reads or changes the settings', async () => {
    for (const email of [tenant.users.user.email, tenant.users.viewer.email]) {
      expect((await call(email, 'GET', '/api/settings/smtp')).status).toBe(403);
      expect((await call(email, 'PUT', '/api/settings/smtp', settings('x'))).status).toBe(403);
      expect((await call(email, 'POST', '/api/settings/smtp/test', { to: 'a@b.test' })).status).toBe(403);
      expect((await call(email, 'DELETE', '/api/settings/smtp')).status).toBe(403);
    }
    const none = (await call(admin(), 'GET', '/api/settings/smtp')).json<SmtpSettingsView>();
    expect(none).toEqual({ settings: null, hasServerDefault: false });
  });

  it('TPL-5 keeps the password sealed and never sends it back; refuses a bad field by name', async () => {
    const bad = await call(admin(), 'PUT', '/api/settings/smtp', { ...settings('x'), port: 70_000 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('port');
    const company = await call(admin(), 'PUT', '/api/settings/smtp', {
      ...settings('x'),
      replyToMode: 'company',
      replyToAddress: null,
    });
    expect(company.status).toBe(400);
    expect(JSON.stringify(company.json())).toContain('replyToAddress');

    const saved = await call(admin(), 'PUT', '/api/settings/smtp', settings('p@ss w0rd:/'));
    expect(saved.status).toBe(200);
    const view = (await call(admin(), 'GET', '/api/settings/smtp')).json<SmtpSettingsView>();
    expect(view.settings).toMatchObject({ host: '127.0.0.1', username: 'relances', hasPassword: true });
    expect(JSON.stringify(view)).not.toContain('w0rd');
    const [row] = await selectRows<{ password_sealed: string }>(
      t.database.db,
      sql`select password_sealed from org_smtp_settings where org_id = ${tenant.orgId}`,
    );
    expect(row!.password_sealed).toMatch(/^v1:/);
    expect(row!.password_sealed).not.toContain('w0rd');
  });

  it("TPL-5 the test email arrives from the organization's sender; the organization's messages now leave by its server", async () => {
    const test = await call(admin(), 'POST', '/api/settings/smtp/test', { to: 'admin@morel.test' });
    expect(test.json<SmtpTestResult>()).toMatchObject({ delivered: true });
    const arrived = await smtp.nextMessage();
    expect(arrived.recipients).toEqual(['admin@morel.test']);
    expect(arrived.parsed.from?.value).toEqual([
      { name: 'Service relances Morel', address: 'relances@morel.test' },
    ]);

    // Sent for a user: their name, their address for answers (reply-to mode "user").
    const outcome = await t.deps.mailer.send({
      orgId: tenant.orgId,
      ...message,
      sender: { name: 'Claire Martin', replyTo: 'claire@morel.test' },
    });
    expect(outcome.status).toBe('sent');
    const mail = await smtp.nextMessage();
    expect(mail.parsed.from?.value).toEqual([{ name: 'Claire Martin', address: 'relances@morel.test' }]);
    expect(mail.parsed.replyTo?.value[0]?.address).toBe('claire@morel.test');
    // Sent for nobody (automatic): answers go to the company's address.
    await t.deps.mailer.send({ orgId: tenant.orgId, ...message });
    expect((await smtp.nextMessage()).parsed.replyTo?.value[0]?.address).toBe('compta@morel.test');

    // Another organization has no server of its own: its message waits in its outbox.
    expect((await t.deps.mailer.send({ orgId: other.orgId, ...message })).status).toBe('outbox');
    expect(
      (await call(other.users.admin.email, 'GET', '/api/settings/smtp')).json<SmtpSettingsView>().settings,
    ).toBeNull();
  });

  it('TPL-5 in company mode answers go to the company even for a user; a changed password is used at once', async () => {
    await call(admin(), 'PUT', '/api/settings/smtp', { ...settings(undefined), replyToMode: 'company' });
    await t.deps.mailer.send({
      orgId: tenant.orgId,
      ...message,
      sender: { name: 'Claire Martin', replyTo: 'claire@morel.test' },
    });
    const mail = await smtp.nextMessage();
    expect(mail.parsed.from?.value[0]?.name).toBe('Claire Martin');
    expect(mail.parsed.replyTo?.value[0]?.address).toBe('compta@morel.test');

    await call(admin(), 'PUT', '/api/settings/smtp', settings('wrong'));
    const test = (
      await call(admin(), 'POST', '/api/settings/smtp/test', { to: 'admin@morel.test' })
    ).json<SmtpTestResult>();
    expect(test.delivered).toBe(false);
    expect(test.reply).toMatch(/^535 /);
    const refused = await t.deps.mailer.send({ orgId: tenant.orgId, ...message }).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/535/);
  });

  it('TPL-5 without its settings the organization falls back on the outbox', async () => {
    expect((await call(admin(), 'DELETE', '/api/settings/smtp')).status).toBe(204);
    expect((await t.deps.mailer.send({ orgId: tenant.orgId, ...message })).status).toBe('outbox');
    expect((await call(admin(), 'GET', '/api/settings/smtp')).json<SmtpSettingsView>().settings).toBeNull();
  });
});
