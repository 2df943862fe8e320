import { and, eq, inArray, sql } from 'drizzle-orm';
import type { MissingDocumentRow } from '../../../contracts/invoice-documents';
import type { Db } from '../../db/client';
import { selectRows } from '../../db/client';
import { invoiceDocumentPieces, invoiceDocuments } from '../../db/schema';
import type { AuthContext } from '../auth/auth.service';
import { portfolioCondition } from '../customers/customers.queries';

type Scope = { orgId: string; companyId: string };

/** The piece references among `pieces` that the company's ledger holds (entries still in the source). */
export async function findKnownPieces(db: Db, scope: Scope, pieces: readonly string[]): Promise<Set<string>> {
  if (pieces.length === 0) return new Set();
  const rows = await selectRows<{ piece_ref: string }>(
    db,
    sql`select distinct piece_ref from entries
      where org_id = ${scope.orgId} and company_id = ${scope.companyId} and gone_at is null
        and piece_ref = any(${sql.param([...pieces])}::text[])`,
  );
  return new Set(rows.map((r) => r.piece_ref));
}

/** Stores one document and points its pieces at it (a piece documented before now points here). */
export async function storeInvoiceDocument(
  db: Db,
  scope: Scope,
  document: {
    fileName: string;
    content: Buffer;
    sha256: string;
    pieces: readonly string[];
    uploadedBy: string;
  },
): Promise<void> {
  const [row] = await db
    .insert(invoiceDocuments)
    .values({
      ...scope,
      fileName: document.fileName,
      sizeBytes: document.content.length,
      sha256: document.sha256,
      content: document.content,
      uploadedBy: document.uploadedBy,
    })
    .returning({ id: invoiceDocuments.id });
  await db
    .insert(invoiceDocumentPieces)
    .values(document.pieces.map((pieceRef) => ({ ...scope, pieceRef, documentId: row!.id })))
    .onConflictDoUpdate({
      target: [invoiceDocumentPieces.orgId, invoiceDocumentPieces.companyId, invoiceDocumentPieces.pieceRef],
      set: { documentId: row!.id, createdAt: sql`now()` },
    });
}

/**
 * Deletes the company's documents no piece points at any more, except those an email recorded:
 * a retry must find the bytes it first tried to send (DUN-13).
 */
export async function deleteUnusedDocuments(db: Db, scope: Scope): Promise<void> {
  await db.execute(
    sql`delete from invoice_documents d
      where d.org_id = ${scope.orgId} and d.company_id = ${scope.companyId}
        and not exists (select 1 from invoice_document_pieces p
          where p.org_id = d.org_id and p.document_id = d.id)
        and not exists (select 1 from mail_attachments a
          where a.org_id = d.org_id and a.document_id = d.id)`,
  );
}

/** The document of a piece, with its bytes, or null. */
export async function getPieceDocument(db: Db, scope: Scope, pieceRef: string) {
  const [row] = await db
    .select({
      id: invoiceDocuments.id,
      fileName: invoiceDocuments.fileName,
      sizeBytes: invoiceDocuments.sizeBytes,
      sha256: invoiceDocuments.sha256,
      content: invoiceDocuments.content,
    })
    .from(invoiceDocumentPieces)
    .innerJoin(
      invoiceDocuments,
      and(
        eq(invoiceDocuments.orgId, invoiceDocumentPieces.orgId),
        eq(invoiceDocuments.id, invoiceDocumentPieces.documentId),
      ),
    )
    .where(
      and(
        eq(invoiceDocumentPieces.orgId, scope.orgId),
        eq(invoiceDocumentPieces.companyId, scope.companyId),
        eq(invoiceDocumentPieces.pieceRef, pieceRef),
      ),
    );
  return row ?? null;
}

/** Of `pieces`, those with a document: piece → document (without the bytes). */
export async function findPieceDocuments(db: Db, scope: Scope, pieces: readonly string[]) {
  const result = new Map<
    string,
    { documentId: string; fileName: string; sizeBytes: number; sha256: string }
  >();
  if (pieces.length === 0) return result;
  const rows = await db
    .select({
      pieceRef: invoiceDocumentPieces.pieceRef,
      documentId: invoiceDocuments.id,
      fileName: invoiceDocuments.fileName,
      sizeBytes: invoiceDocuments.sizeBytes,
      sha256: invoiceDocuments.sha256,
    })
    .from(invoiceDocumentPieces)
    .innerJoin(
      invoiceDocuments,
      and(
        eq(invoiceDocuments.orgId, invoiceDocumentPieces.orgId),
        eq(invoiceDocuments.id, invoiceDocumentPieces.documentId),
      ),
    )
    .where(
      and(
        eq(invoiceDocumentPieces.orgId, scope.orgId),
        eq(invoiceDocumentPieces.companyId, scope.companyId),
        inArray(invoiceDocumentPieces.pieceRef, [...new Set(pieces)]),
      ),
    );
  for (const { pieceRef, ...doc } of rows) result.set(pieceRef, doc);
  return result;
}

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>;

/** The company's open debit items whose piece has no document, in the caller's portfolio. */
const withoutDocument = (auth: Caller, companyId: string) => sql`from open_items o
    join entries e on e.org_id = o.org_id and e.company_id = o.company_id and e.entry_key = o.entry_key
    join customers c on c.org_id = o.org_id and c.company_id = o.company_id and c.account = o.customer_account
    where o.org_id = ${auth.orgId} and o.company_id = ${companyId} and o.amount > 0
      and ${portfolioCondition(auth)}
      and not exists (select 1 from invoice_document_pieces p
        where p.org_id = o.org_id and p.company_id = o.company_id and p.piece_ref = e.piece_ref)`;

async function selectItemsWithoutDocument(
  db: Db,
  auth: Caller,
  companyId: string,
  page: { limit: number; offset: number },
): Promise<MissingDocumentRow[]> {
  const rows = await selectRows<{
    piece_ref: string;
    customer_id: string;
    customer_account: string;
    customer_name: string;
    document_date: string;
    due_date: string;
    amount: string | number;
  }>(
    db,
    sql`select e.piece_ref, c.id as customer_id, o.customer_account, c.name as customer_name,
        o.document_date::text, o.due_date::text, o.amount
      ${withoutDocument(auth, companyId)}
      order by o.due_date, o.customer_account, o.entry_key
      limit ${page.limit} offset ${page.offset}`,
  );
  return rows.map((r) => ({
    pieceRef: r.piece_ref,
    customerId: r.customer_id,
    customerAccount: r.customer_account,
    customerName: r.customer_name,
    documentDate: r.document_date,
    dueDate: r.due_date,
    openAmount: Number(r.amount),
  }));
}

/** One page of the company's open debit items whose piece has no document, in the caller's portfolio. */
export async function findItemsWithoutDocument(
  db: Db,
  auth: Caller,
  companyId: string,
  page: { page: number; pageSize: number },
) {
  const items = await selectItemsWithoutDocument(db, auth, companyId, {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  const [total] = await selectRows<{ n: string | number }>(
    db,
    sql`select count(*) as n ${withoutDocument(auth, companyId)}`,
  );
  return { items, total: Number(total?.n ?? 0) };
}

/** Every open debit item without a document, in the list's order, read a batch at a time (export). */
export async function* streamItemsWithoutDocument(
  db: Db,
  auth: Caller,
  companyId: string,
  batch = 5_000,
): AsyncGenerator<MissingDocumentRow> {
  for (let offset = 0; ; offset += batch) {
    // As the due-date export: an export reads each page once, offset paging is enough.
    const rows = await selectItemsWithoutDocument(db, auth, companyId, { limit: batch, offset });
    yield* rows;
    if (rows.length < batch) return;
  }
}
