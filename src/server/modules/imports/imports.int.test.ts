import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenant,
  createTestApp,
  multipartFile,
  type Session,
  signIn,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';

const FEC = join(import.meta.dirname, '../../../../../shared/data/fec/neolegal__111111111FEC20221231.TXT');

describe('import over HTTP: upload, start, progress, report', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let admin: Session;
  let outsider: Session;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t.database);
    other = await createTenant(t.database, { companyCode: 'OTHER' });
    admin = await signIn(t.app, tenant.users.admin.email);
    outsider = await signIn(t.app, other.users.admin.email);
  });
  afterAll(() => t.close());

  const upload = (
    session: Session,
    companyId: string,
    source: string,
    name: string,
    content: Buffer | string,
  ) => {
    const body = multipartFile(name, content);
    return t.app.inject({
      method: 'POST',
      url: `/api/uploads?companyId=${companyId}&source=${source}`,
      headers: { ...session.headers, ...body.headers },
      payload: body.payload,
    });
  };

  async function waitForImport(session: Session, importId: string) {
    for (let i = 0; i < 600; i++) {
      const status = await t.app.inject({
        method: 'GET',
        url: `/api/imports/${importId}`,
        headers: session.headers,
      });
      const body = status.json();
      if (body.status === 'succeeded' || body.status === 'failed') return body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not finish');
  }

  it('IMP-2 VIS-1 imports a FEC and lists its 34 customers with their balances', async () => {
    const uploaded = await upload(admin, tenant.companyId, 'fec', 'neolegal.TXT', readFileSync(FEC));
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json()).toMatchObject({ format: 'fec', size: readFileSync(FEC).length });
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: admin.headers,
      payload: { uploadId: uploaded.json().uploadId, companyId: tenant.companyId, source: 'fec' },
    });
    expect(started.statusCode).toBe(202);
    const importId = started.json().importId;

    // Another organization cannot see the import, nor start one from this upload.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/imports/${importId}`, headers: outsider.headers }))
        .statusCode,
    ).toBe(404);

    const done = await waitForImport(admin, importId);
    expect(done.status).toBe('succeeded');
    expect(done.report).toMatchObject({ lines: 934, customers: 34, outstanding: 1_441_652, currency: 'EUR' });
    expect(done.progress.phase).toBe('done');

    const customers = await t.app.inject({
      method: 'GET',
      url: `/api/customers?companyId=${tenant.companyId}&pageSize=10&sort=balance&direction=desc`,
      headers: admin.headers,
    });
    expect(customers.statusCode).toBe(200);
    const list = customers.json();
    expect(list.total).toBe(34);
    expect(list.items).toHaveLength(10);
    expect(list.totals).toEqual([{ currency: 'EUR', balance: 1_441_652, overdue: 1_441_652, notDue: 0 }]);
    // The largest balance, worked out from the file: 41101050 owes 6,439.94.
    expect(list.items[0]).toMatchObject({ account: '41101050', balance: 643_994 });
    const page4 = await t.app.inject({
      method: 'GET',
      url: `/api/customers?companyId=${tenant.companyId}&pageSize=10&page=4`,
      headers: admin.headers,
    });
    expect(page4.json().items).toHaveLength(4);

    const history = await t.app.inject({
      method: 'GET',
      url: `/api/syncs?companyId=${tenant.companyId}`,
      headers: admin.headers,
    });
    expect(history.json().syncs[0]).toMatchObject({
      id: importId,
      status: 'succeeded',
      fileName: 'neolegal.TXT',
      trigger: 'user',
    });

    // The other organization sees none of it.
    const theirs = await t.app.inject({ method: 'GET', url: '/api/customers', headers: outsider.headers });
    expect(theirs.json().total).toBe(0);
    const ours = await t.app.inject({
      method: 'GET',
      url: `/api/customers?companyId=${tenant.companyId}`,
      headers: outsider.headers,
    });
    expect(ours.statusCode).toBe(404);
    const ourSyncs = await t.app.inject({
      method: 'GET',
      url: `/api/syncs?companyId=${tenant.companyId}`,
      headers: outsider.headers,
    });
    expect(ourSyncs.statusCode).toBe(404);
  });

  it('refuses an upload into another organization company, and an import of another organization upload', async () => {
    const intoTheirs = await upload(admin, other.companyId, 'fec', 'x.txt', readFileSync(FEC));
    expect(intoTheirs.statusCode).toBe(404);
    const mine = await upload(admin, tenant.companyId, 'fec', 'x.txt', readFileSync(FEC));
    const stolen = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: outsider.headers,
      payload: { uploadId: mine.json().uploadId, companyId: other.companyId, source: 'fec' },
    });
    expect(stolen.statusCode).toBe(404);
  });

  it('COL-5 viewers cannot import', async () => {
    const viewer = await signIn(t.app, tenant.users.viewer.email);
    expect((await upload(viewer, tenant.companyId, 'fec', 'x.txt', readFileSync(FEC))).statusCode).toBe(403);
  });

  it.each([
    ['a zero-byte file', Buffer.alloc(0), 'invalid_input', 'empty'],
    ['a file of blank lines', '\n  \r\n\n', 'empty_file', 'blank'],
    [
      'a binary file',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10, 0x00, 0x00]),
      'binary_file',
      'zip',
    ],
    [
      'a file with the wrong separator',
      'JournalCode;JournalLib;EcritureNum\nVE;Ventes;1\n',
      'bad_separator',
      "';'",
    ],
  ])('IMP-6 refuses %s at upload with a clear message', async (_label, content, code, words) => {
    const response = await upload(admin, tenant.companyId, 'fec', 'bad.txt', content);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message.toLowerCase()).toContain(words);
  });

  it('IMP-6 reports every bad line of a FEC and imports nothing', async () => {
    const header =
      'JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise';
    const good =
      'VE\tVentes\t1\t20240105\t411000\tClients\tC1\tClient 1\tF1\t20240105\tFacture\t120,00\t0,00\t\t\t20240105\t\t';
    const badAmount =
      'VE\tVentes\t2\t20240106\t411000\tClients\tC1\tClient 1\tF2\t20240106\tFacture\t12.5.0\t0,00\t\t\t20240106\t\t';
    const badDate =
      'VE\tVentes\t3\t20240230\t411000\tClients\tC1\tClient 1\tF3\t20240105\tFacture\t1,00\t0,00\t\t\t20240105\t\t';
    const truncated = 'VE\tVentes\t4\t20240107\t411000\tClients\tC1';
    const uploaded = await upload(
      admin,
      tenant.companyId,
      'fec',
      'broken.txt',
      [header, good, badAmount, badDate, truncated].join('\n'),
    );
    expect(uploaded.statusCode).toBe(201);
    const before = (
      await t.app.inject({
        method: 'GET',
        url: `/api/customers?companyId=${tenant.companyId}`,
        headers: admin.headers,
      })
    ).json();
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: admin.headers,
      payload: { uploadId: uploaded.json().uploadId, companyId: tenant.companyId, source: 'fec' },
    });
    const done = await waitForImport(admin, started.json().importId);
    expect(done.status).toBe('failed');
    expect(done.errors, JSON.stringify(done.errors)).toEqual([
      expect.objectContaining({ line: 3, column: 'Debit', value: '12.5.0' }),
      expect.objectContaining({ line: 4, column: 'EcritureDate', value: '20240230' }),
      expect.objectContaining({ line: 5, column: null, code: 'wrong_field_count' }),
    ]);
    expect(done.errors.every((e: { reason: string }) => e.reason.length > 10)).toBe(true);
    const after = (
      await t.app.inject({
        method: 'GET',
        url: `/api/customers?companyId=${tenant.companyId}`,
        headers: admin.headers,
      })
    ).json();
    expect(after).toEqual(before);
  });

  it('IMP-1 a column mapping chosen once is saved for the company and proposed for its next files', async () => {
    const csv = 'Code client;Dénomination sociale complète\nK1;Fromagerie\nK2;Scierie\n';
    const first = await upload(admin, tenant.companyId, 'customers', 'clients.csv', csv);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ format: 'csv', missingRequired: ['name'] });
    expect(first.json().guessedMapping).toEqual({ account: 'Code client' });
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: admin.headers,
      payload: {
        uploadId: first.json().uploadId,
        companyId: tenant.companyId,
        source: 'customers',
        mapping: { columns: { account: 'Code client', name: 'Dénomination sociale complète' } },
        saveMapping: true,
      },
    });
    expect(started.statusCode).toBe(202);
    expect((await waitForImport(admin, started.json().importId)).status).toBe('succeeded');
    const second = await upload(admin, tenant.companyId, 'customers', 'clients-2.csv', csv);
    expect(second.json()).toMatchObject({
      missingRequired: [],
      guessedMapping: { account: 'Code client', name: 'Dénomination sociale complète' },
    });
    // Another company of the organization does not inherit it.
    const [otherCompany] = await t.database.db
      .execute(
        sql`insert into companies (org_id, code, name) values (${tenant.orgId}, 'SECOND', 'Second') returning id`,
      )
      .then((r) => (r as unknown as { rows: { id: string }[] }).rows);
    const elsewhere = await upload(admin, otherCompany!.id, 'customers', 'clients.csv', csv);
    expect(elsewhere.json().missingRequired).toEqual(['name']);
  });
});
