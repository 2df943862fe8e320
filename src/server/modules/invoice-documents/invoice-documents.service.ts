import type { InvoiceUploadResult } from '../../../contracts/invoice-documents';
import type { Database } from '../../db/client';
import { AppError } from '../../errors/app-error';
import { deleteUnusedDocuments, findKnownPieces, storeInvoiceDocument } from './invoice-documents.queries';
import {
  INVOICE_PDF_LIMIT_BYTES,
  isPdf,
  METADATA_FILE,
  openInvoiceZip,
  readInvoiceMetadata,
  sha256Hex,
} from './invoice-documents-zip';

type Rejected = InvoiceUploadResult['rejected'][number];

/**
 * Stores the invoice PDFs of an uploaded ZIP for a company (issue 5 point 4). The ZIP is refused
 * as a whole (nothing stored) when it is not a ZIP, has no valid `metadata.json`, or is too
 * large; otherwise each entry of `metadata.json` is checked and every bad one is named — a file
 * missing from the ZIP, not a PDF (`%PDF-`), over 15 MB, a piece the company's ledger does not
 * hold, a piece given to two files or a file listed twice — and the good ones are stored, in one
 * transaction. A piece documented before points at the new file.
 */
export async function uploadInvoiceDocuments(
  database: Database,
  scope: { orgId: string; companyId: string; userId: string },
  zipPath: string,
): Promise<InvoiceUploadResult> {
  const zip = await openInvoiceZip(zipPath);
  try {
    const metadata = await readInvoiceMetadata(zip);
    const rejected: Rejected[] = [];
    const key = { orgId: scope.orgId, companyId: scope.companyId };

    // A piece named by two entries is ambiguous: neither gets it.
    const pieceCount = new Map<string, number>();
    for (const d of metadata.documents) {
      for (const piece of new Set(d.pieces)) pieceCount.set(piece, (pieceCount.get(piece) ?? 0) + 1);
    }
    const known = await findKnownPieces(database.db, key, [...pieceCount.keys()]);
    const seenFiles = new Set<string>();
    const accepted: { file: string; pieces: string[] }[] = [];
    for (const d of metadata.documents) {
      if (seenFiles.has(d.file)) {
        rejected.push({
          file: d.file,
          piece: null,
          reason: 'duplicate',
          message: `${d.file}: listed twice in ${METADATA_FILE}`,
        });
        continue;
      }
      seenFiles.add(d.file);
      if (!zip.names.has(d.file)) {
        rejected.push({
          file: d.file,
          piece: null,
          reason: 'missing_file',
          message: `${d.file}: not in the ZIP`,
        });
        continue;
      }
      const pieces: string[] = [];
      for (const piece of new Set(d.pieces)) {
        if ((pieceCount.get(piece) ?? 0) > 1) {
          rejected.push({
            file: d.file,
            piece,
            reason: 'duplicate',
            message: `${d.file}: piece ${piece} is given to more than one file`,
          });
        } else if (!known.has(piece)) {
          rejected.push({
            file: d.file,
            piece,
            reason: 'unknown_piece',
            message: `${d.file}: piece ${piece} is not in the company's ledger`,
          });
        } else {
          pieces.push(piece);
        }
      }
      if (pieces.length > 0) accepted.push({ file: d.file, pieces });
    }

    const stored: InvoiceUploadResult['stored'] = [];
    await database.transaction(async (tx) => {
      for (const d of accepted) {
        let content: Buffer;
        try {
          content = await zip.read(d.file, INVOICE_PDF_LIMIT_BYTES);
        } catch (error) {
          if (error instanceof AppError && error.code === 'too_large') {
            rejected.push({ file: d.file, piece: null, reason: 'too_large', message: error.message });
            continue;
          }
          throw error;
        }
        if (!isPdf(content)) {
          rejected.push({
            file: d.file,
            piece: null,
            reason: 'not_pdf',
            message: `${d.file}: not a PDF (it does not start with %PDF-)`,
          });
          continue;
        }
        await storeInvoiceDocument(tx.db, key, {
          fileName: baseName(d.file),
          content,
          sha256: sha256Hex(content),
          pieces: d.pieces,
          uploadedBy: scope.userId,
        });
        stored.push({ file: d.file, pieces: d.pieces, sizeBytes: content.length });
      }
      await deleteUnusedDocuments(tx.db, key);
    });
    const listed = new Set(metadata.documents.map((d) => d.file));
    const ignoredFiles = [...zip.names].filter((n) => n !== METADATA_FILE && !listed.has(n)).sort();
    return { stored, rejected, ignoredFiles };
  } finally {
    zip.close();
  }
}

/** The name a file is downloaded and attached under: its last path segment. */
const baseName = (path: string) => path.split('/').pop() || path;
