import { sql } from 'drizzle-orm';
import { type Db, selectRows } from '../../db/client';

/** Whether the customer's ledger holds the piece (an entry, even lettered). */
export async function customerHasPiece(
  db: Db,
  scope: { orgId: string; companyId: string },
  customerAccount: string,
  pieceRef: string,
): Promise<boolean> {
  const rows = await selectRows<{ one: number }>(
    db,
    sql`select 1 as one from entries where org_id = ${scope.orgId} and company_id = ${scope.companyId}
      and customer_account = ${customerAccount} and piece_ref = ${pieceRef} limit 1`,
  );
  return rows.length > 0;
}

/** Of the customer's piece references, those with a stored invoice document. */
export async function findDocumentedPieces(
  db: Db,
  scope: { orgId: string; companyId: string },
  pieces: readonly string[],
): Promise<Set<string>> {
  if (pieces.length === 0) return new Set();
  const rows = await selectRows<{ piece_ref: string }>(
    db,
    sql`select piece_ref from invoice_document_pieces where org_id = ${scope.orgId}
      and company_id = ${scope.companyId} and piece_ref = any(${sql.param([...new Set(pieces)])}::text[])`,
  );
  return new Set(rows.map((r) => r.piece_ref));
}
