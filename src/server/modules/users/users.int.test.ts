import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions } from '../../../../test/support/account-helpers';
import {
  createTenant,
  createTestApp,
  type Session,
  signIn,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';
import { insertMailMessage } from '../../mail/mail-messages.queries';

function call(
  t: TestApp,
  session: Session | null,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
) {
  return t.app.inject({ method, url, headers: session?.headers ?? {}, ...(payload ? { payload } : {}) });
}

async function addCustomers(
  t: TestApp,
  tenant: TestTenant,
  rows: { account: string; salesRep: string | null; collector: string | null }[],
) {
  for (const row of rows) {
    await t.database.db.execute(
      sql`insert into customers (org_id, company_id, account, name, sales_rep, collector)
        values (${tenant.orgId}, ${tenant.companyId}, ${row.account}, ${`Customer ${row.account}`}, ${row.salesRep}, ${row.collector})`,
    );
    // What a sync writes with every customer: its summary, of zeros when nothing is open.
    await t.database.db.execute(
      sql`insert into customer_summaries (org_id, company_id, customer_account, balance, overdue, not_due, buckets, open_item_count, as_of)
        values (${tenant.orgId}, ${tenant.companyId}, ${row.account}, 0, 0, 0, '[0, 0, 0, 0, 0]'::jsonb, 0, current_date)`,
    );
  }
}

describe('COL-5 users: roles, portfolios, disable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('COL-5 lists the users with their role, portfolio and status', async () => {
    const tenant = await createTenant(t.database);
    const admin = await signIn(t.app, tenant.users.admin.email);
    await call(t, admin, 'POST', '/api/users', {
      email: `inv-${randomUUID().slice(0, 6)}@example.test`,
      name: 'Zoé Invitée',
      role: 'viewer',
    });
    await call(t, admin, 'POST', `/api/users/${tenant.users.viewer.id}/disable`);
    const response = await call(t, admin, 'GET', '/api/users');
    expect(response.statusCode).toBe(200);
    const byName = Object.fromEntries(
      response
        .json()
        .items.map((u: { name: string; status: string; role: string }) => [u.name, [u.role, u.status]]),
    );
    expect(byName).toEqual({
      'admin user': ['admin', 'active'],
      'user user': ['user', 'active'],
      'viewer user': ['viewer', 'disabled'],
      'Zoé Invitée': ['viewer', 'invited'],
    });
    const admins = response.json().items.filter((u: { role: string }) => u.role === 'admin');
    expect(admins[0].lastSignInAt).toBe('2024-04-30T10:00:00.000Z');
    const invited = response.json().items.find((u: { status: string }) => u.status === 'invited');
    expect(invited.invitationExpiresAt).toBe('2024-05-07T10:00:00.000Z');
  });

  it('COL-5 a new portfolio applies at once to the user’s open session; admins keep every customer', async () => {
    const tenant = await createTenant(t.database);
    await addCustomers(t, tenant, [
      { account: '411A', salesRep: 'Alice', collector: null },
      { account: '411B', salesRep: 'Bruno', collector: 'Bob' },
      { account: '411C', salesRep: null, collector: 'Camille' },
    ]);
    const admin = await signIn(t.app, tenant.users.admin.email);
    const user = await signIn(t.app, tenant.users.user.email);
    const accounts = async () =>
      (await call(t, user, 'GET', '/api/customers?sort=account&direction=asc'))
        .json()
        .items.map((c: { account: string }) => c.account);
    expect(await accounts()).toEqual(['411A', '411B', '411C']);

    const options = await call(t, admin, 'GET', '/api/users/portfolio-options');
    expect(options.json()).toEqual({ salesReps: ['Alice', 'Bruno'], collectors: ['Bob', 'Camille'] });

    const limited = await call(t, admin, 'PATCH', `/api/users/${tenant.users.user.id}`, {
      portfolio: { salesReps: ['Alice'], collectors: ['Camille'] },
    });
    expect(limited.statusCode, limited.body).toBe(200);
    expect(limited.json().user.portfolio).toEqual({ salesReps: ['Alice'], collectors: ['Camille'] });
    expect(await accounts()).toEqual(['411A', '411C']);

    const empty = await call(t, admin, 'PATCH', `/api/users/${tenant.users.user.id}`, {
      portfolio: { salesReps: [], collectors: [] },
    });
    expect(empty.statusCode).toBe(400);

    const promoted = await call(t, admin, 'PATCH', `/api/users/${tenant.users.user.id}`, { role: 'admin' });
    expect(promoted.json().user).toMatchObject({ role: 'admin', portfolio: null });
    expect(await accounts()).toEqual(['411A', '411B', '411C']);
    expect((await call(t, user, 'GET', '/api/users')).statusCode).toBe(200);

    const unlimited = await call(t, admin, 'PATCH', `/api/users/${tenant.users.viewer.id}`, {
      portfolio: null,
    });
    expect(unlimited.json().user.portfolio).toBeNull();
    expect(await auditActions(t.database.db, tenant.orgId)).toEqual([
      'user.update',
      'user.update',
      'user.update',
    ]);
  });

  it('COL-5 the portfolio pickers list only this organization’s sales reps and collectors', async () => {
    const mine = await createTenant(t.database);
    const other = await createTenant(t.database);
    await addCustomers(t, mine, [{ account: '411M', salesRep: 'Mine', collector: null }]);
    await addCustomers(t, other, [{ account: '411O', salesRep: 'Theirs', collector: 'Theirs too' }]);
    const admin = await signIn(t.app, mine.users.admin.email);
    expect((await call(t, admin, 'GET', '/api/users/portfolio-options')).json()).toEqual({
      salesReps: ['Mine'],
      collectors: [],
    });
  });

  it('ACC-1 a disabled user cannot sign in and their open sessions stop; enabled again, they can', async () => {
    const tenant = await createTenant(t.database);
    const admin = await signIn(t.app, tenant.users.admin.email);
    const user = await signIn(t.app, tenant.users.user.email);
    expect((await call(t, user, 'GET', '/api/auth/me')).statusCode).toBe(200);

    const disabled = await call(t, admin, 'POST', `/api/users/${tenant.users.user.id}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().user.status).toBe('disabled');
    expect((await call(t, user, 'GET', '/api/auth/me')).statusCode).toBe(401);

    const right = await call(t, null, 'POST', '/api/auth/sign-in', {
      email: tenant.users.user.email,
      password: 'correct horse battery staple',
    });
    expect(right.statusCode).toBe(403);
    expect(right.json().error.code).toBe('account_disabled');
    // A wrong password says nothing about the account.
    const wrong = await call(t, null, 'POST', '/api/auth/sign-in', {
      email: tenant.users.user.email,
      password: 'nope',
    });
    expect(wrong.statusCode).toBe(401);

    const enabled = await call(t, admin, 'POST', `/api/users/${tenant.users.user.id}/enable`);
    expect(enabled.json().user.status).toBe('active');
    await signIn(t.app, tenant.users.user.email);
    expect(await auditActions(t.database.db, tenant.orgId)).toEqual(['user.disable', 'user.enable']);
  });

  it('COL-5 the last active admin cannot disable or demote themselves; with a second admin they can', async () => {
    const tenant = await createTenant(t.database);
    const admin = await signIn(t.app, tenant.users.admin.email);
    const selfUrl = `/api/users/${tenant.users.admin.id}`;
    // An invited admin who never signed up does not count as an active admin.
    await call(t, admin, 'POST', '/api/users', {
      email: `adm-${randomUUID().slice(0, 6)}@example.test`,
      name: 'Pending admin',
      role: 'admin',
    });

    for (const [method, url, payload] of [
      ['POST', `${selfUrl}/disable`, undefined],
      ['PATCH', selfUrl, { role: 'user' }],
    ] as const) {
      const response = await call(t, admin, method, url, payload);
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('last_admin');
    }

    await call(t, admin, 'PATCH', `/api/users/${tenant.users.user.id}`, { role: 'admin' });
    const demoted = await call(t, admin, 'PATCH', selfUrl, { role: 'viewer' });
    expect(demoted.statusCode).toBe(200);
    // The demotion applies to the open session at once.
    expect((await call(t, admin, 'GET', '/api/users')).statusCode).toBe(403);
  });
});

describe('COL-5 the outbox', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t.database);
    admin = await signIn(t.app, tenant.users.admin.email);
    const other = await createTenant(t.database);
    const base = Date.parse('2024-04-01T08:00:00Z');
    for (let i = 0; i < 5; i++) {
      for (const orgId of [tenant.orgId, other.orgId]) {
        await insertMailMessage(t.database.db, {
          orgId,
          kind: 'test',
          toAddress: `to${i}@example.test`,
          subject: `Message ${i}`,
          textBody: `Body ${i}`,
          htmlBody: i === 4 ? '<p>Body 4</p>' : null,
          status: i % 2 === 0 ? 'outbox' : 'sending',
          createdAt: new Date(base + i * 60_000),
        });
      }
    }
  });
  afterAll(() => t.close());

  it('COL-5 lists this organization’s messages newest first, by page and status, and reads one', async () => {
    const page1 = (await call(t, admin, 'GET', '/api/mail-messages?pageSize=2')).json();
    expect(page1).toMatchObject({ total: 5, page: 1, pageSize: 2, isSmtp: false });
    expect(page1.items.map((m: { subject: string }) => m.subject)).toEqual(['Message 4', 'Message 3']);
    expect(page1.items[0]).not.toHaveProperty('text');
    const page3 = (await call(t, admin, 'GET', '/api/mail-messages?pageSize=2&page=3')).json();
    expect(page3.items.map((m: { subject: string }) => m.subject)).toEqual(['Message 0']);
    const outbox = (await call(t, admin, 'GET', '/api/mail-messages?status=outbox')).json();
    expect(outbox.items.map((m: { subject: string }) => m.subject)).toEqual([
      'Message 4',
      'Message 2',
      'Message 0',
    ]);

    const one = (await call(t, admin, 'GET', `/api/mail-messages/${page1.items[0].id}`)).json();
    expect(one).toMatchObject({
      subject: 'Message 4',
      text: 'Body 4',
      html: '<p>Body 4</p>',
      to: 'to4@example.test',
    });
    const bad = await call(t, admin, 'GET', '/api/mail-messages?status=lost');
    expect(bad.statusCode).toBe(400);
  });
});

describe('COL-5 access to the users and outbox routes', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let otherMailId: string;
  const sessions = {} as Record<'admin' | 'user' | 'viewer', Session>;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t.database);
    other = await createTenant(t.database);
    for (const role of ['admin', 'user', 'viewer'] as const)
      sessions[role] = await signIn(t.app, tenant.users[role].email);
    const mail = await t.deps.mailer.send({
      orgId: other.orgId,
      kind: 'test',
      to: 'x@example.test',
      subject: 'S',
      text: 'T',
    });
    otherMailId = mail.id;
  });
  afterAll(() => t.close());

  const routes = (userId: string, mailId: string) =>
    [
      ['GET', '/api/users', undefined],
      ['GET', '/api/users/portfolio-options', undefined],
      [
        'POST',
        '/api/users',
        { email: `m-${randomUUID().slice(0, 6)}@example.test`, name: 'M', role: 'user' },
      ],
      ['POST', `/api/users/${userId}/invitation`, undefined],
      ['PATCH', `/api/users/${userId}`, { role: 'viewer' }],
      ['POST', `/api/users/${userId}/disable`, undefined],
      ['POST', `/api/users/${userId}/enable`, undefined],
      ['GET', '/api/mail-messages', undefined],
      ['GET', `/api/mail-messages/${mailId}`, undefined],
    ] as const;

  it('COL-5 a user and a viewer get 403 on every admin route; nobody signed in gets 401', async () => {
    for (const [method, url, payload] of routes(tenant.users.user.id, otherMailId)) {
      for (const role of ['user', 'viewer'] as const) {
        const response = await call(t, sessions[role], method, url, payload);
        expect(response.statusCode, `${role} ${method} ${url}`).toBe(403);
      }
      expect((await call(t, null, method, url, payload)).statusCode, `${method} ${url}`).toBe(401);
    }
    // Nothing changed on the way.
    expect(await auditActions(t.database.db, tenant.orgId)).toEqual([]);
  });

  it('COL-5 another organization’s user or message answers 404 to an admin', async () => {
    for (const [method, url, payload] of routes(other.users.user.id, otherMailId)) {
      if (!url.includes(other.users.user.id) && !url.includes(otherMailId)) continue;
      const response = await call(t, sessions.admin, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    const otherUsers = (await call(t, sessions.admin, 'GET', '/api/users')).json().items;
    expect(otherUsers.map((u: { id: string }) => u.id)).not.toContain(other.users.user.id);
    const mails = (await call(t, sessions.admin, 'GET', '/api/mail-messages')).json();
    expect(mails.total).toBe(0);
  });
});
