import { createHash } from 'node:crypto';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { z } from 'zod';
import { AppError } from '../../errors/app-error';

/** The largest ZIP accepted by `POST /api/companies/:id/invoice-documents`. */
export const INVOICE_ZIP_LIMIT_BYTES = 200 * 1024 * 1024;
/** The largest PDF kept: a bigger one could never go with a reminder (DUN-11: 15 MB in all). */
export const INVOICE_PDF_LIMIT_BYTES = 15 * 1024 * 1024;
export const METADATA_FILE = 'metadata.json';
const METADATA_LIMIT_BYTES = 5 * 1024 * 1024;
const MAX_DOCUMENTS = 10_000;

/** `metadata.json`: each file of the ZIP and the piece references (invoice numbers) it documents. */
export const invoiceMetadataSchema = z.object({
  documents: z
    .array(
      z.object({
        file: z.string().trim().min(1),
        pieces: z.array(z.string().trim().min(1)).min(1),
      }),
    )
    .max(MAX_DOCUMENTS),
});
export type InvoiceMetadata = z.infer<typeof invoiceMetadataSchema>;

/** A ZIP opened for reading: its entries by name, read one at a time. */
export interface InvoiceZip {
  names: ReadonlySet<string>;
  /** The entry's bytes; throws `too_large` past `limit` (checked while inflating, not trusted from the header). */
  read(name: string, limit: number): Promise<Buffer>;
  close(): void;
}

const openZip = (path: string) =>
  new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );

/**
 * Opens an uploaded ZIP and lists its files (folders skipped); a file that is not a ZIP is refused
 * as a whole with `invalid_input`.
 * @example const zip = await openInvoiceZip('/tmp/upload'); const pdf = await zip.read('FA1.pdf', 1e6);
 */
export async function openInvoiceZip(path: string): Promise<InvoiceZip> {
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `the file is not a readable ZIP archive (${(error as Error).message})`,
    );
  }
  const entries = new Map<string, Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: Entry) => {
        if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
        if (entries.size > MAX_DOCUMENTS + 1) {
          reject(new AppError('too_large', `the ZIP holds more than ${MAX_DOCUMENTS} files`));
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (error: Error) =>
        reject(new AppError('invalid_input', `the ZIP archive is damaged (${error.message})`)),
      );
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error;
  }
  return {
    names: new Set(entries.keys()),
    read: (name, limit) => readEntry(zip, entries.get(name)!, limit),
    close: () => zip.close(),
  };
}

function readEntry(zip: ZipFile, entry: Entry, limit: number): Promise<Buffer> {
  if (entry.uncompressedSize > limit) {
    return Promise.reject(tooLarge(entry.fileName, limit));
  }
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(new AppError('invalid_input', `${entry.fileName}: ${error.message}`));
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // The header's size is checked by yauzl too; this guards the memory whatever it says.
        if (size > limit) {
          stream.destroy();
          reject(tooLarge(entry.fileName, limit));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (e: Error) =>
        reject(new AppError('invalid_input', `${entry.fileName}: ${e.message}`)),
      );
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

const tooLarge = (name: string, limit: number) =>
  new AppError('too_large', `${name}: larger than ${limit / 1024 / 1024} MB`);

/** Reads and checks `metadata.json`; without it, or when it does not parse, the ZIP is refused as a whole. */
export async function readInvoiceMetadata(zip: InvoiceZip): Promise<InvoiceMetadata> {
  if (!zip.names.has(METADATA_FILE)) {
    throw new AppError('invalid_input', `${METADATA_FILE}: missing at the root of the ZIP`);
  }
  const raw = await zip.read(METADATA_FILE, METADATA_LIMIT_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError('invalid_input', `${METADATA_FILE}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = invoiceMetadataSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError(
      'invalid_input',
      `${METADATA_FILE}: ${issue.path.join('.') || 'root'}: ${issue.message} — expected {"documents":[{"file":"FA1.pdf","pieces":["FA1"]}]}`,
    );
  }
  return parsed.data;
}

/** Whether the bytes start as a PDF does (`%PDF-`). */
export const isPdf = (content: Buffer): boolean => content.subarray(0, 5).toString('latin1') === '%PDF-';

export const sha256Hex = (content: Buffer): string => createHash('sha256').update(content).digest('hex');
