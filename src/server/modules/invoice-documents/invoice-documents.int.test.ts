import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakePdf, zipOf } from '../../../../test/support/invoice-zip';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import {
  createTenant,
  createTestApp,
  multipartFile,
  type Session,
  signIn,
  type TestApp,
  type TestTenant,
  testDatabaseKind,
} from '../../../../test/support/test-app';
import type { AccountSituation } from '../../../contracts/customer-record';
import type { InvoiceUploadResult, MissingDocuments } from '../../../contracts/invoice-documents';
import { selectRows } from '../../db/client';

const TODAY = '2023-07-31';

describe(`invoice documents (issue 5 point 4, ${testDatabaseKind()})`, () => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let admin: Session;
  let user: Session;
  let viewer: Session;
  let otherAdmin: Session;
  /** Open debit items of one customer: [customer id, account, piece refs]. */
  let customer: { id: string; account: string; pieces: string[] };
  let otherCustomerPiece: string;

  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    tenant = await createTenant(t.database);
    other = await createTenant(t.database, { companyCode: 'OTHER' });
    await importSharedFec(t.database, tenant, NEOLEGAL_111, TODAY);
    await importSharedFec(t.database, other, NEOLEGAL_111, TODAY);
    const rows = await selectRows<{ id: string; account: string; piece_ref: string }>(
      t.database.db,
      sql`select c.id, c.account, e.piece_ref from open_items o
        join entries e on e.org_id = o.org_id and e.company_id = o.company_id and e.entry_key = o.entry_key
        join customers c on c.org_id = o.org_id and c.company_id = o.company_id and c.account = o.customer_account
        where o.org_id = ${tenant.orgId} and o.amount > 0 order by o.customer_account, e.piece_ref`,
    );
    // The customer with the most open pieces, and a piece of another customer only.
    const byAccount = new Map<string, { id: string; pieces: Set<string> }>();
    for (const r of rows) {
      const entry = byAccount.get(r.account) ?? { id: r.id, pieces: new Set<string>() };
      entry.pieces.add(r.piece_ref);
      byAccount.set(r.account, entry);
    }
    const [account, best] = [...byAccount].sort((a, b) => b[1].pieces.size - a[1].pieces.size)[0]!;
    const elsewhere = [...new Set(rows.filter((r) => !best.pieces.has(r.piece_ref)).map((r) => r.piece_ref))];
    expect(best.pieces.size).toBeGreaterThanOrEqual(2);
    // The customer's own pieces first (downloaded from its record), then pieces of others.
    customer = { id: best.id, account, pieces: [...best.pieces, ...elsewhere.slice(1)] };
    otherCustomerPiece = elsewhere[0]!;
    admin = await signIn(t.app, tenant.users.admin.email);
    user = await signIn(t.app, tenant.users.user.email);
    viewer = await signIn(t.app, tenant.users.viewer.email);
    otherAdmin = await signIn(t.app, other.users.admin.email);
  });
  afterAll(() => t.close());

  const upload = async (session: Session, zip: Buffer, companyId = tenant.companyId) => {
    const body = multipartFile('invoices.zip', zip);
    return t.app.inject({
      method: 'POST',
      url: `/api/companies/${companyId}/invoice-documents`,
      headers: { ...session.headers, ...body.headers },
      payload: body.payload,
    });
  };
  const download = (session: Session, customerId: string, piece: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/customers/${customerId}/invoice-documents/${encodeURIComponent(piece)}`,
      headers: session.headers,
    });
  const missing = async (session: Session) =>
    t.app.inject({
      method: 'GET',
      url: `/api/companies/${tenant.companyId}/invoice-documents/missing?pageSize=1000`,
      headers: session.headers,
    });

  it('stores the PDFs of a ZIP by piece reference; the download gives back the same bytes', async () => {
    const [p1] = customer.pieces;
    const pdf = fakePdf(p1!, 3000);
    const zip = await zipOf({
      'metadata.json': JSON.stringify({ documents: [{ file: 'pdfs/invoice-1.pdf', pieces: [p1] }] }),
      'pdfs/invoice-1.pdf': pdf,
      'readme.txt': 'not listed',
    });
    const before = (await missing(user)).json<MissingDocuments>();
    expect(before.items.some((i) => i.pieceRef === p1)).toBe(true);
    const response = await upload(user, zip);
    expect(response.statusCode).toBe(200);
    const result = response.json<InvoiceUploadResult>();
    expect(result).toEqual({
      stored: [{ file: 'pdfs/invoice-1.pdf', pieces: [p1], sizeBytes: pdf.length }],
      rejected: [],
      ignoredFiles: ['readme.txt'],
    });
    const got = await download(viewer, customer.id, p1!);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe('inline; filename="invoice-1.pdf"');
    expect(Buffer.compare(got.rawPayload, pdf)).toBe(0);
    const after = (await missing(viewer)).json<MissingDocuments>();
    expect(after.total).toBe(before.total - before.items.filter((i) => i.pieceRef === p1).length);
    expect(after.items.some((i) => i.pieceRef === p1)).toBe(false);
  });

  it('names every bad entry — missing file, not a PDF, unknown piece, duplicate — and stores the good ones', async () => {
    const [, p2, p3] = customer.pieces;
    const zip = await zipOf({
      'metadata.json': JSON.stringify({
        documents: [
          { file: 'good.pdf', pieces: [p2, 'NO-SUCH-PIECE'] },
          { file: 'absent.pdf', pieces: [p3] },
          { file: 'fake.pdf', pieces: [otherCustomerPiece] },
          { file: 'good.pdf', pieces: [p3] },
          { file: 'a.pdf', pieces: ['DUP-1'] },
        ],
      }),
      'good.pdf': fakePdf('good'),
      'fake.pdf': Buffer.from('<html>not a pdf</html>'),
      'a.pdf': fakePdf('a'),
    });
    const response = await upload(admin, zip);
    expect(response.statusCode).toBe(200);
    const result = response.json<InvoiceUploadResult>();
    expect(result.stored).toEqual([{ file: 'good.pdf', pieces: [p2], sizeBytes: fakePdf('good').length }]);
    expect(result.rejected.map((r) => [r.file, r.piece, r.reason])).toEqual(
      expect.arrayContaining([
        ['good.pdf', 'NO-SUCH-PIECE', 'unknown_piece'],
        ['absent.pdf', null, 'missing_file'],
        ['fake.pdf', null, 'not_pdf'],
        ['good.pdf', null, 'duplicate'],
        ['a.pdf', 'DUP-1', 'unknown_piece'],
      ]),
    );
    expect(result.rejected).toHaveLength(5);
    expect((await missing(admin)).json<MissingDocuments>().items.some((i) => i.pieceRef === p3)).toBe(true);
  });

  it('DUN-11 a PDF over 15 MB, which no email could carry, is refused by name', async () => {
    const [, , p3] = customer.pieces;
    const zip = await zipOf({
      'metadata.json': JSON.stringify({ documents: [{ file: 'huge.pdf', pieces: [p3] }] }),
      'huge.pdf': fakePdf('huge', 15 * 1024 * 1024),
    });
    const result = (await upload(admin, zip)).json<InvoiceUploadResult>();
    expect(result.stored).toEqual([]);
    expect(result.rejected).toEqual([
      { file: 'huge.pdf', piece: null, reason: 'too_large', message: 'huge.pdf: larger than 15 MB' },
    ]);
  });

  it('a piece given to two files goes to neither', async () => {
    const [, , p3] = customer.pieces;
    const zip = await zipOf({
      'metadata.json': JSON.stringify({
        documents: [
          { file: 'x.pdf', pieces: [p3] },
          { file: 'y.pdf', pieces: [p3] },
        ],
      }),
      'x.pdf': fakePdf('x'),
      'y.pdf': fakePdf('y'),
    });
    const result = (await upload(admin, zip)).json<InvoiceUploadResult>();
    expect(result.stored).toEqual([]);
    expect(result.rejected.map((r) => [r.file, r.reason])).toEqual([
      ['x.pdf', 'duplicate'],
      ['y.pdf', 'duplicate'],
    ]);
  });

  it('refuses as a whole, storing nothing, a file that is not a ZIP, a ZIP without metadata.json or with a bad one', async () => {
    const before = (await missing(admin)).json<MissingDocuments>().total;
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('plain text, not a zip'), /not a readable ZIP/],
      [await zipOf({ 'inv.pdf': fakePdf('1') }), /metadata\.json: missing/],
      [await zipOf({ 'metadata.json': '{"documents": [', 'inv.pdf': fakePdf('1') }), /not valid JSON/],
      [
        await zipOf({
          'metadata.json': JSON.stringify({ documents: [{ file: 'inv.pdf' }] }),
          'inv.pdf': fakePdf('1'),
        }),
        /documents\.0\.pieces/,
      ],
    ];
    for (const [zip, message] of cases) {
      const response = await upload(admin, zip);
      expect(response.statusCode).toBe(400);
      expect(response.json<{ error: { message: string } }>().error.message).toMatch(message);
    }
    expect((await missing(admin)).json<MissingDocuments>().total).toBe(before);
  });

  it('a document survives a re-import of the ledger (it is keyed by piece reference)', async () => {
    const [p1] = customer.pieces;
    await importSharedFec(t.database, tenant, NEOLEGAL_111, TODAY);
    expect((await download(admin, customer.id, p1!)).statusCode).toBe(200);
  });

  it('a piece uploaded again points at the new file', async () => {
    const [p1] = customer.pieces;
    const newer = fakePdf('newer');
    const zip = await zipOf({
      'metadata.json': JSON.stringify({ documents: [{ file: 'v2.pdf', pieces: [p1] }] }),
      'v2.pdf': newer,
    });
    expect((await upload(admin, zip)).statusCode).toBe(200);
    expect(Buffer.compare((await download(admin, customer.id, p1!)).rawPayload, newer)).toBe(0);
  });

  it('the account situation links each entry whose piece has a document, and only those', async () => {
    // p1 and p2 were stored by the tests above; the customer's other pieces were not.
    const [p1, p2] = customer.pieces;
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/customers/${customer.id}/entries?status=all&pageSize=200`,
      headers: viewer.headers,
    });
    expect(response.statusCode).toBe(200);
    const items = response.json<AccountSituation>().items;
    const linked = items.filter((i) => i.documentUrl);
    expect(linked.length).toBeGreaterThan(0);
    for (const i of items) {
      expect(i.documentUrl).toBe(
        i.pieceRef === p1 || i.pieceRef === p2
          ? `/api/customers/${customer.id}/invoice-documents/${encodeURIComponent(i.pieceRef)}`
          : null,
      );
    }
    const got = await t.app.inject({ method: 'GET', url: linked[0]!.documentUrl!, headers: viewer.headers });
    expect(got.statusCode).toBe(200);
  });

  it('the missing list names the customer record and exports as CSV with the same rows in the same order', async () => {
    const list = (await missing(viewer)).json<MissingDocuments>();
    expect(list.total).toBeGreaterThan(0);
    const [first] = list.items;
    const [record] = await selectRows<{ id: string }>(
      t.database.db,
      sql`select id from customers where org_id = ${tenant.orgId} and company_id = ${tenant.companyId}
        and account = ${first!.customerAccount}`,
    );
    expect(first!.customerId).toBe(record!.id);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/companies/${tenant.companyId}/invoice-documents/missing/export?format=csv`,
      headers: viewer.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain(`-${TODAY}.csv`);
    // The test users read French: `;`, decimal comma, dd/mm/yyyy.
    const [header, ...body] = parse(response.body.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(header).toEqual(['Compte', 'Client', 'Pièce', 'Date pièce', 'Échéance', 'Reste dû (EUR)']);
    expect(body.map((line) => line[2])).toEqual(list.items.map((i) => i.pieceRef));
    const [y, m, d] = first!.dueDate.split('-');
    expect(body[0]!.slice(0, 2)).toEqual([first!.customerAccount, first!.customerName]);
    expect(body[0]![4]).toBe(`${d}/${m}/${y}`);
    expect(body[0]![5]).toBe((first!.openAmount / 100).toFixed(2).replace('.', ','));
  });

  it('COL-5 a viewer cannot upload; another organization gets 404 on every route; a piece of another customer is 404', async () => {
    const zip = await zipOf({ 'metadata.json': '{"documents":[]}' });
    expect((await upload(viewer, zip)).statusCode).toBe(403);
    expect((await upload(otherAdmin, zip)).statusCode).toBe(404);
    const foreignMissing = await t.app.inject({
      method: 'GET',
      url: `/api/companies/${tenant.companyId}/invoice-documents/missing`,
      headers: otherAdmin.headers,
    });
    expect(foreignMissing.statusCode).toBe(404);
    const foreignExport = await t.app.inject({
      method: 'GET',
      url: `/api/companies/${tenant.companyId}/invoice-documents/missing/export?format=csv`,
      headers: otherAdmin.headers,
    });
    expect(foreignExport.statusCode).toBe(404);
    const [p1] = customer.pieces;
    expect((await download(otherAdmin, customer.id, p1!)).statusCode).toBe(404);
    // The same piece reference exists in the other organization's ledger: still not readable.
    const [otherId] = await selectRows<{ id: string }>(
      t.database.db,
      sql`select id from customers where org_id = ${other.orgId} and account = ${customer.account}`,
    );
    expect((await download(admin, otherId!.id, p1!)).statusCode).toBe(404);
    expect((await download(otherAdmin, otherId!.id, p1!)).statusCode).toBe(404);
    const [otherCustomer] = await selectRows<{ id: string }>(
      t.database.db,
      sql`select c.id from customers c where c.org_id = ${tenant.orgId} and not exists (select 1 from entries e
        where e.org_id = c.org_id and e.company_id = c.company_id and e.customer_account = c.account
          and e.piece_ref = ${customer.pieces[0]!}) limit 1`,
    );
    expect((await download(admin, otherCustomer!.id, p1!)).statusCode).toBe(404);
  });

  it("COL-5 a user outside the customer's portfolio gets 404, and the missing list keeps to the portfolio", async () => {
    await t.database.db.execute(
      sql`update users set portfolio = '{"salesReps":["Nobody"],"collectors":[]}'
        where org_id = ${tenant.orgId} and id = ${tenant.users.viewer.id}`,
    );
    const limited = await signIn(t.app, tenant.users.viewer.email);
    const [p1] = customer.pieces;
    expect((await download(limited, customer.id, p1!)).statusCode).toBe(404);
    expect((await missing(limited)).json<MissingDocuments>()).toEqual({ items: [], total: 0 });
  });
});
