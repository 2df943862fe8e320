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
import type {
  CriteriaResult,
  CustomerDunning,
  CustomerReminderWithUser,
  Preview,
  SendResult,
} from '../../../contracts/dunning';
import { daysBetween } from '../../../domain/calendar';
import { centsToDecimal } from '../../../domain/money';
import { selectRows } from '../../db/client';

const TODAY = '2023-07-31';

describe('DUN-10 mass reminder by criteria', () => {
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
  const outbox = async () =>
    (
      await selectRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from mail_messages where org_id = ${tenant.orgId} and kind = 'reminder'`,
      )
    )[0]!.n;

  it('DUN-10 finds the customers whose debits are 60 days late or more, with their pieces and totals', async () => {
    const url = `/api/dunning/criteria?companyId=${tenant.companyId}&minDaysLate=60`;
    const result = (await call(tenant.users.viewer.email, 'GET', url)).json<CriteriaResult>();
    expect(result.customers.length).toBeGreaterThan(0);
    for (const c of result.customers) {
      const state = (
        await call(tenant.users.admin.email, 'GET', `/api/customers/${c.customerId}/dunning`)
      ).json<CustomerDunning>();
      const late = state.items.filter((i) => i.amount > 0 && daysBetween(i.dueDate, TODAY) >= 60);
      expect(c.pieces.sort()).toEqual(late.map((i) => i.pieceRef).sort());
      expect(c.total).toBe(late.reduce((sum, i) => sum + i.amount, 0));
    }
    expect(result.total).toBe(result.customers.reduce((sum, c) => sum + c.total, 0));
    const narrower = (
      await call(tenant.users.viewer.email, 'GET', `${url}&minAmount=100000`)
    ).json<CriteriaResult>();
    expect(narrower.customers.length).toBeLessThan(result.customers.length);
  });

  it('DUN-10 previews the email one customer would get with its pieces and total, and sends nothing', async () => {
    const criteria = { companyId: tenant.companyId, minDaysLate: 60 };
    const found = (
      await call(
        tenant.users.viewer.email,
        'GET',
        `/api/dunning/criteria?companyId=${tenant.companyId}&minDaysLate=60`,
      )
    ).json<CriteriaResult>();
    const customer = found.customers[0]!;
    const body = { criteria, channel: 'email', templateId: 'standard-r2', account: customer.account };
    const before = await outbox();
    const response = await call(tenant.users.viewer.email, 'POST', '/api/dunning/criteria/preview', body);
    expect(response.status).toBe(200);
    const preview = response.json<Preview>();
    expect(preview.to).toEqual([`${customer.account.toLowerCase()}@customers.test`]);
    expect(preview.subject).toContain('deuxième relance');
    for (const piece of customer.pieces) expect(preview.text).toContain(piece);
    // The total in French, its thousands separated by a narrow space: compared without spaces.
    const total = centsToDecimal(customer.total).replace('.', ',');
    expect(preview.text.replace(/[\s\u00a0\u202f]/g, '')).toContain(`Total:${total}`);
    expect(await outbox()).toBe(before);
    // A customer the criteria leave out, and another organization, get 404.
    const outside = await call(tenant.users.admin.email, 'POST', '/api/dunning/criteria/preview', {
      ...body,
      account: 'NOT-A-CUSTOMER',
    });
    expect(outside.status).toBe(404);
    const stranger = await call(other.users.admin.email, 'POST', '/api/dunning/criteria/preview', body);
    expect(stranger.status).toBe(404);
  });

  it('DUN-10 DUN-13 sends one email per customer with the chosen template, once; a one-off send leaves levels', async () => {
    const criteria = { companyId: tenant.companyId, minDaysLate: 60 };
    const body = { criteria, channel: 'email', templateId: 'standard-r2', countsForScenario: false };
    expect((await call(tenant.users.viewer.email, 'POST', '/api/dunning/criteria/send', body)).status).toBe(
      403,
    );
    const sent = (
      await call(tenant.users.user.email, 'POST', '/api/dunning/criteria/send', body)
    ).json<SendResult>();
    const found = (
      await call(
        tenant.users.user.email,
        'GET',
        `/api/dunning/criteria?companyId=${tenant.companyId}&minDaysLate=60`,
      )
    ).json<CriteriaResult>();
    expect(sent.results).toHaveLength(found.customers.length);
    // Each result names its customer.
    expect(sent.results.map((r) => r.account).sort()).toEqual(found.customers.map((c) => c.account).sort());
    expect(sent.results.every((r) => r.status === 'outbox')).toBe(true);
    expect(await outbox()).toBe(found.customers.length);
    const [subject] = await selectRows<{ subject: string }>(
      t.database.db,
      sql`select subject from mail_messages where org_id = ${tenant.orgId} and kind = 'reminder' limit 1`,
    );
    expect(subject!.subject).toContain('deuxième relance');
    const reminders = (
      await call(
        tenant.users.viewer.email,
        'GET',
        `/api/customers/${found.customers[0]!.customerId}/reminders`,
      )
    ).json<{ items: CustomerReminderWithUser[] }>().items;
    expect(reminders.map((r) => [r.actor, r.userName])).toEqual([['user', 'user user']]);
    const again = (
      await call(tenant.users.admin.email, 'POST', '/api/dunning/criteria/send', body)
    ).json<SendResult>();
    expect(again.results.every((r) => r.status === 'alreadySent')).toBe(true);
    expect(await outbox()).toBe(found.customers.length);
    const [levels] = await selectRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from item_dunning where org_id = ${tenant.orgId} and level <> 'none'`,
    );
    expect(levels!.n).toBe(0);
  });

  it('DUN-10 refuses an unknown template by name; another organization gets 404', async () => {
    const criteria = { companyId: tenant.companyId };
    const bad = await call(tenant.users.admin.email, 'POST', '/api/dunning/criteria/send', {
      criteria,
      channel: 'letter',
      templateId: 'nope',
      countsForScenario: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('nope');
    const stranger = other.users.admin.email;
    expect((await call(stranger, 'GET', `/api/dunning/criteria?companyId=${tenant.companyId}`)).status).toBe(
      404,
    );
    expect(
      (
        await call(stranger, 'POST', '/api/dunning/criteria/send', {
          criteria,
          channel: 'letter',
          templateId: 'standard-r1',
          countsForScenario: true,
        })
      ).status,
    ).toBe(404);
  });
});
