import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakePdf } from '../../../../test/support/invoice-zip';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import {
  apiAs,
  createTenant,
  createTestApp,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';
import type { CustomerDunning, Task, Todo } from '../../../contracts/dunning';
import { selectRows } from '../../db/client';
import { forgetCachedSessions } from '../auth/auth.service';
import { storeInvoiceDocument } from '../invoice-documents/invoice-documents.queries';
import { runDunning } from './dunning-run.service';

const TODAY = '2023-07-31';

describe('DUN-8 DUN-11 CSH-1 individual actions on a customer, and the action list', () => {
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

  const call = apiAs(() => t.app);
  const admin = () => tenant.users.admin.email;
  const todo = async () =>
    (await call(admin(), 'GET', `/api/dunning/todo?companyId=${tenant.companyId}`)).json<Todo>();
  const stateOf = async (id: string) =>
    (await call(admin(), 'GET', `/api/customers/${id}/dunning`)).json<CustomerDunning>();
  /** A customer with an R1 line today and its open items. */
  const aCustomer = async (skip = 0) => {
    const line = (await todo()).lines.filter((l) => l.level === 'R1' && l.channel === 'email')[skip]!;
    return { line, id: line.customerId, state: await stateOf(line.customerId) };
  };

  it('DUN-8 STOP on a customer takes it out of the to-do with its reason; lifting it brings it back', async () => {
    const { line, id } = await aCustomer();
    expect(
      (await call(admin(), 'PATCH', `/api/customers/${id}/dunning`, { stopReason: 'Litige commercial' }))
        .status,
    ).toBe(204);
    const stopped = await todo();
    expect(stopped.lines.filter((l) => l.account === line.account)).toEqual([]);
    expect(stopped.excluded.find((e) => e.account === line.account)?.reason).toBe('customerStop');
    expect((await stateOf(id)).stopReason).toBe('Litige commercial');
    await call(admin(), 'PATCH', `/api/customers/${id}/dunning`, { stopReason: null });
    expect((await todo()).lines.some((l) => l.key === line.key)).toBe(true);
  });

  it('DUN-8 a customer in dispute stays in the to-do marked (D); an item in dispute is left out', async () => {
    const { line, id, state } = await aCustomer();
    await call(admin(), 'PATCH', `/api/customers/${id}/dunning`, { disputeReason: 'Prix contesté' });
    expect((await todo()).lines.find((l) => l.account === line.account)?.isDisputed).toBe(true);
    await call(admin(), 'PATCH', `/api/customers/${id}/dunning`, { disputeReason: null });
    const first = state.items.find((i) => line.pieces.includes(i.pieceRef))!;
    await call(admin(), 'PATCH', `/api/customers/${id}/dunning/items`, {
      entryKeys: [first.entryKey],
      disputeReason: 'Livraison incomplète',
    });
    const after = await todo();
    expect(after.excluded.some((e) => e.account === line.account && e.reason === 'itemDispute')).toBe(true);
    expect((await stateOf(id)).items.find((i) => i.entryKey === first.entryKey)?.disputeReason).toBe(
      'Livraison incomplète',
    );
    await call(admin(), 'PATCH', `/api/customers/${id}/dunning/items`, {
      entryKeys: [first.entryKey],
      disputeReason: null,
    });
  });

  it("DUN-11 an email written on the record goes as written, for the user: the user's name and Reply-To by default, or the address they give", async () => {
    const { id, state } = await aCustomer(2);
    const item = state.items.find((i) => i.amount > 0)!;
    const email = {
      to: ['compta@customer.test'],
      subject: 'Votre facture',
      text: 'Bonjour,\nMerci de régler.',
    };
    const send = (extra: object) =>
      call(tenant.users.user.email, 'POST', `/api/customers/${id}/dunning/actions`, {
        kind: 'email',
        entryKeys: [item.entryKey],
        countsForScenario: false,
        email: { ...email, ...extra },
      });
    expect((await send({})).status).toBe(204);
    expect((await send({ replyTo: 'recouvrement@my-company.test' })).status).toBe(204);
    const rows = await selectRows<{
      to_address: string;
      text_body: string;
      from_name: string;
      reply_to: string;
    }>(
      t.database.db,
      sql`select to_address, text_body, from_name, reply_to from mail_messages
        where org_id = ${tenant.orgId} and subject = 'Votre facture' order by created_at, reply_to`,
    );
    const [mine, given] = [
      rows.find((r) => r.reply_to === tenant.users.user.email),
      rows.find((r) => r.reply_to === 'recouvrement@my-company.test'),
    ];
    expect(rows).toHaveLength(2);
    expect(mine).toMatchObject({
      to_address: 'compta@customer.test',
      text_body: email.text,
      from_name: 'user user',
    });
    expect(given?.from_name).toBe('user user');
  });

  it('DUN-11 DUN-14 an email written on the record carries the invoice PDFs of its items, recorded with the message and the action', async () => {
    const { id, state } = await aCustomer(3);
    const item = state.items.find((i) => i.amount > 0)!;
    const pdf = fakePdf(item.pieceRef, 1200);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const [customer] = await selectRows<{ company_id: string }>(
      t.database.db,
      sql`select company_id from customers where org_id = ${tenant.orgId} and id = ${id}`,
    );
    await storeInvoiceDocument(
      t.database.db,
      { orgId: tenant.orgId, companyId: customer!.company_id },
      {
        fileName: 'facture.pdf',
        content: pdf,
        sha256,
        pieces: [item.pieceRef],
        uploadedBy: tenant.users.admin.id,
      },
    );
    const sent = await call(tenant.users.user.email, 'POST', `/api/customers/${id}/dunning/actions`, {
      kind: 'email',
      entryKeys: [item.entryKey],
      countsForScenario: false,
      email: { to: ['pdf@customer.test'], subject: 'Votre facture jointe', text: 'Bonjour' },
    });
    expect(sent.status).toBe(204);
    const attachments = await selectRows<{ file_name: string; size_bytes: number; sha256: string }>(
      t.database.db,
      sql`select a.file_name, a.size_bytes, a.sha256 from mail_attachments a join mail_messages m
        on m.org_id = a.org_id and m.id = a.mail_id
        where m.org_id = ${tenant.orgId} and m.subject = 'Votre facture jointe'`,
    );
    expect(attachments).toEqual([{ file_name: 'facture.pdf', size_bytes: pdf.length, sha256 }]);
    const [action] = await selectRows<{ details: { attachments?: unknown } }>(
      t.database.db,
      sql`select details from dunning_actions where org_id = ${tenant.orgId}
        and details->>'subject' = 'Votre facture jointe'`,
    );
    expect(action!.details.attachments).toEqual([
      { file: 'facture.pdf', pieces: [item.pieceRef], sizeBytes: pdf.length, sha256 },
    ]);
  });

  it('DUN-11 a call that counts moves the selected items up one level; a one-off call changes nothing', async () => {
    const { id, state } = await aCustomer(1);
    const item = state.items.find((i) => i.amount > 0 && i.level === 'none')!;
    const oneOff = await call(admin(), 'POST', `/api/customers/${id}/dunning/actions`, {
      kind: 'call',
      entryKeys: [item.entryKey],
      countsForScenario: false,
      outcome: 'no answer',
    });
    expect(oneOff.status).toBe(204);
    expect((await stateOf(id)).items.find((i) => i.entryKey === item.entryKey)?.level).toBe('none');
    await call(admin(), 'POST', `/api/customers/${id}/dunning/actions`, {
      kind: 'call',
      entryKeys: [item.entryKey],
      countsForScenario: true,
      outcome: 'reached',
      comment: 'Paiement la semaine prochaine',
      promise: { date: '2023-08-07' },
    });
    const after = await stateOf(id);
    const moved = after.items.find((i) => i.entryKey === item.entryKey)!;
    expect(moved).toMatchObject({ level: 'R1', lastReminderDate: TODAY });
    expect(moved.promises).toEqual([
      expect.objectContaining({ amount: item.amount, date: '2023-08-07', status: 'expected' }),
    ]);
    expect(after.actions.slice(0, 2).map((a) => [a.kind, a.countsForScenario, a.outcome])).toEqual([
      ['call', true, 'reached'],
      ['call', false, 'no answer'],
    ]);
    expect(after.actions[0]!.pieces).toEqual([item.pieceRef]);
  });

  it('DUN-11 the next level is set by hand; CSH-1 a promise is cancelled', async () => {
    const { id, state } = await aCustomer(2);
    const item = state.items.find((i) => i.amount > 0)!;
    await call(admin(), 'PATCH', `/api/customers/${id}/dunning/items`, {
      entryKeys: [item.entryKey],
      level: 'R2',
    });
    expect((await stateOf(id)).items.find((i) => i.entryKey === item.entryKey)).toMatchObject({
      level: 'R2',
      lastReminderDate: TODAY,
    });
    await call(admin(), 'POST', `/api/customers/${id}/dunning/promises`, {
      entryKey: item.entryKey,
      amount: 1000,
      date: '2023-07-20',
    });
    const promise = (await stateOf(id)).items.find((i) => i.entryKey === item.entryKey)!.promises[0]!;
    expect(promise.status).toBe('late');
    expect(
      (await call(admin(), 'DELETE', `/api/customers/${id}/dunning/promises/${promise.id}`)).status,
    ).toBe(204);
    expect((await stateOf(id)).items.find((i) => i.entryKey === item.entryKey)!.promises[0]!.status).toBe(
      'cancelled',
    );
  });

  it('refuses an item of another customer by name; a viewer cannot act; another organization gets 404', async () => {
    const { id } = await aCustomer();
    const { state: otherState } = await aCustomer(3);
    const foreignKey = otherState.items[0]!.entryKey;
    const refused = await call(admin(), 'PATCH', `/api/customers/${id}/dunning/items`, {
      entryKeys: [foreignKey],
      stopReason: 'x',
    });
    expect(refused.status).toBe(400);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain(foreignKey);
    const viewer = tenant.users.viewer.email;
    expect((await call(viewer, 'PATCH', `/api/customers/${id}/dunning`, { stopReason: 'x' })).status).toBe(
      403,
    );
    expect((await call(viewer, 'GET', `/api/customers/${id}/dunning`)).status).toBe(200);
    const stranger = other.users.admin.email;
    expect((await call(stranger, 'GET', `/api/customers/${id}/dunning`)).status).toBe(404);
    expect((await call(stranger, 'PATCH', `/api/customers/${id}/dunning`, { stopReason: 'x' })).status).toBe(
      404,
    );
    expect(
      (
        await call(stranger, 'POST', `/api/customers/${id}/dunning/actions`, {
          kind: 'other',
          entryKeys: [foreignKey],
          countsForScenario: true,
        })
      ).status,
    ).toBe(404);
  });

  it('the action list holds the calls of the scenario for the portfolio; a task is done with a comment', async () => {
    // Items at R2 reminded a month ago: the Standard scenario's R3 is a call, a task for a person.
    const { line } = await aCustomer(4);
    await t.database.db.execute(
      sql`insert into item_dunning (org_id, company_id, entry_key, level, last_reminder_date)
        select org_id, company_id, entry_key, 'R2', '2023-06-30' from open_items
        where org_id = ${tenant.orgId} and customer_account = ${line.account} and amount > 0
        on conflict (org_id, company_id, entry_key) do update set level = 'R2', last_reminder_date = '2023-06-30'`,
    );
    await runDunning(t.deps, {
      orgId: tenant.orgId,
      companyCode: 'MAIN',
      today: TODAY,
      now: new Date(`${TODAY}T10:00:00Z`),
    });
    const list = (await call(admin(), 'GET', '/api/dunning/tasks')).json<{ items: Task[]; today: string }>();
    expect(list.today).toBe(TODAY);
    const tasks = list.items;
    const task = tasks.find((x) => x.account === line.account)!;
    expect(task).toMatchObject({ channel: 'phone', level: 'R3', status: 'open', dueDate: TODAY });
    // Who follows the customer is who the task is for.
    const [owner] = await selectRows<{ sales_rep: string | null; collector: string | null }>(
      t.database.db,
      sql`select sales_rep, collector from customers where org_id = ${tenant.orgId} and account = ${line.account}`,
    );
    expect([task.salesRep, task.collector, task.doneByName]).toEqual([
      owner!.sales_rep,
      owner!.collector,
      null,
    ]);
    expect(task.pieces.length).toBeGreaterThan(0);

    // A portfolio user whose portfolio does not hold the customer neither sees nor closes it.
    await t.database.db.execute(
      sql`update users set portfolio = '{"salesReps":["Nobody"],"collectors":[]}' where org_id = ${tenant.orgId} and id = ${tenant.users.user.id}`,
    );
    forgetCachedSessions(tenant.users.user.id);
    const user = tenant.users.user.email;
    expect((await call(user, 'GET', '/api/dunning/tasks')).json<{ items: Task[] }>().items).toEqual([]);
    expect((await call(user, 'PATCH', `/api/dunning/tasks/${task.id}`, { status: 'done' })).status).toBe(404);
    expect(
      (await call(other.users.admin.email, 'PATCH', `/api/dunning/tasks/${task.id}`, { status: 'done' }))
        .status,
    ).toBe(404);

    const done = await call(admin(), 'PATCH', `/api/dunning/tasks/${task.id}`, {
      status: 'done',
      comment: 'Promis pour vendredi',
    });
    expect(done.status).toBe(204);
    const closed = (await call(admin(), 'GET', '/api/dunning/tasks?status=done')).json<{ items: Task[] }>()
      .items;
    expect(closed.find((x) => x.id === task.id)).toMatchObject({
      status: 'done',
      comment: 'Promis pour vendredi',
      doneByName: 'admin user',
    });
    expect(closed.find((x) => x.id === task.id)?.doneAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The next run does not open the same task again.
    await runDunning(t.deps, {
      orgId: tenant.orgId,
      companyCode: 'MAIN',
      today: TODAY,
      now: new Date(`${TODAY}T11:00:00Z`),
    });
    const [count] = await selectRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from dunning_tasks where org_id = ${tenant.orgId} and customer_account = ${line.account}`,
    );
    expect(count!.n).toBe(1);
  });
});
