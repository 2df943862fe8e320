import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Cents } from '../../domain/money';

/** The 18 columns of a FEC (A47 A-1, VII-1°), in order. */
export const FEC_COLUMNS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

/** One FEC line as the simulation produces it; dates are already `AAAAMMJJ`, '' when blank. */
export interface FecLine {
  journalCode: string;
  journalLabel: string;
  entryNumber: number;
  entryDate: string;
  accountNumber: string;
  accountLabel: string;
  auxAccount: string;
  auxLabel: string;
  pieceRef: string;
  pieceDate: string;
  label: string;
  debit: Cents;
  credit: Cents;
  letteringCode: string;
  letteringDate: string;
  /** Montantdevise, signed like the line (credit lines negative); null when blank. */
  originalAmount: Cents | null;
  currency: string;
}

/**
 * Writes cents with a decimal comma and no thousands separator, as a FEC wants (XII-2°).
 * @example formatFecAmount(123456) // '1234,56'
 * @example formatFecAmount(-5) // '-0,05'
 */
export function formatFecAmount(cents: Cents): string {
  const abs = Math.abs(cents);
  const rest = abs % 100;
  return `${cents < 0 ? '-' : ''}${(abs - rest) / 100},${rest < 10 ? '0' : ''}${rest}`;
}

/** One FEC record, TAB-separated, LF-terminated. ValidDate is the entry date. */
export function formatFecLine(line: FecLine): string {
  return `${line.journalCode}\t${line.journalLabel}\t${line.entryNumber}\t${line.entryDate}\t${line.accountNumber}\t${line.accountLabel}\t${line.auxAccount}\t${line.auxLabel}\t${line.pieceRef}\t${line.pieceDate}\t${line.label}\t${formatFecAmount(line.debit)}\t${formatFecAmount(line.credit)}\t${line.letteringCode}\t${line.letteringDate}\t${line.entryDate}\t${line.originalAmount === null ? '' : formatFecAmount(line.originalAmount)}\t${line.currency}\n`;
}

/** A CSV row with `;` separators; fields holding `;`, quotes or line breaks are quoted. */
export function csvRow(fields: readonly string[]): string {
  return `${fields.map((f) => (/[;"\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(';')}\n`;
}

/**
 * Streams text chunks to a file (UTF-8, no BOM). The generator is pulled only as fast as the disk
 * takes the data, so memory stays bounded whatever the file size.
 */
export async function writeTextFile(path: string, chunks: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(chunks), createWriteStream(path, { encoding: 'utf8' }));
}

/** Groups small strings into chunks of about `size` characters, so the stream moves few objects. */
export function* batch(parts: Iterable<string>, size = 64 * 1024): Generator<string> {
  let buffer: string[] = [];
  let length = 0;
  for (const part of parts) {
    buffer.push(part);
    length += part.length;
    if (length >= size) {
      yield buffer.join('');
      buffer = [];
      length = 0;
    }
  }
  if (buffer.length > 0) yield buffer.join('');
}
