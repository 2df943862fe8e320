import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import { type SmtpTestServer, startSmtpTestServer } from '../../../../test/support/smtp-test-server';
import {
  apiAs,
  createTenant,
  createTestApp,
  type TestApp,
  type TestTenant,
  testDatabaseKind,
} from '../../../../test/support/test-app';
import type { SendResult, Todo } from '../../../contracts/dunning';
import { selectRows } from '../../db/client';

const TODAY = '2023-07-31';

describe(`TPL-5 DUN-15 a user's send from the to-do: the refused emails reach the sender by email too, real SMTP (${testDatabaseKind()})`, () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    // The server answers 550 to this customer's address only.
    smtp = await startSmtpTestServer({ refuse: /^refused-/ });
    t = await createTestApp({ today: TODAY, smtpUrl: smtp.url });
    tenant = await createTenant(t.database);
    await importSharedFec(t.database, tenant, NEOLEGAL_111, TODAY);
    await t.database.db.execute(
      sql`update customers set sync_email = lower(account) || '@customers.test' where org_id = ${tenant.orgId}`,
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('TPL-5 DUN-15 one recipient refused (550): the reminder fails with the reply, and the notice to the sender names it; the others arrive', async () => {
    const api = apiAs(() => t.app);
    const sender = tenant.users.user;
    const todo = (
      await api(sender.email, 'GET', `/api/dunning/todo?companyId=${tenant.companyId}`)
    ).json<Todo>();
    const lines = todo.lines.filter((l) => l.channel === 'email').slice(0, 3);
    expect(lines).toHaveLength(3);
    const refused = lines[0]!;
    await t.database.db.execute(
      sql`update customers set sync_email = 'refused-' || lower(account) || '@customers.test'
        where org_id = ${tenant.orgId} and account = ${refused.account}`,
    );
    const response = await api(sender.email, 'POST', '/api/dunning/send', {
      companyId: tenant.companyId,
      keys: lines.map((l) => l.key),
    });
    expect(response.status).toBe(200);
    const results = response.json<SendResult>().results;
    const failed = results.find((r) => r.key === refused.key)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/550/);
    expect(results.filter((r) => r.status === 'sent')).toHaveLength(2);

    // The notice is handed to the server before the send answers.
    const notices = smtp.received.filter((m) => m.recipients.includes(sender.email));
    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    expect(notice.recipients).toEqual([sender.email]);
    expect(notice.subject).toMatch(new RegExp(`${refused.account}$`));
    expect(notice.text).toContain(`${refused.account}`);
    expect(notice.text).toMatch(/550/);
    // Only about the refused one; the two others arrived.
    for (const line of lines.slice(1)) expect(notice.text).not.toContain(line.account);
    for (const line of lines.slice(1))
      expect(smtp.received.some((m) => m.to.includes(`${line.account.toLowerCase()}@customers.test`))).toBe(
        true,
      );
    const [recorded] = await selectRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from mail_messages
        where org_id = ${tenant.orgId} and kind = 'delivery_failure' and to_address = ${sender.email}`,
    );
    expect(recorded!.n).toBe(1);
  });
});
