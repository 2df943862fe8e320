import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakePdf } from '../../../../test/support/invoice-zip';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import { type SmtpTestServer, startSmtpTestServer } from '../../../../test/support/smtp-test-server';
import {
  createTenant,
  createTestDatabase,
  fixedClock,
  type TestTenant,
  testDatabaseKind,
} from '../../../../test/support/test-app';
import { ATTACHMENT_LIMITS } from '../../../domain/dunning/attachments';
import { type Database, selectRows } from '../../db/client';
import type { ReminderContent } from '../../db/schema';
import { createMailer, type Mailer } from '../../mail/mailer';
import { storeInvoiceDocument } from '../invoice-documents/invoice-documents.queries';
import { retryDeferredReminders } from './dunning-retry.service';
import { runDunning } from './dunning-run.service';
import { attachInvoiceDocuments } from './reminder-attachments';

const TODAY = '2023-07-31';
const NOW = new Date(`${TODAY}T10:00:00Z`);
const MB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe(`DUN-11 TPL-5 invoice PDFs attached to reminder emails, real SMTP (${testDatabaseKind()})`, () => {
  let smtp: SmtpTestServer;
  let database: Database;
  let drop: () => Promise<void>;
  let tenant: TestTenant;
  let mailer: Mailer;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    ({ database, drop } = await createTestDatabase());
    tenant = await createTenant(database);
    await importSharedFec(database, tenant, NEOLEGAL_111, TODAY);
    await database.db.execute(
      sql`update customers set sync_email = lower(account) || '@customers.test' where org_id = ${tenant.orgId}`,
    );
    mailer = createMailer(database, fixedClock(TODAY), {
      smtp: { url: smtp.url, from: 'Relances <ar@example.test>' },
    });
  });
  afterAll(async () => {
    mailer.close();
    await drop();
    await smtp.close();
  });
  const scope = () => ({ orgId: tenant.orgId, companyId: tenant.companyId });
  const store = (pieces: string[], content: Buffer, fileName: string) =>
    storeInvoiceDocument(database.db, scope(), {
      fileName,
      content,
      sha256: sha(content),
      pieces,
      uploadedBy: tenant.users.admin.id,
    });

  it('DUN-11 DUN-13 DUN-14 the PDFs arrive byte for byte, after a retry too; past 15 MB the rest is named as on request and recorded', async () => {
    const deps = { database, mailer };
    const key = { orgId: tenant.orgId, companyCode: 'MAIN', today: TODAY };
    const plan = await runDunning(deps, { ...key, now: NOW, dryRun: true });
    const emails = plan.reminders.filter((r) => r.channel === 'email' && r.items.length > 0);
    const twoItems = emails.find((r) => new Set(r.items).size >= 2)!;
    const other = emails.find((r) => r !== twoItems && r.items.every((i) => !twoItems.items.includes(i)))!;
    expect(twoItems).toBeDefined();
    const [first, second] = [...new Set(twoItems.items)];
    const small = fakePdf(first!, 3000);
    // Together with `small` it passes 15 MB: it stays behind (DUN-11).
    const large = fakePdf(second!, 15 * MB - 1000);
    await store([first!], small, `${first}.pdf`);
    await store([second!], large, `${second}.pdf`);
    // One PDF serving every piece of another customer: sent once.
    const shared = fakePdf('shared', 20_000);
    await store([...new Set(other.items)], shared, 'shared.pdf');

    const target = `${twoItems.customer.toLowerCase()}@customers.test`;
    smtp.defer = new RegExp(`^${target.replace(/[.]/g, '\\.')}$`);
    const night = await runDunning(deps, { ...key, now: NOW, dryRun: false });
    expect(night.reminders.find((r) => r.customer === twoItems.customer)!.status).toBe('deferred');
    const otherMail = smtp.received.find((m) =>
      m.to.includes(`${other.customer.toLowerCase()}@customers.test`),
    )!;
    expect(otherMail.parsed.attachments.map((a) => a.filename)).toEqual(['shared.pdf']);
    expect(Buffer.compare(otherMail.parsed.attachments[0]!.content, shared)).toBe(0);
    expect(otherMail.parsed.attachments[0]!.contentType).toBe('application/pdf');

    // The retry reloads the recorded attachments (DUN-13: the same message again).
    smtp.defer = null;
    expect(await retryDeferredReminders(deps, new Date(NOW.getTime() + 5 * 60_000), TODAY)).toMatchObject({
      sent: 1,
    });
    const mail = smtp.received.find((m) => m.to.includes(target))!;
    expect(mail.parsed.attachments.map((a) => a.filename)).toEqual([`${first}.pdf`]);
    expect(Buffer.compare(mail.parsed.attachments[0]!.content, small)).toBe(0);
    expect(mail.text).toMatch(
      new RegExp(`(on request|sur demande) : ?${second}\\.|available on request: ${second}\\.`),
    );
    expect(mail.html).toContain(`${second}.</p>`);

    const [reminder] = await selectRows<{ content: ReminderContent; mail_id: string }>(
      database.db,
      sql`select content, mail_id from reminders where org_id = ${tenant.orgId}
        and customer_account = ${twoItems.customer} and channel = 'email'`,
    );
    expect(reminder!.content.attachments).toEqual([
      { file: `${first}.pdf`, pieces: [first], sizeBytes: small.length, sha256: sha(small) },
    ]);
    expect(reminder!.content.attachmentsLeftOut).toEqual([second]);
    const recorded = await selectRows<{ file_name: string; size_bytes: number; sha256: string }>(
      database.db,
      sql`select file_name, size_bytes, sha256 from mail_attachments
        where org_id = ${tenant.orgId} and mail_id = ${reminder!.mail_id} order by ordinal`,
    );
    expect(recorded).toEqual([{ file_name: `${first}.pdf`, size_bytes: small.length, sha256: sha(small) }]);
  });

  it('DUN-11 at most 15 files: the 16th and later are left out and named', async () => {
    const pieces = Array.from({ length: 18 }, (_, i) => `CAP-${String(i + 1).padStart(2, '0')}`);
    const pdfs = pieces.map((p) => fakePdf(p, 500));
    for (const [i, p] of pieces.entries()) await store([p], pdfs[i]!, `${p}.pdf`);
    const content: ReminderContent = {
      to: ['cap@customers.test'],
      cc: [],
      subject: 'Relance',
      text: 'Bonjour',
      html: '<html><body><p>Bonjour</p></body></html>',
      language: 'fr',
    };
    const files = await attachInvoiceDocuments(database.db, scope(), pieces, content);
    expect(files.attachments).toHaveLength(ATTACHMENT_LIMITS.files);
    expect(files.content.attachmentsLeftOut).toEqual(pieces.slice(15));
    await mailer.send({
      orgId: tenant.orgId,
      kind: 'reminder',
      to: 'cap@customers.test',
      subject: files.content.subject,
      text: files.content.text,
      html: files.content.html,
      attachments: files.attachments,
    });
    const mail = smtp.received.find((m) => m.to.includes('cap@customers.test'))!;
    expect(mail.parsed.attachments).toHaveLength(15);
    for (const [i, a] of mail.parsed.attachments.entries()) {
      expect(a.filename).toBe(`${pieces[i]}.pdf`);
      expect(Buffer.compare(a.content, pdfs[i]!)).toBe(0);
    }
    expect(mail.text).toContain('vous seront envoyées sur demande : CAP-16, CAP-17, CAP-18.');
  });
});
