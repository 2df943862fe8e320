import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import {
  apiAs,
  createTenant,
  createTestApp,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';
import type { Activity, ActivityDetail, ActivityList } from '../../../contracts/activities';
import type { Todo } from '../../../contracts/dunning';
import { selectRows } from '../../db/client';
import { forgetCachedSessions } from '../auth/auth.service';
import { runDunning } from '../dunning/dunning-run.service';

const TODAY = '2023-07-31';

describe('DUN-14 DUN-11 COL-5 the Activities page: every reminder and manual contact, with its archived content', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let letterAccount: string;
  let emailAccount: string;
  const call = apiAs(() => t.app);
  const admin = () => tenant.users.admin.email;
  const list = async (query = '', email = admin()) =>
    (await call(email, 'GET', `/api/activities${query}`)).json<ActivityList>();
  const todo = async () =>
    (await call(admin(), 'GET', `/api/dunning/todo?companyId=${tenant.companyId}`)).json<Todo>();

  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    tenant = await createTenant(t.database);
    other = await createTenant(t.database);
    await importSharedFec(t.database, tenant, NEOLEGAL_111, TODAY);
    // Without an email address, a customer follows the letter variant (DUN-3): keep one such.
    const letterLine = (await todo()).lines.find((l) => l.channel === 'letter')!;
    letterAccount = letterLine.account;
    await t.database.db.execute(
      sql`update customers set sync_email = lower(account) || '@customers.test'
        where org_id = ${tenant.orgId} and account <> ${letterAccount}`,
    );
    const lines = (await todo()).lines;
    const emailLine = lines.find((l) => l.channel === 'email' && l.level === 'R1')!;
    const letter = lines.find((l) => l.account === letterAccount && l.channel === 'letter')!;
    emailAccount = emailLine.account;
    const sent = await call(tenant.users.user.email, 'POST', '/api/dunning/send', {
      companyId: tenant.companyId,
      keys: [emailLine.key, letter.key],
    });
    expect(sent.status).toBe(200);
    // A call recorded by hand on the email customer (DUN-11).
    const state = (await call(admin(), 'GET', `/api/customers/${emailLine.customerId}/dunning`)).json<{
      items: { entryKey: string; amount: number }[];
    }>();
    const recorded = await call(admin(), 'POST', `/api/customers/${emailLine.customerId}/dunning/actions`, {
      kind: 'call',
      entryKeys: [state.items.find((i) => i.amount > 0)!.entryKey],
      countsForScenario: false,
      outcome: 'reached',
      comment: 'Règlement promis vendredi',
    });
    expect(recorded.status).toBe(204);
  });
  afterAll(() => t.close());

  const find = (items: Activity[], predicate: (a: Activity) => boolean) => items.find(predicate);

  it('DUN-14 lists the sent email and letter with their actor, channel, status and customer, and the manual call', async () => {
    const page = await list();
    const email = find(page.items, (a) => a.customerAccount === emailAccount && a.channel === 'email');
    expect(email).toMatchObject({
      source: 'reminder',
      status: 'sent',
      actor: 'user',
      userId: tenant.users.user.id,
      userName: 'user user',
      companyCode: 'MAIN',
      level: 'R1',
      hasDocument: false,
    });
    expect(email?.customerName).toBeTruthy();
    expect(email?.subject).toBeTruthy();
    expect(
      find(page.items, (a) => a.customerAccount === letterAccount && a.channel === 'letter'),
    ).toMatchObject({ status: 'sent', hasDocument: true, actor: 'user' });
    expect(find(page.items, (a) => a.source === 'action')).toMatchObject({
      channel: 'call',
      status: 'done',
      actor: 'user',
      userName: 'admin user',
      customerAccount: emailAccount,
    });
    // Latest first.
    const times = page.items.map((a) => a.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(page.total).toBe(page.items.length);
  });

  it('DUN-14 filters by status, channel, actor, company, dates and customer, and pages', async () => {
    expect((await list('?channel=call')).items.map((a) => a.channel)).toEqual(['call']);
    expect((await list('?channel=letter')).items.every((a) => a.channel === 'letter')).toBe(true);
    expect((await list('?status=done')).items.every((a) => a.source === 'action')).toBe(true);
    expect((await list('?status=failed')).total).toBe(0);
    expect(
      (await list(`?actor=${tenant.users.user.id}`)).items.every((a) => a.userId === tenant.users.user.id),
    ).toBe(true);
    expect((await list(`?actor=${tenant.users.user.id}`)).total).toBe(2);
    expect((await list('?actor=automatic')).total).toBe(0);
    expect((await list(`?search=${encodeURIComponent(letterAccount)}`)).items.map((a) => a.channel)).toEqual([
      'letter',
    ]);
    expect((await list('?from=2999-01-01')).total).toBe(0);
    expect((await list(`?companyId=${tenant.companyId}&to=2999-01-01`)).total).toBe(3);
    const first = await list('?pageSize=1');
    const second = await list('?pageSize=1&page=2');
    expect([first.total, second.total]).toEqual([3, 3]);
    expect(first.items[0]?.id).not.toBe(second.items[0]?.id);
    expect((await list('?pageSize=1&page=9')).total).toBe(3);
    expect((await call(admin(), 'GET', '/api/activities?status=nope')).status).toBe(400);
  });

  it('DUN-14 the email is archived as sent: recipients, subject, text and HTML, equal to the message recorded', async () => {
    const email = find((await list('?channel=email')).items, () => true)!;
    const detail = (await call(admin(), 'GET', `/api/activities/${email.id}`)).json<ActivityDetail>();
    const [mail] = await selectRows<{
      to_address: string;
      subject: string;
      text_body: string;
      html_body: string;
    }>(
      t.database.db,
      sql`select m.to_address, m.subject, m.text_body, m.html_body from mail_messages m
        join reminders r on r.org_id = m.org_id and r.mail_id = m.id where r.id = ${email.id}`,
    );
    expect(detail.email).toMatchObject({
      to: mail!.to_address,
      subject: mail!.subject,
      text: mail!.text_body,
      html: mail!.html_body,
    });
    expect(detail.email?.to).toBe(`${emailAccount.toLowerCase()}@customers.test`);
    expect(detail.email?.html).toContain('<');
    expect(detail.items.length).toBeGreaterThan(0);
    const call_ = find((await list('?channel=call')).items, () => true)!;
    const action = (await call(admin(), 'GET', `/api/activities/${call_.id}`)).json<ActivityDetail>();
    expect(action).toMatchObject({ outcome: 'reached', comment: 'Règlement promis vendredi', email: null });
  });

  it("DUN-14 the letter's PDF is served as produced", async () => {
    const letter = find((await list('?channel=letter')).items, () => true)!;
    const pdf = await call(admin(), 'GET', `/api/activities/${letter.id}/document.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.response.headers['content-type']).toBe('application/pdf');
    const [stored] = await selectRows<{ pdf: Buffer }>(
      t.database.db,
      sql`select pdf from reminder_documents where org_id = ${tenant.orgId} and reminder_id = ${letter.id}`,
    );
    expect(Buffer.compare(pdf.response.rawPayload, Buffer.from(stored!.pdf))).toBe(0);
    const email = find((await list('?channel=email')).items, () => true)!;
    expect((await call(admin(), 'GET', `/api/activities/${email.id}/document.pdf`)).status).toBe(404);
  });

  it("COL-5 another organization's activity answers 404; a portfolio user sees only its customers", async () => {
    const all = (await list()).items;
    const stranger = other.users.admin.email;
    expect((await list('', stranger)).total).toBe(0);
    for (const a of all) {
      expect((await call(stranger, 'GET', `/api/activities/${a.id}`)).status).toBe(404);
    }
    const letter = all.find((a) => a.channel === 'letter')!;
    expect((await call(stranger, 'GET', `/api/activities/${letter.id}/document.pdf`)).status).toBe(404);
    // The viewer reads everything until a portfolio narrows it down.
    const viewer = tenant.users.viewer.email;
    expect((await list('', viewer)).total).toBe(3);
    await t.database.db.execute(
      sql`update customers set sales_rep = 'Alice' where org_id = ${tenant.orgId} and account = ${letterAccount}`,
    );
    const portfolio = { salesReps: ['Alice'], collectors: [] };
    await t.database.db.execute(
      sql`update users set portfolio = ${JSON.stringify(portfolio)}::jsonb where id = ${tenant.users.viewer.id}`,
    );
    forgetCachedSessions(tenant.users.viewer.id);
    const seen = (await list('', viewer)).items;
    expect(seen.some((a) => a.customerAccount === letterAccount)).toBe(true);
    const hidden = all.filter((a) => !seen.some((s) => s.id === a.id));
    for (const a of hidden) expect((await call(viewer, 'GET', `/api/activities/${a.id}`)).status).toBe(404);
    await t.database.db.execute(
      sql`update users set portfolio = '{"salesReps":["Nobody"],"collectors":[]}' where id = ${tenant.users.viewer.id}`,
    );
    forgetCachedSessions(tenant.users.viewer.id);
    expect((await list('', viewer)).total).toBe(0);
    expect((await call(viewer, 'GET', `/api/activities/${letter.id}/document.pdf`)).status).toBe(404);
  });

  it('DUN-12 DUN-14 what the nightly run sends is listed as automatic sending, with no user', async () => {
    const report = await runDunning(t.deps, {
      orgId: tenant.orgId,
      companyCode: 'MAIN',
      today: TODAY,
      now: new Date(`${TODAY}T22:00:00Z`),
    });
    expect(report).toBeTruthy();
    const automatic = await list('?actor=automatic&pageSize=200');
    expect(automatic.total).toBeGreaterThan(0);
    for (const a of automatic.items)
      expect(a).toMatchObject({ actor: 'automatic', userId: null, userName: null });
    const [count] = await selectRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from reminders where org_id = ${tenant.orgId} and actor = 'automatic'`,
    );
    expect(automatic.total).toBe(count!.n);
    expect((await list(`?actor=${tenant.users.user.id}`)).total).toBe(2);
  });

  it('DUN-11 DUN-14 an email written on the customer record is shown as it was recorded, body included', async () => {
    const customer = (await todo()).lines.find((l) => l.channel === 'email')!;
    const state = (await call(admin(), 'GET', `/api/customers/${customer.customerId}/dunning`)).json<{
      items: { entryKey: string; amount: number }[];
    }>();
    const text = 'Bonjour,\nPouvez-vous nous confirmer la date de règlement ?\nMerci.';
    const written = await call(admin(), 'POST', `/api/customers/${customer.customerId}/dunning/actions`, {
      kind: 'email',
      entryKeys: [state.items.find((i) => i.amount > 0)!.entryKey],
      countsForScenario: false,
      email: { to: ['compta@customer.test'], subject: 'Votre règlement', text },
    });
    expect(written.status).toBe(204);
    const activity = find(
      (await list('?channel=email&status=done')).items,
      (a) => a.subject === 'Votre règlement',
    )!;
    const detail = (await call(admin(), 'GET', `/api/activities/${activity.id}`)).json<ActivityDetail>();
    expect(detail.email).toMatchObject({
      to: 'compta@customer.test',
      subject: 'Votre règlement',
      text,
      fromName: 'admin user',
      replyTo: tenant.users.admin.email,
      deliveryStatus: 'outbox',
    });
    expect(detail.email?.messageId).toBeNull();
  });
});
