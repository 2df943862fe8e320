/** DUN-11: an email carries at most 15 files and 15 MB of files in all. */
export const ATTACHMENT_LIMITS = { files: 15, bytes: 15 * 1024 * 1024 } as const;

/** What a reminder email attaches, and which pieces' documents stay behind ("available on request"). */
export interface AttachmentPlan<D> {
  attached: { document: D; pieces: string[] }[];
  /** Pieces that have a document the email does not carry, in the reminder's order. */
  leftOut: string[];
}

/**
 * Picks the invoice documents of a reminder's pieces (DUN-11, TPL-5): in the reminder's item
 * order, each document once (one PDF may serve several pieces), until the next one would pass
 * 15 files or 15 MB (sizes of the files themselves); that one and every later one are left out,
 * so the email carries the first invoices of its list and names the rest as available on request.
 * @example planAttachments(['FA1', 'FA2'], new Map([['FA1', { documentId: 'd1', sizeBytes: 900 }]]))
 */
export function planAttachments<D extends { documentId: string; sizeBytes: number }>(
  pieces: readonly string[],
  documents: ReadonlyMap<string, D>,
  limits: { files: number; bytes: number } = ATTACHMENT_LIMITS,
): AttachmentPlan<D> {
  const attached: AttachmentPlan<D>['attached'] = [];
  const byDocument = new Map<string, AttachmentPlan<D>['attached'][number]>();
  const leftOut: string[] = [];
  let bytes = 0;
  let isFull = false;
  for (const piece of new Set(pieces)) {
    const document = documents.get(piece);
    if (!document) continue;
    const already = byDocument.get(document.documentId);
    if (already) {
      already.pieces.push(piece);
      continue;
    }
    if (!isFull && attached.length < limits.files && bytes + document.sizeBytes <= limits.bytes) {
      const entry = { document, pieces: [piece] };
      attached.push(entry);
      byDocument.set(document.documentId, entry);
      bytes += document.sizeBytes;
    } else {
      isFull = true;
      leftOut.push(piece);
    }
  }
  return { attached, leftOut };
}

/**
 * What is left of the limits for the invoices once the files asked for by name are in — the
 * statement of account counts as one file of its size (DUN-11, TPL-5); `null` when those files
 * alone pass the limits.
 * @example limitsAfter([{ sizeBytes: 40_000 }]) // { files: 14, bytes: 15 * 1024 * 1024 - 40_000 }
 */
export function limitsAfter(
  files: readonly { sizeBytes: number }[],
  limits: { files: number; bytes: number } = ATTACHMENT_LIMITS,
): { files: number; bytes: number } | null {
  const bytes = files.reduce((sum, f) => sum + f.sizeBytes, 0);
  if (files.length > limits.files || bytes > limits.bytes) return null;
  return { files: limits.files - files.length, bytes: limits.bytes - bytes };
}
