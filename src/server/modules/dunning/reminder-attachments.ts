import { and, eq, inArray } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar';
import { limitsAfter, planAttachments } from '../../../domain/dunning/attachments';
import type { Database, Db } from '../../db/client';
import { invoiceDocuments, type ReminderContent } from '../../db/schema';
import type { PdfLanguage } from '../../documents/pdf-page';
import { AppError } from '../../errors/app-error';
import { generatedAttachment, type MailAttachment } from '../../mail/mail-attachments.queries';
import type { AuthContext } from '../auth/auth.service';
import { renderCustomerStatement } from '../customer-record/statement.service';
import { findPieceDocuments } from '../invoice-documents/invoice-documents.queries';

/**
 * The statement of account of a customer, rendered for an email (TPL-5 "a statement PDF on
 * demand"): its open items as of `today`, in the email's language (the customer's when none).
 * `caller` is the user who writes the email (their portfolio applies), or the organization itself
 * for a step of the scenario. Its bytes are recorded with the email, so a retry sends the same
 * file (DUN-13).
 * @example await statementAttachment(database, auth, customerId, 'fr', '2024-04-30')
 */
export async function statementAttachment(
  database: Database,
  caller: Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>,
  customerId: string,
  language: string | undefined,
  today: CalendarDate,
): Promise<MailAttachment> {
  // The email's language; the customer's own when the user wrote the email.
  const pdfLanguage: PdfLanguage | undefined =
    language === undefined ? undefined : language === 'fr' ? 'fr' : 'en';
  const { pdf, fileName } = await renderCustomerStatement(
    database,
    caller,
    customerId,
    { scope: 'open', ...(pdfLanguage ? { language: pdfLanguage } : {}) },
    today,
  );
  return generatedAttachment(fileName, pdf);
}

/** The organization as the caller of a scenario step: it sees every customer of its own. */
export const organizationCaller = (orgId: string) => ({ orgId, role: 'admin' as const, portfolio: null });

/**
 * The invoice PDFs a reminder email carries (DUN-11, TPL-5): the documents of its pieces, at most
 * 15 files and 15 MB (`planAttachments`), with their bytes for the mailer; the content records
 * them (DUN-14) and, when some stayed behind, says in both parts which pieces are on request.
 * `requested` files (the statement of account) go first and count in the limits; alone past them
 * they are a bad request.
 */
export async function attachInvoiceDocuments(
  db: Db,
  scope: { orgId: string; companyId: string },
  pieces: readonly string[],
  content: ReminderContent,
  requested: readonly MailAttachment[] = [],
): Promise<{ content: ReminderContent; attachments: MailAttachment[] }> {
  const limits = limitsAfter(requested.map((a) => ({ sizeBytes: a.content.length })));
  if (!limits) throw new AppError('invalid_input', 'attachments: the statement alone passes 15 MB (DUN-11)');
  const withRequested: ReminderContent =
    requested.length === 0
      ? content
      : {
          ...content,
          attachments: requested.map((a) => ({
            file: a.fileName,
            pieces: [],
            sizeBytes: a.content.length,
            sha256: a.sha256,
          })),
        };
  const documents = await findPieceDocuments(db, scope, pieces);
  if (documents.size === 0) return { content: withRequested, attachments: [...requested] };
  const plan = planAttachments(pieces, documents, limits);
  const ids = plan.attached.map((a) => a.document.documentId);
  const rows =
    ids.length === 0
      ? []
      : await db
          .select({ id: invoiceDocuments.id, content: invoiceDocuments.content })
          .from(invoiceDocuments)
          .where(and(eq(invoiceDocuments.orgId, scope.orgId), inArray(invoiceDocuments.id, ids)));
  const bytes = new Map(rows.map((r) => [r.id, r.content]));
  const attachments: MailAttachment[] = [
    ...requested,
    ...plan.attached.map(({ document }) => ({
      documentId: document.documentId,
      fileName: document.fileName,
      contentType: 'application/pdf',
      sha256: document.sha256,
      content: bytes.get(document.documentId)!,
    })),
  ];
  const recorded: ReminderContent = {
    ...content,
    attachments: [
      ...(withRequested.attachments ?? []),
      ...plan.attached.map(({ document, pieces: covered }) => ({
        file: document.fileName,
        pieces: covered,
        sizeBytes: document.sizeBytes,
        sha256: document.sha256,
      })),
    ],
  };
  if (plan.leftOut.length === 0) return { content: recorded, attachments };
  const note = onRequestNote(plan.leftOut, content.language);
  return {
    content: {
      ...recorded,
      attachmentsLeftOut: plan.leftOut,
      text: `${content.text.trimEnd()}\n\n${note}\n`,
      html: content.html === null ? null : appendParagraph(content.html, note),
    },
    attachments,
  };
}

/** The sentence naming the invoices not attached (French for French customers, else English). */
export function onRequestNote(pieces: readonly string[], language: string): string {
  const list = pieces.join(', ');
  return language === 'fr'
    ? `Les factures suivantes ne sont pas jointes à ce message et vous seront envoyées sur demande : ${list}.`
    : `The following invoices are not attached to this message and are available on request: ${list}.`;
}

function appendParagraph(html: string, text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const paragraph = `<p>${escaped}</p>`;
  const end = html.lastIndexOf('</body>');
  return end === -1 ? `${html}${paragraph}` : `${html.slice(0, end)}${paragraph}${html.slice(end)}`;
}
