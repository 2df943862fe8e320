import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import {
  createTenant,
  createTestApp,
  type Session,
  signIn,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';
import type { DunningSettings, Profile, SendResult, Todo } from '../../../contracts/dunning';
import { STANDARD_SCENARIO } from '../../../domain/dunning/scenario';
import { selectRows } from '../../db/client';
import { forgetCachedSessions } from '../auth/auth.service';

const TODAY = '2023-07-31';

/** One sign-in per user and app: signing in before every request would trip the rate limit. */
const sessions = new WeakMap<TestApp, Map<string, Session>>();
async function sessionOf(t: TestApp, email: string): Promise<Session> {
  const known = sessions.get(t) ?? new Map<string, Session>();
  sessions.set(t, known);
  let session = known.get(email);
  if (!session) {
    session = await signIn(t.app, email);
    known.set(email, session);
  }
  return session;
}

describe('DUN-9 DUN-13 the to-do by scenario over HTTP', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    tenant = await createTenant(t.database);
    other = await createTenant(t.database);
    await importSharedFec(t.database, tenant, NEOLEGAL_111, TODAY);
    await t.database.db.execute(
      sql`update customers set sync_email = lower(account) || '@customers.test' where org_id = ${tenant.orgId}`,
    );
  });
  afterAll(() => t.close());

  const get = async <T>(email: string, url: string) => {
    const session = await sessionOf(t, email);
    const response = await t.app.inject({ method: 'GET', url, headers: session.headers });
    const isJson = String(response.headers['content-type']).startsWith('application/json');
    return {
      status: response.statusCode,
      body: response.statusCode === 200 && isJson ? response.json<T>() : null,
    };
  };
  const send = async (
    email: string,
    payload: unknown,
    method: 'POST' | 'PUT' | 'DELETE' = 'POST',
    url = '/api/dunning/send',
  ) => {
    const session = await sessionOf(t, email);
    const response = await t.app.inject({
      method,
      url,
      headers: session.headers,
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, json: () => response.json() };
  };
  const outboxCount = async () =>
    (
      await selectRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from mail_messages where org_id = ${tenant.orgId} and kind = 'reminder'`,
      )
    )[0]!.n;
  const todoOf = async (email: string) =>
    (await get<Todo>(email, `/api/dunning/todo?companyId=${tenant.companyId}`)).body!;

  it('DUN-9 lists every reminder due today with its key, step, level, channel, pieces and total; viewers read it', async () => {
    const todo = await todoOf(tenant.users.viewer.email);
    expect(todo).toMatchObject({
      companyCode: 'MAIN',
      today: TODAY,
      currency: 'EUR',
      freshness: { isFresh: true },
    });
    expect(todo.lines.length).toBeGreaterThan(3);
    for (const line of todo.lines) {
      expect(line.key).toMatch(/^[0-9a-f]{64}$/);
      expect(line.pieces.length).toBeGreaterThan(0);
      expect(line.rowStatus).toBeNull();
    }
    expect(todo.lines.some((l) => l.channel === 'email' && l.level === 'R1')).toBe(true);
  });

  it('DUN-9 the preview shows the recipient, subject and text of a line', async () => {
    const todo = await todoOf(tenant.users.user.email);
    const line = todo.lines.find((l) => l.channel === 'email')!;
    const preview = await get<{ to: string[]; subject: string; text: string }>(
      tenant.users.user.email,
      `/api/dunning/preview?companyId=${tenant.companyId}&key=${line.key}`,
    );
    expect(preview.body!.to).toEqual([`${line.account.toLowerCase()}@customers.test`]);
    expect(preview.body!.subject).toContain(line.account);
    expect(preview.body!.text).toContain(line.pieces[0]!);
  });

  it('DUN-13 a viewer cannot send; a user sends chosen lines once, even when two users send them at once', async () => {
    const todo = await todoOf(tenant.users.user.email);
    const keys = todo.lines
      .filter((l) => l.channel === 'email')
      .slice(0, 3)
      .map((l) => l.key);
    expect((await send(tenant.users.viewer.email, { companyId: tenant.companyId, keys })).status).toBe(403);
    expect(await outboxCount()).toBe(0);
    const [a, b] = await Promise.all([
      send(tenant.users.user.email, { companyId: tenant.companyId, keys }),
      send(tenant.users.admin.email, { companyId: tenant.companyId, keys }),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const statuses = [...(a.json() as SendResult).results, ...(b.json() as SendResult).results].map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 'outbox')).toHaveLength(3);
    expect(await outboxCount()).toBe(3);
    // Sent: the items moved up, the lines are no longer due, and sending them again sends nothing.
    const after = await todoOf(tenant.users.user.email);
    expect(after.lines.filter((l) => keys.includes(l.key))).toEqual([]);
    const again = (
      await send(tenant.users.user.email, { companyId: tenant.companyId, keys })
    ).json() as SendResult;
    expect(again.results.map((r) => r.status)).toEqual(['notDue', 'notDue', 'notDue']);
    expect(await outboxCount()).toBe(3);
  });

  it('DUN-14 the customer record lists its reminders with the subject sent and the actor', async () => {
    const [row] = await selectRows<{ id: string }>(
      t.database.db,
      sql`select c.id from customers c join reminders r on r.org_id = c.org_id and r.company_id = c.company_id
        and r.customer_account = c.account where c.org_id = ${tenant.orgId} and r.status = 'sent' limit 1`,
    );
    const timeline = await get<{
      items: { status: string; actor: string; subject: string | null; channel: string }[];
    }>(tenant.users.viewer.email, `/api/customers/${row!.id}/reminders`);
    expect(timeline.body!.items[0]).toMatchObject({ status: 'sent', actor: 'user', channel: 'email' });
    expect(timeline.body!.items[0]!.subject).toContain('factures échues');
  });

  it('COL-5 a portfolio user sees and sends only the customers of the portfolio', async () => {
    const todo = await todoOf(tenant.users.admin.email);
    const [mine, theirs] = [todo.lines[0]!, todo.lines.find((l) => l.account !== todo.lines[0]!.account)!];
    await t.database.db.execute(
      sql`update customers set sales_rep = 'Alice' where org_id = ${tenant.orgId} and account = ${mine.account}`,
    );
    await t.database.db.execute(
      sql`update users set portfolio = '{"salesReps":["Alice"],"collectors":[]}'
        where org_id = ${tenant.orgId} and id = ${tenant.users.user.id}`,
    );
    forgetCachedSessions(tenant.users.user.id);
    const limited = await todoOf(tenant.users.user.email);
    expect(new Set(limited.lines.map((l) => l.account))).toEqual(new Set([mine.account]));
    const result = (
      await send(tenant.users.user.email, { companyId: tenant.companyId, keys: [theirs.key] })
    ).json() as SendResult;
    expect(result.results[0]!.status).toBe('notDue');
    const preview = await get(
      tenant.users.user.email,
      `/api/dunning/preview?companyId=${tenant.companyId}&key=${theirs.key}`,
    );
    expect(preview.status).toBe(404);
    await t.database.db.execute(
      sql`update users set portfolio = null where org_id = ${tenant.orgId} and id = ${tenant.users.user.id}`,
    );
    forgetCachedSessions(tenant.users.user.id);
  });

  it("ACC-4 another organization's company, reminder, customer and profile answer 404", async () => {
    const todo = await todoOf(tenant.users.admin.email);
    const key = todo.lines[0]!.key;
    const stranger = other.users.admin.email;
    expect((await get(stranger, `/api/dunning/todo?companyId=${tenant.companyId}`)).status).toBe(404);
    expect(
      (await get(stranger, `/api/dunning/preview?companyId=${tenant.companyId}&key=${key}`)).status,
    ).toBe(404);
    expect((await send(stranger, { companyId: tenant.companyId, keys: [key] })).status).toBe(404);
    expect((await get(stranger, `/api/dunning/settings?companyId=${tenant.companyId}`)).status).toBe(404);
    const [customer] = await selectRows<{ id: string }>(
      t.database.db,
      sql`select id from customers where org_id = ${tenant.orgId} limit 1`,
    );
    expect((await get(stranger, `/api/customers/${customer!.id}/reminders`)).status).toBe(404);
    const [batch] = await selectRows<{ id: string }>(
      t.database.db,
      sql`insert into letter_batches (org_id, company_id, reminder_ids, pdf)
        values (${tenant.orgId}, ${tenant.companyId}, '[]', '\\x25504446') returning id`,
    );
    expect((await get(stranger, `/api/dunning/letter-batches/${batch!.id}`)).status).toBe(404);
    expect((await get(tenant.users.viewer.email, `/api/dunning/letter-batches/${batch!.id}`)).status).toBe(
      200,
    );
    const profiles = (await get<{ items: Profile[] }>(tenant.users.admin.email, '/api/dunning/profiles'))
      .body!;
    const body = { name: 'Stolen', scenario: STANDARD_SCENARIO };
    expect((await send(stranger, body, 'PUT', `/api/dunning/profiles/${profiles.items[0]!.id}`)).status).toBe(
      404,
    );
    expect(
      (await send(stranger, null, 'DELETE', `/api/dunning/profiles/${profiles.items[0]!.id}`)).status,
    ).toBe(404);
  });
});

describe('DUN-1 DUN-3 DUN-7 dunning configuration over HTTP', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    tenant = await createTenant(t.database);
    await importSharedFec(t.database, tenant, NEOLEGAL_111, TODAY);
  });
  afterAll(() => t.close());

  const call = async (
    email: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) => {
    const session = await sessionOf(t, email);
    const response = await t.app.inject({
      method,
      url,
      headers: session.headers,
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, json: <T>() => response.json<T>() };
  };
  const admin = () => tenant.users.admin.email;

  it('DUN-1 DUN-2 the organization starts with one default profile, the Standard scenario', async () => {
    const { items } = (await call(tenant.users.viewer.email, 'GET', '/api/dunning/profiles')).json<{
      items: Profile[];
    }>();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ name: 'Standard', isDefault: true });
    expect(items[0]!.scenario.withEmail.steps.map((s) => s.kind)).toEqual([
      'notice',
      'reminder',
      'reminder',
      'reminder',
      'reminder',
      'thankYou',
    ]);
  });

  it('DUN-3 a scenario the rules refuse is refused with the step and the reason; only admins edit', async () => {
    const { items } = (await call(admin(), 'GET', '/api/dunning/profiles')).json<{ items: Profile[] }>();
    const standard = items[0]!;
    const emailInLetterVariant = {
      ...standard.scenario,
      withoutEmail: {
        ...standard.scenario.withoutEmail,
        steps: [{ ...standard.scenario.withEmail.steps[1]! }],
      },
    };
    const refused = await call(admin(), 'PUT', `/api/dunning/profiles/${standard.id}`, {
      name: 'Standard',
      scenario: emailInLetterVariant,
    });
    expect(refused.status).toBe(400);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/without email, step 1/);
    const user = await call(tenant.users.user.email, 'PUT', `/api/dunning/profiles/${standard.id}`, {
      name: 'Standard',
      scenario: standard.scenario,
    });
    expect(user.status).toBe(403);
    // An admin moves R1 to 10 days after the due date: the planner follows.
    const edited = structuredClone(standard.scenario);
    edited.withEmail.steps[1]!.days = 10;
    const saved = await call(admin(), 'PUT', `/api/dunning/profiles/${standard.id}`, {
      name: 'Standard',
      scenario: edited,
    });
    expect(saved.status).toBe(200);
    expect(saved.json<Profile>().scenario.withEmail.steps[1]!.days).toBe(10);
  });

  it('DUN-1 the default cannot be deleted; a profile in use only by moving its customers', async () => {
    const created = await call(admin(), 'POST', '/api/dunning/profiles', {
      name: 'Gentle',
      scenario: STANDARD_SCENARIO,
    });
    expect(created.status).toBe(200);
    const gentle = created.json<Profile>();
    const codeOf = (answer: { json: <T>() => T }) => answer.json<{ error: { code: string } }>().error.code;
    const taken = await call(admin(), 'POST', '/api/dunning/profiles', {
      name: 'Gentle',
      scenario: STANDARD_SCENARIO,
    });
    expect([taken.status, codeOf(taken)]).toEqual([409, 'profile_name_taken']);
    const { items } = (await call(admin(), 'GET', '/api/dunning/profiles')).json<{ items: Profile[] }>();
    const standard = items.find((p) => p.isDefault)!;
    const renamed = await call(admin(), 'PUT', `/api/dunning/profiles/${gentle.id}`, {
      name: standard.name,
      scenario: STANDARD_SCENARIO,
    });
    expect([renamed.status, codeOf(renamed)]).toEqual([409, 'profile_name_taken']);
    const defaultDeleted = await call(admin(), 'DELETE', `/api/dunning/profiles/${standard.id}`);
    expect([defaultDeleted.status, codeOf(defaultDeleted)]).toEqual([409, 'default_profile']);
    await t.database.db.execute(
      sql`insert into customer_dunning (org_id, company_id, customer_account, profile_id)
        select org_id, company_id, account, ${gentle.id}::uuid from customers where org_id = ${tenant.orgId} limit 2`,
    );
    const inUse = await call(admin(), 'DELETE', `/api/dunning/profiles/${gentle.id}`);
    expect([inUse.status, codeOf(inUse)]).toEqual([409, 'profile_in_use']);
    expect(inUse.json<{ error: { message: string } }>().error.message).toMatch(
      /^2 customers use this profile/,
    );
    expect(
      (await call(admin(), 'DELETE', `/api/dunning/profiles/${gentle.id}?moveTo=${standard.id}`)).status,
    ).toBe(204);
    const [moved] = await selectRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from customer_dunning where org_id = ${tenant.orgId} and profile_id = ${standard.id}`,
    );
    expect(moved!.n).toBe(2);
  });

  it('DUN-7 DUN-8 DUN-12 options are saved; the grouping locks once a reminder was sent', async () => {
    const url = `/api/dunning/settings?companyId=${tenant.companyId}`;
    const initial = (await call(admin(), 'GET', url)).json<DunningSettings>();
    expect(initial).toMatchObject({
      grouping: 'perLevel',
      isGroupingLocked: false,
      automationTime: '02:00',
      freshnessHours: 24,
    });
    const { isGroupingLocked: _, ...body } = initial;
    const bad = await call(admin(), 'PUT', url, { ...body, automationTime: '25:00' });
    expect(bad.status).toBe(400);
    expect((await call(tenant.users.user.email, 'PUT', url, body)).status).toBe(403);
    const saved = await call(admin(), 'PUT', url, {
      ...body,
      threshold: 10_000,
      ceiling: 1_000_000,
      freshnessHours: 72,
    });
    expect(saved.json<DunningSettings>()).toMatchObject({
      threshold: 10_000,
      ceiling: 1_000_000,
      freshnessHours: 72,
    });
    expect((await call(admin(), 'PUT', url, { ...body, grouping: 'accountSituation' })).status).toBe(200);
    await t.database.db.execute(
      sql`insert into reminders (org_id, company_id, key, customer_account, kind, step_index, level, channel, items,
          total, currency, planned_for, status, actor)
        values (${tenant.orgId}, ${tenant.companyId}, ${'0'.repeat(64)}, '411X', 'reminder', 1, 'R1', 'email', '[]',
          100, 'EUR', ${TODAY}, 'sent', 'user')`,
    );
    const locked = await call(admin(), 'PUT', url, { ...body, grouping: 'perLevel' });
    expect(locked.status).toBe(409);
    expect(locked.json<{ error: { code: string } }>().error.code).toBe('grouping_locked');
    expect((await call(admin(), 'GET', url)).json<DunningSettings>()).toMatchObject({
      grouping: 'accountSituation',
      isGroupingLocked: true,
    });
  });

  it('DUN-8 a payment method marked automatic takes its items out of the to-do', async () => {
    const [item] = await selectRows<{ entry_key: string; customer_account: string }>(
      t.database.db,
      sql`select o.entry_key, o.customer_account from open_items o where o.org_id = ${tenant.orgId}
        and o.amount > 0 and o.due_date < ${TODAY} order by o.due_date limit 1`,
    );
    // The import collects the codes it meets; this ledger has none, so one is added as an import would.
    await t.database.db.execute(
      sql`insert into payment_methods (org_id, company_id, code, label) values (${tenant.orgId}, ${tenant.companyId}, 'PRLV', 'Prélèvement')`,
    );
    await t.database.db.execute(
      sql`update entries set payment_method = 'PRLV' where org_id = ${tenant.orgId} and entry_key = ${item!.entry_key}`,
    );
    const url = `/api/dunning/payment-methods?companyId=${tenant.companyId}`;
    expect((await call(admin(), 'GET', url)).json<{ items: unknown[] }>().items).toEqual([
      { code: 'PRLV', label: 'Prélèvement', isAutomatic: false },
    ]);
    expect(
      (await call(tenant.users.user.email, 'PUT', url, { code: 'PRLV', isAutomatic: true })).status,
    ).toBe(403);
    expect((await call(admin(), 'PUT', url, { code: 'CB', isAutomatic: true })).status).toBe(400);
    const saved = await call(admin(), 'PUT', url, { code: 'PRLV', isAutomatic: true });
    expect(saved.json<{ items: { isAutomatic: boolean }[] }>().items[0]!.isAutomatic).toBe(true);
    const todo = (await call(admin(), 'GET', `/api/dunning/todo?companyId=${tenant.companyId}`)).json<Todo>();
    expect(
      todo.excluded.some((e) => e.account === item!.customer_account && e.reason === 'automaticPayment'),
    ).toBe(true);
  });
});
