import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
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
import { runSync } from '../../import/sync.service';
import { createCompany } from '../companies/companies.queries';

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

describe('IMP-9 sync history: every sync recorded, filtered and paged', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let secondCompanyId: string;
  let dir: string;
  let admin: Session;
  let viewer: Session;
  let outsider: Session;
  const ids = {} as Record<'fec' | 'refused' | 'customers' | 'theirs', string>;

  const get = (session: Session, url: string) =>
    t.app.inject({ method: 'GET', url, headers: session.headers });

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t.database);
    other = await createTenant(t.database, { companyCode: 'OTHER' });
    secondCompanyId = (
      await createCompany(t.database.db, tenant.orgId, {
        code: 'SECOND',
        name: 'Second company',
        currency: 'EUR',
        defaultTerms: '30 days net',
        receivablePrefixes: ['411'],
      })
    ).id;
    admin = await signIn(t.app, tenant.users.admin.email);
    viewer = await signIn(t.app, tenant.users.viewer.email);
    outsider = await signIn(t.app, other.users.admin.email);
    dir = await mkdtemp(join(tmpdir(), 'encours-syncs-'));
    const broken = join(dir, 'broken.txt');
    await writeFile(
      broken,
      [
        'JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise',
        'VE\tVentes\t2\t20240106\t411000\tClients\tC1\tClient 1\tF2\t20240106\tFacture\t12.5.0\t0,00\t\t\t20240106\t\t',
        'VE\tVentes\t3\t20240230\t411000\tClients\tC1\tClient 1\tF3\t20240105\tFacture\t1,00\t0,00\t\t\t20240105\t\t',
      ].join('\n'),
    );
    const customersCsv = join(dir, 'clients.csv');
    await writeFile(customersCsv, 'Code client;Nom\nK1;Fromagerie\nK2;Scierie\n');
    const run = async (
      key: keyof typeof ids,
      request: Partial<Parameters<typeof runSync>[1]> & { now: Date },
    ) => {
      const outcome = await runSync(t.database, {
        orgId: tenant.orgId,
        companyId: tenant.companyId,
        source: 'fec',
        filePath: FEC,
        fileName: 'neolegal.TXT',
        userId: tenant.users.admin.id,
        trigger: 'user',
        today: '2024-04-30',
        ...request,
      });
      ids[key] = outcome.syncId;
    };
    // Oldest first: the list must come back newest first.
    await run('fec', { now: new Date('2024-04-28T08:00:00Z') });
    await run('refused', { now: new Date('2024-04-29T08:00:00Z'), filePath: broken, fileName: 'broken.txt' });
    await run('customers', {
      now: new Date('2024-04-30T08:00:00Z'),
      companyId: secondCompanyId,
      source: 'customers',
      filePath: customersCsv,
      fileName: 'clients.csv',
      userId: null,
      trigger: 'cli',
      mapping: { kind: 'customers', columns: { account: 'Code client', name: 'Nom' } },
    });
    await run('theirs', {
      now: new Date('2024-04-30T09:00:00Z'),
      orgId: other.orgId,
      companyId: other.companyId,
      userId: other.users.admin.id,
    });
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('IMP-9 lists every sync of the organization, newest first: company, who, status, duration, figures', async () => {
    const response = await get(viewer, '/api/syncs');
    expect(response.statusCode).toBe(200);
    const list = response.json();
    expect(list).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(list.syncs.map((s: { id: string }) => s.id)).toEqual([ids.customers, ids.refused, ids.fec]);
    const [customers, refused, fec] = list.syncs;
    expect(fec).toMatchObject({
      companyId: tenant.companyId,
      companyCode: 'MAIN',
      companyName: 'Main company',
      source: 'fec',
      fileName: 'neolegal.TXT',
      trigger: 'user',
      userId: tenant.users.admin.id,
      userName: 'admin user',
      status: 'succeeded',
      startedAt: '2024-04-28T08:00:00.000Z',
      errorCount: 0,
      message: null,
      messageCode: null,
      report: {
        lines: 934,
        customers: 34,
        openItems: expect.any(Number),
        outstanding: 1_441_652,
        currency: 'EUR',
      },
    });
    expect(fec.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(fec.finishedAt)).toBeGreaterThanOrEqual(Date.parse(fec.startedAt));
    expect(fec).not.toHaveProperty('errors');
    expect(refused).toMatchObject({ status: 'failed', errorCount: 2, messageCode: 'lines_rejected' });
    expect(customers).toMatchObject({
      companyCode: 'SECOND',
      source: 'customers',
      trigger: 'cli',
      userId: null,
      userName: null,
      status: 'succeeded',
      report: { customers: 2 },
    });
  });

  it.each<[string, string, (keyof typeof ids)[]]>([
    ['IMP-9 filter by status', 'status=failed', ['refused']],
    ['IMP-9 filter by source', 'source=customers', ['customers']],
    ['IMP-9 filter by company', 'companyId=SECOND', ['customers']],
    ['IMP-9 filters combine', 'status=succeeded&source=fec', ['fec']],
    ['IMP-9 a filter that matches nothing', 'status=running', []],
  ])('%s', async (_rule, filter, expected) => {
    const response = await get(admin, `/api/syncs?${filter.replace('SECOND', secondCompanyId)}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().syncs.map((s: { id: string }) => s.id)).toEqual(expected.map((key) => ids[key]));
    expect(response.json().total).toBe(expected.length);
  });

  it('IMP-9 pages: every sync once, in order, with the total on each page', async () => {
    const first = (await get(admin, '/api/syncs?pageSize=2')).json();
    const second = (await get(admin, '/api/syncs?pageSize=2&page=2')).json();
    const beyond = (await get(admin, '/api/syncs?pageSize=2&page=3')).json();
    expect([first.total, second.total, beyond.total]).toEqual([3, 3, 3]);
    expect([...first.syncs, ...second.syncs].map((s: { id: string }) => s.id)).toEqual([
      ids.customers,
      ids.refused,
      ids.fec,
    ]);
    expect(beyond.syncs).toEqual([]);
  });

  it.each(['status=done', 'source=pdf', 'companyId=nope', 'pageSize=500', 'page=0'])(
    'IMP-9 refuses a bad query (%s) with 400',
    async (query) => {
      expect((await get(admin, `/api/syncs?${query}`)).statusCode).toBe(400);
    },
  );

  it('IMP-9 IMP-6 one sync shows the refused lines of a failed import', async () => {
    const response = await get(viewer, `/api/syncs/${ids.refused}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: ids.refused,
      status: 'failed',
      fileName: 'broken.txt',
      userName: 'admin user',
      errorCount: 2,
      messageCode: 'lines_rejected',
      errors: [
        expect.objectContaining({ line: 2, column: 'Debit', value: '12.5.0' }),
        expect.objectContaining({ line: 3, column: 'EcritureDate', value: '20240230' }),
      ],
    });
    const succeeded = (await get(viewer, `/api/syncs/${ids.fec}`)).json();
    expect(succeeded).toMatchObject({ status: 'succeeded', errors: [], errorCount: 0 });
  });

  it('IMP-9 another organization sees none of these syncs: its list, and 404 for one of ours', async () => {
    const theirs = (await get(outsider, '/api/syncs')).json();
    expect(theirs.total).toBe(1);
    expect(theirs.syncs.map((s: { id: string }) => s.id)).toEqual([ids.theirs]);
    expect((await get(outsider, `/api/syncs/${ids.refused}`)).statusCode).toBe(404);
    expect((await get(outsider, `/api/syncs?companyId=${tenant.companyId}`)).statusCode).toBe(404);
    expect((await get(admin, `/api/syncs/${ids.theirs}`)).statusCode).toBe(404);
    expect((await get(admin, '/api/syncs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('IMP-9 the history needs a signed-in user', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/syncs' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/syncs/${ids.fec}` })).statusCode).toBe(401);
  });

  it('COL-6 IMP-9 the history exports to CSV and XLSX with its filters; another organization sees only its own', async () => {
    const csv = await get(viewer, '/api/syncs/export?format=csv&status=failed');
    expect(csv.statusCode).toBe(200);
    const records = parse(csv.body.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(records).toHaveLength(2); // header + the refused import
    expect(records[1]).toContain('broken.txt');
    expect(records[1]).toContain('2'); // its two refused lines

    const xlsx = await get(admin, '/api/syncs/export?format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const files: unknown[] = [];
    workbook.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) files.push(row.getCell(4).value);
    });
    expect(files).toEqual(['clients.csv', 'broken.txt', 'neolegal.TXT']);

    const theirs = await get(outsider, '/api/syncs/export?format=csv');
    expect(theirs.body).not.toContain('broken.txt');
    expect(
      (await get(outsider, `/api/syncs/export?format=csv&companyId=${tenant.companyId}`)).statusCode,
    ).toBe(404);
  });
});
