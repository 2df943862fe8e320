import PDFDocument from 'pdfkit';
import { type LetterheadBody, type LetterheadDto, LOGO_MAX_BYTES } from '../../../contracts/letterhead';
import { addDays, type CalendarDate } from '../../../domain/calendar';
import type { Database } from '../../db/client';
import type { LogoType } from '../../db/schema';
import { checkSvgLogo, legalFooter, openImage, type PdfLanguage } from '../../documents/pdf-page';
import { type Letter, renderLettersPdf } from '../../documents/reminder-letters';
import { AppError, notFound } from '../../errors/app-error';
import { writeAudit } from '../audit/audit.queries';
import type { AuthContext } from '../auth/auth.service';
import { getCompanyOrThrow } from './companies.queries';
import {
  getLetterheadRow,
  loadLetterhead,
  setLetterheadLogo,
  toLetterhead,
  upsertLetterhead,
} from './letterhead.queries';

type Caller = Pick<AuthContext, 'orgId' | 'userId'>;

/**
 * The type of a logo from its first bytes, whatever the file's name or declared type says, or a
 * 400 saying what is accepted. PNG and JPEG are opened by the PDF library that will draw them,
 * SVG is drawn once: a file that would fail on every letter is refused at upload.
 * @example checkLogo(readFileSync('logo.png')) // 'image/png'
 */
export function checkLogo(data: Buffer): LogoType {
  if (data.length === 0) throw new AppError('invalid_input', 'logo: the file is empty');
  if (data.length > LOGO_MAX_BYTES)
    throw new AppError('too_large', `logo: at most ${LOGO_MAX_BYTES / 1024} KB`);
  const type = sniffLogoType(data);
  if (!type) throw new AppError('invalid_input', 'logo: a PNG, JPEG or SVG image is expected');
  if (type === 'image/svg+xml') {
    const problem = checkSvgLogo(data.toString('utf8'));
    if (problem) throw new AppError('invalid_input', `logo: this SVG cannot be drawn (${problem})`);
    return type;
  }
  try {
    openImage(new PDFDocument({ autoFirstPage: false }), data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('invalid_input', `logo: this image cannot be read (${reason})`);
  }
  return type;
}

function sniffLogoType(data: Buffer): LogoType | null {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  // Text: an optional BOM, XML declaration, comments and doctype, then the <svg> root.
  const head = data
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const rest = head.replace(/^\s*(<\?xml[^>]*\?>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*/i, '');
  return /^<svg[\s>]/i.test(rest) ? 'image/svg+xml' : null;
}

async function toDto(database: Database, orgId: string, companyId: string): Promise<LetterheadDto> {
  const company = await getCompanyOrThrow(database.db, orgId, companyId);
  const row = await getLetterheadRow(database.db, orgId, companyId);
  const letterhead = toLetterhead(company.name, company.currency, row);
  return {
    companyId,
    companyName: company.name,
    currency: company.currency,
    address: row?.address ?? {},
    phone: row?.phone ?? null,
    email: row?.email ?? null,
    place: row?.place ?? null,
    signatoryName: row?.signatoryName ?? null,
    signatoryTitle: row?.signatoryTitle ?? null,
    legalForm: row?.legalForm ?? null,
    shareCapital: row?.shareCapital ?? null,
    siren: row?.siren ?? null,
    rcsCity: row?.rcsCity ?? null,
    vatNumber: row?.vatNumber ?? null,
    logo: row?.logo && row.logoType ? { type: row.logoType, size: row.logo.length } : null,
    footer: legalFooter(letterhead),
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** The letterhead of a company of the caller's organization (404 for any other). */
export function getLetterhead(database: Database, auth: Caller, companyId: string): Promise<LetterheadDto> {
  return toDto(database, auth.orgId, companyId);
}

/** Saves the text of the letterhead, with its audit row. */
export async function saveLetterhead(
  database: Database,
  auth: Caller,
  companyId: string,
  body: LetterheadBody,
): Promise<LetterheadDto> {
  await database.transaction(async (tx) => {
    await getCompanyOrThrow(tx.db, auth.orgId, companyId);
    await upsertLetterhead(tx.db, auth.orgId, companyId, body);
    await writeAudit(tx.db, {
      orgId: auth.orgId,
      userId: auth.userId,
      action: 'company.letterhead.update',
      target: companyId,
      details: { ...body },
    });
  });
  return toDto(database, auth.orgId, companyId);
}

/** Replaces the logo (checked by `checkLogo`), or removes it with `null`. */
export async function saveLetterheadLogo(
  database: Database,
  auth: Caller,
  companyId: string,
  data: Buffer | null,
): Promise<LetterheadDto> {
  const logo = data ? { data, type: checkLogo(data) } : null;
  await database.transaction(async (tx) => {
    await getCompanyOrThrow(tx.db, auth.orgId, companyId);
    await setLetterheadLogo(tx.db, auth.orgId, companyId, logo);
    await writeAudit(tx.db, {
      orgId: auth.orgId,
      userId: auth.userId,
      action: logo ? 'company.letterhead.logo' : 'company.letterhead.logo.remove',
      target: companyId,
      details: logo ? { type: logo.type, size: logo.data.length } : {},
    });
  });
  return toDto(database, auth.orgId, companyId);
}

/** The logo's bytes and type; 404 when the company has none. */
export async function getLetterheadLogo(
  database: Database,
  auth: Caller,
  companyId: string,
): Promise<{ data: Buffer; type: LogoType }> {
  await getCompanyOrThrow(database.db, auth.orgId, companyId);
  const row = await getLetterheadRow(database.db, auth.orgId, companyId);
  if (!row?.logo || !row.logoType) throw notFound('logo');
  return { data: row.logo, type: row.logoType };
}

const SAMPLE: Record<PdfLanguage, Pick<Letter, 'subject' | 'body' | 'recipientName'>> = {
  fr: {
    recipientName: 'Client Exemple SARL',
    subject: 'Exemple de relance, compte 411EXEMPLE',
    body: 'Madame, Monsieur,\n\nSauf erreur de notre part, les factures suivantes restent impayées à ce jour :\n\n- exemple\n\nNous vous remercions de bien vouloir procéder à leur règlement.\n\nCordialement,',
  },
  en: {
    recipientName: 'Sample Customer Ltd',
    subject: 'Sample reminder, account 411SAMPLE',
    body: 'Dear Sir or Madam,\n\nUnless we are mistaken, the following invoices are still unpaid:\n\n- sample\n\nWe would be grateful if you could settle them.\n\nKind regards,',
  },
};

/** A sample letter on the letterhead, to check it before letters go out. */
export async function renderLetterheadPreview(
  database: Database,
  auth: Caller,
  companyId: string,
  language: PdfLanguage,
  today: CalendarDate,
): Promise<Buffer> {
  const company = await getCompanyOrThrow(database.db, auth.orgId, companyId);
  const letterhead = await loadLetterhead(database.db, auth.orgId, companyId);
  const sample = SAMPLE[language];
  const letter: Letter = {
    ...sample,
    kind: 'reminder',
    language,
    currency: company.currency,
    customerAccount: language === 'fr' ? '411EXEMPLE' : '411SAMPLE',
    recipientAddress: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon' },
    date: today,
    items: [
      {
        piece: 'FA-0001',
        documentDate: addDays(today, -75),
        dueDate: addDays(today, -45),
        amount: 120000,
        remaining: 120000,
        daysLate: 45,
      },
      {
        piece: 'FA-0002',
        documentDate: addDays(today, -50),
        dueDate: addDays(today, -20),
        amount: 54000,
        remaining: 24000,
        daysLate: 20,
      },
    ],
  };
  return renderLettersPdf([letter], letterhead, { duplex: false });
}
