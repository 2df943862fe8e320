import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, cookieOf, linkToken, mailsTo } from '../../../../test/support/account-helpers';
import { type SmtpTestServer, startSmtpTestServer } from '../../../../test/support/smtp-test-server';
import {
  createTenant,
  createTestApp,
  type Session,
  signIn,
  TEST_PASSWORD,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';
import { selectRows } from '../../db/client';

const NEW_PASSWORD = 'a much longer passphrase';
const NOW = new Date('2024-04-30T10:00:00Z');

async function tokenRow(t: TestApp, userId: string, purpose: string) {
  const [row] = await selectRows<{ token_hash: string; expires_at: Date; used_at: Date | null }>(
    t.database.db,
    sql`select token_hash, expires_at, used_at from user_tokens where user_id = ${userId} and purpose = ${purpose}
      order by created_at desc limit 1`,
  );
  return row!;
}

function post(t: TestApp, url: string, payload: object, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, payload, headers });
}

async function invite(t: TestApp, admin: Session, body: Record<string, unknown> = {}) {
  const email = `new-${randomUUID().slice(0, 8)}@example.test`;
  const response = await post(
    t,
    '/api/users',
    { email, name: 'Ana Petit', role: 'user', ...body },
    admin.headers,
  );
  expect(response.statusCode, response.body).toBe(201);
  return {
    email,
    ...(response.json() as {
      user: { id: string; status: string };
      mail: { id: string; status: string; error: string | null };
    }),
  };
}

describe('ACC-1 invitation by emailed link, without SMTP (the outbox)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t.database);
    admin = await signIn(t.app, tenant.users.admin.email);
  });
  afterAll(() => t.close());

  it('ACC-1 invite → email in the outbox → accept → signed in, then signs in with the password', async () => {
    const invited = await invite(t, admin, { portfolio: { salesReps: ['Alice'], collectors: [] } });
    expect(invited.user).toMatchObject({ status: 'invited', role: 'user', locale: 'fr' });
    expect(invited.mail).toEqual({ id: expect.any(String), status: 'outbox', error: null });

    // The admin reads the message in the outbox, in their language (French).
    const list = await t.app.inject({ method: 'GET', url: '/api/mail-messages', headers: admin.headers });
    expect(list.json().items[0]).toMatchObject({
      id: invited.mail.id,
      kind: 'invitation',
      to: invited.email,
    });
    const message = (
      await t.app.inject({
        method: 'GET',
        url: `/api/mail-messages/${invited.mail.id}`,
        headers: admin.headers,
      })
    ).json();
    expect(message.subject).toMatch(/vous invite à rejoindre Org/);
    const token = linkToken(message.text, '/invitation');
    expect(message.html).toContain(`href="http://encours.test/invitation?token=${token}"`);

    // Stored hashed, valid 7 days.
    const stored = await tokenRow(t, invited.user.id, 'invitation');
    expect(stored.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(new Date(stored.expires_at).getTime() - NOW.getTime()).toBe(7 * 86_400_000);

    const preview = await post(t, '/api/auth/invitation/preview', { token });
    expect(preview.json()).toMatchObject({ email: invited.email, name: 'Ana Petit', locale: 'fr' });

    const short = await post(t, '/api/auth/invitation/accept', { token, password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('invalid_input');

    const accepted = await post(t, '/api/auth/invitation/accept', {
      token,
      password: NEW_PASSWORD,
      name: 'Ana Petit-Martin',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().user).toMatchObject({
      email: invited.email,
      name: 'Ana Petit-Martin',
      role: 'user',
    });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: cookieOf(accepted) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(invited.email);

    await signIn(t.app, invited.email, NEW_PASSWORD);
    const users = (await t.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers })).json();
    const row = users.items.find((u: { id: string }) => u.id === invited.user.id);
    expect(row).toMatchObject({
      status: 'active',
      invitationExpiresAt: null,
      portfolio: { salesReps: ['Alice'] },
    });
    expect(row.lastSignInAt).not.toBeNull();

    const again = await post(t, '/api/auth/invitation/accept', { token, password: NEW_PASSWORD });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('token_used');
    expect(await auditActions(t.database.db, tenant.orgId)).toEqual(
      expect.arrayContaining(['user.invite', 'user.invitation_accept']),
    );
  });

  it('ACC-1 an invitee cannot sign in before accepting', async () => {
    const invited = await invite(t, admin);
    const response = await post(t, '/api/auth/sign-in', {
      email: invited.email,
      password: 'anything at all',
    });
    expect(response.statusCode).toBe(401);
  });

  it('ACC-1 the invitation is written in the inviter’s language', async () => {
    const other = await createTenant(t.database);
    const english = await signIn(t.app, other.users.admin.email);
    await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: english.headers,
      payload: { locale: 'en' },
    });
    const invited = await invite(t, english);
    expect(invited.user.status).toBe('invited');
    const [mail] = await mailsTo(t.database.db, other.orgId, invited.email, 'invitation');
    expect(mail!.subject).toMatch(/^admin user invites you to join Org/);
    expect(mail!.text_body).toContain('valid for 7 days');
  });

  it('ACC-1 an expired invitation is refused; a resent one works and the old link no longer does', async () => {
    const invited = await invite(t, admin);
    const [first] = await mailsTo(t.database.db, tenant.orgId, invited.email, 'invitation');
    const oldToken = linkToken(first!.text_body, '/invitation');
    await t.database.db.execute(
      sql`update user_tokens set expires_at = ${new Date(NOW.getTime() - 1000).toISOString()}::timestamptz
        where user_id = ${invited.user.id}`,
    );
    for (const url of ['/api/auth/invitation/preview', '/api/auth/invitation/accept']) {
      const response = await post(t, url, { token: oldToken, password: NEW_PASSWORD });
      expect(response.statusCode).toBe(410);
      expect(response.json().error.code).toBe('token_expired');
    }

    const resent = await post(t, `/api/users/${invited.user.id}/invitation`, {}, admin.headers);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json().mail.status).toBe('outbox');
    const mails = await mailsTo(t.database.db, tenant.orgId, invited.email, 'invitation');
    expect(mails).toHaveLength(2);
    const newToken = mails.map((m) => linkToken(m.text_body, '/invitation')).find((tk) => tk !== oldToken)!;

    const old = await post(t, '/api/auth/invitation/accept', { token: oldToken, password: NEW_PASSWORD });
    expect(old.statusCode).toBe(400);
    expect(old.json().error.code).toBe('token_invalid');
    const accepted = await post(t, '/api/auth/invitation/accept', {
      token: newToken,
      password: NEW_PASSWORD,
    });
    expect(accepted.statusCode).toBe(200);

    const resendActive = await post(t, `/api/users/${invited.user.id}/invitation`, {}, admin.headers);
    expect(resendActive.statusCode).toBe(409);
    expect(await auditActions(t.database.db, tenant.orgId)).toContain('user.invitation_resend');
  });

  it('ACC-1 an unknown link is refused as invalid', async () => {
    const response = await post(t, '/api/auth/invitation/accept', {
      token: 'x'.repeat(43),
      password: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('token_invalid');
  });

  it('ACC-1 the link of a disabled invitee no longer works', async () => {
    const invited = await invite(t, admin);
    const [mail] = await mailsTo(t.database.db, tenant.orgId, invited.email, 'invitation');
    await post(t, `/api/users/${invited.user.id}/disable`, {}, admin.headers);
    const response = await post(t, '/api/auth/invitation/accept', {
      token: linkToken(mail!.text_body, '/invitation'),
      password: NEW_PASSWORD,
    });
    expect(response.json().error.code).toBe('token_invalid');
  });

  it('ACC-1 an email already in use is refused', async () => {
    const response = await post(
      t,
      '/api/users',
      { email: tenant.users.viewer.email.toUpperCase(), name: 'Twice', role: 'viewer' },
      admin.headers,
    );
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('conflict');
  });
});

describe('ACC-1 password reset', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t.database);
  });
  afterAll(() => t.close());

  it('ACC-1 reset → email → confirm: old password refused, new one works, other sessions ended', async () => {
    const email = tenant.users.user.email;
    const before = await signIn(t.app, email);
    const requested = await post(t, '/api/auth/password-reset/request', { email: email.toUpperCase() });
    expect(requested.statusCode).toBe(202);
    expect(requested.json()).toEqual({ accepted: true });

    const [mail] = await mailsTo(t.database.db, tenant.orgId, email, 'password_reset');
    expect(mail).toMatchObject({ status: 'outbox', subject: 'Choisir un nouveau mot de passe Encours' });
    const token = linkToken(mail!.text_body, '/reset-password');
    const stored = await tokenRow(t, tenant.users.user.id, 'password_reset');
    expect(stored.token_hash).not.toContain(token);
    expect(new Date(stored.expires_at).getTime() - NOW.getTime()).toBe(3600_000);

    const preview = await post(t, '/api/auth/password-reset/preview', { token });
    expect(preview.json().email).toBe(email);
    const confirmed = await post(t, '/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().user.email).toBe(email);

    const meBefore = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: before.cookie },
    });
    expect(meBefore.statusCode).toBe(401);
    const meAfter = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: cookieOf(confirmed) },
    });
    expect(meAfter.statusCode).toBe(200);
    expect((await post(t, '/api/auth/sign-in', { email, password: TEST_PASSWORD })).statusCode).toBe(401);
    await signIn(t.app, email, NEW_PASSWORD);

    const reused = await post(t, '/api/auth/password-reset/confirm', {
      token,
      password: 'yet another passphrase',
    });
    expect(reused.statusCode).toBe(410);
    expect(reused.json().error.code).toBe('token_used');
    expect(await auditActions(t.database.db, tenant.orgId)).toEqual(
      expect.arrayContaining(['user.password_reset_request', 'user.password_reset']),
    );
  });

  it('ACC-1 answers the same for an unknown email and writes nothing', async () => {
    const unknown = await post(t, '/api/auth/password-reset/request', { email: 'nobody@example.test' });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual({ accepted: true });
    const [{ n }] = (await selectRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from mail_messages where to_address = 'nobody@example.test'`,
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('ACC-1 an expired reset link is refused, and a newer request replaces the older link', async () => {
    const email = tenant.users.viewer.email;
    await post(t, '/api/auth/password-reset/request', { email });
    await post(t, '/api/auth/password-reset/request', { email });
    const mails = await mailsTo(t.database.db, tenant.orgId, email, 'password_reset');
    expect(mails).toHaveLength(2);
    const tokens = mails.map((m) => linkToken(m.text_body, '/reset-password'));
    const codes = await Promise.all(
      tokens.map(
        async (token) => (await post(t, '/api/auth/password-reset/preview', { token })).json().error?.code,
      ),
    );
    // One link of the two still works (the newest); the other is no longer known.
    expect([...codes].sort()).toEqual(['token_invalid', undefined].sort());
    await t.database.db.execute(
      sql`update user_tokens set expires_at = ${new Date(NOW.getTime() - 1).toISOString()}::timestamptz
        where user_id = ${tenant.users.viewer.id} and purpose = 'password_reset'`,
    );
    for (const token of tokens) {
      const response = await post(t, '/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
      expect(['token_expired', 'token_invalid']).toContain(response.json().error.code);
    }
    const live = tokens[codes.indexOf(undefined)]!;
    expect(
      (await post(t, '/api/auth/password-reset/confirm', { token: live, password: NEW_PASSWORD })).json()
        .error.code,
    ).toBe('token_expired');
  });

  it('ACC-1 a disabled user gets no reset email', async () => {
    const other = await createTenant(t.database);
    const admin = await signIn(t.app, other.users.admin.email);
    await post(t, `/api/users/${other.users.viewer.id}/disable`, {}, admin.headers);
    const response = await post(t, '/api/auth/password-reset/request', { email: other.users.viewer.email });
    expect(response.statusCode).toBe(202);
    expect(await mailsTo(t.database.db, other.orgId, other.users.viewer.email, 'password_reset')).toEqual([]);
  });

  it('ACC-1 reset requests are rate-limited like sign-in, and mail one address at most 5 times an hour', async () => {
    const email = `flood-${randomUUID().slice(0, 8)}@example.test`;
    const other = await createTenant(t.database);
    await t.database.db.execute(
      sql`update users set email = ${email} where org_id = ${other.orgId} and id = ${other.users.user.id}`,
    );
    const codes: number[] = [];
    for (let i = 0; i < 12; i++)
      codes.push((await post(t, '/api/auth/password-reset/request', { email })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 202)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    expect(await mailsTo(t.database.db, other.orgId, email, 'password_reset')).toHaveLength(5);
  });
});

describe('ACC-1 invitation and reset through a real SMTP server', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let tenant: TestTenant;
  let admin: Session;
  beforeAll(async () => {
    smtp = await startSmtpTestServer({ refuse: /^bounce-/ });
    t = await createTestApp({ smtpUrl: smtp.url });
    tenant = await createTenant(t.database);
    admin = await signIn(t.app, tenant.users.admin.email);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('ACC-1 invite → email received → follow its link → signed in → sign in again', async () => {
    const invited = await invite(t, admin, { role: 'viewer', locale: 'en' });
    expect(invited.mail.status).toBe('sent');
    const mail = await smtp.nextMessage();
    expect(mail.recipients).toEqual([invited.email]);
    expect(mail.to).toEqual([invited.email]);
    expect(mail.subject).toBe(`admin user invites you to join ${await orgName(t, tenant.orgId)} on Encours`);
    expect(mail.text).toContain('Hello Ana Petit,');
    const token = linkToken(mail.text, '/invitation');
    expect(mail.html).toContain(`href="http://encours.test/invitation?token=${token}"`);

    const accepted = await post(t, '/api/auth/invitation/accept', { token, password: NEW_PASSWORD });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({ email: invited.email, role: 'viewer', locale: 'en' });
    await signIn(t.app, invited.email, NEW_PASSWORD);
  });

  it('ACC-1 a refused invitation email: the user exists, the admin is told why, the outbox row says failed', async () => {
    const email = `bounce-${randomUUID().slice(0, 8)}@example.test`;
    const response = await post(t, '/api/users', { email, name: 'Bounce', role: 'user' }, admin.headers);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user.status).toBe('invited');
    expect(body.mail.status).toBe('failed');
    expect(body.mail.error).toMatch(/^550 .*Mailbox unavailable/);
    const row = (
      await t.app.inject({ method: 'GET', url: `/api/mail-messages/${body.mail.id}`, headers: admin.headers })
    ).json();
    expect(row).toMatchObject({ status: 'failed', transportReply: body.mail.error, to: email });
    const failed = (
      await t.app.inject({ method: 'GET', url: '/api/mail-messages?status=failed', headers: admin.headers })
    ).json();
    expect(failed.items.map((m: { id: string }) => m.id)).toEqual([body.mail.id]);
    expect(failed.isSmtp).toBe(true);
  });

  it('ACC-1 reset → email received → confirm → the new password works', async () => {
    const email = tenant.users.user.email;
    expect((await post(t, '/api/auth/password-reset/request', { email })).statusCode).toBe(202);
    const mail = await smtp.nextMessage();
    expect(mail.to).toEqual([email]);
    const token = linkToken(mail.text, '/reset-password');
    expect(mail.html).toContain(`href="http://encours.test/reset-password?token=${token}"`);
    const confirmed = await post(t, '/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(confirmed.statusCode).toBe(200);
    await signIn(t.app, email, NEW_PASSWORD);
    const [row] = await mailsTo(t.database.db, tenant.orgId, email, 'password_reset');
    expect(row!.status).toBe('sent');
  });
});

async function orgName(t: TestApp, orgId: string): Promise<string> {
  const [row] = await selectRows<{ name: string }>(
    t.database.db,
    sql`select name from organizations where id = ${orgId}`,
  );
  return row!.name;
}
