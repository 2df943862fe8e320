import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import {
  FileRejectedError,
  type LedgerLine,
  type LineError,
  MAX_LINE_ERRORS,
  type ReadBatch,
} from '../import-rows';
import { type FecHeader, resolveFecHeader } from './fec-header';
import { createFecLineParser, OTHER_LINE } from './fec-line';
import { type FecByteScan, SCAN_CHUNK_SIZE, scanFecBytes } from './fec-scan';

export { parseFecAmount, parseFecDate } from './fec-values';

/** How a FEC file is written, as found by {@link openFec}. */
export interface FecDialect {
  encoding: 'utf-8' | 'iso-8859-15';
  hasBom: boolean;
  separator: '\t' | '|';
  trailingSeparator: boolean;
  /** Line ending of the header line; 'LF' when the file is a header without line ending. */
  lineEnding: 'LF' | 'CRLF' | 'CR' | 'CRCRLF';
  /** Number of header columns (after dropping an empty trailing one). */
  columnCount: number;
  amountLayout: 'debit-credit' | 'montant-sens';
  /** By the standard columns present: 18, 21 (+DateRglt, ModeRglt, NatOp) or 22 (+IdClient). */
  layout: '18' | '21' | '22' | 'other';
  /** Header names that are not FEC columns nor known optional ones; their values go to `extra`. */
  extraColumns: string[];
}

export interface OpenFecOptions {
  /** Good rows per batch (default 5000). */
  batchSize?: number;
  /**
   * The customer ledger's account prefixes (IMP-3) when only its lines are wanted as rows: the
   * other good lines are then only counted and totalled, in the batches' `skipped`.
   */
  receivableOnly?: readonly string[] | undefined;
}

/** At most this many line errors are reported for a file; reading goes on past them. */
export { MAX_LINE_ERRORS } from '../import-rows';

const HEADER_PROBE_SIZE = 65_536;
/** A line longer than this is no FEC line: stop before it fills the memory. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Opens a FEC (IMP-2): scans the whole file once to decide its encoding and refuse what is not a
 * FEC, reads the header, and returns the dialect found with an iterable that streams the ledger
 * lines in batches (each iteration reads the file again; memory stays at one chunk and one batch).
 * Throws `FileRejectedError` for a file that cannot be read as a FEC (empty, binary, wrong separator,
 * missing columns); problems of single lines are reported in the batches' `errors`.
 * @example
 * const { dialect, batches } = await openFec('/data/123456789FEC20241231.txt');
 * for await (const { rows, errors } of batches) { ... }
 */
export async function openFec(
  path: string,
  { batchSize = 5000, receivableOnly }: OpenFecOptions = {},
): Promise<{
  dialect: FecDialect;
  header: FecHeader;
  batches: AsyncIterable<ReadBatch<LedgerLine>>;
  fileSize: number;
}> {
  const scan = await scanFecBytes(path);
  const { line, lineEnding } = await readHeaderLine(path, scan);
  const header = resolveFecHeader(line);
  const dialect: FecDialect = {
    encoding: scan.encoding,
    hasBom: scan.hasBom,
    separator: header.separator,
    trailingSeparator: header.trailingSeparator,
    lineEnding,
    columnCount: header.columnCount,
    amountLayout: header.amountLayout,
    layout: header.layout,
    extraColumns: header.extraColumns,
  };
  return {
    dialect,
    header,
    fileSize: scan.fileSize,
    batches: {
      [Symbol.asyncIterator]: () =>
        readBatches(path, scan.encoding, header, batchSize, undefined, receivableOnly),
    },
  };
}

/** A run of whole lines of a FEC: bytes [start, end) whose first line has number `firstLine`. */
export interface FecRange {
  start: number;
  end: number;
  firstLine: number;
}

/** What a thread needs to read its part of a FEC without scanning the file again. */
export interface FecPart {
  encoding: FecDialect['encoding'];
  header: FecHeader;
  range: FecRange;
}

const CR_BYTE = 0x0d;
const LF_BYTE = 0x0a;

/**
 * Cuts an opened FEC into `parts` runs of whole lines that threads can read side by side. Only
 * files whose lines all end with LF (LF, CRLF, CRCRLF, checked by counting both bytes before
 * each cut) are cut; another file is one part. Line numbers stay those of the whole file.
 */
export async function planFecParts(
  path: string,
  opened: { dialect: FecDialect; fileSize: number; header: FecHeader },
  parts: number,
): Promise<FecPart[]> {
  const { dialect, fileSize, header } = opened;
  const whole: FecPart[] = [
    { encoding: dialect.encoding, header, range: { start: 0, end: fileSize, firstLine: 1 } },
  ];
  const crPerLine = { LF: 0, CRLF: 1, CRCRLF: 2, CR: -1 }[dialect.lineEnding];
  if (parts < 2 || crPerLine < 0) return whole;
  const cuts: { offset: number; lines: number }[] = [];
  let lf = 0;
  let cr = 0;
  let position = 0;
  let k = 1;
  const stream = createReadStream(path, { highWaterMark: SCAN_CHUNK_SIZE });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      while (k < parts) {
        const target = Math.floor((fileSize * k) / parts);
        if (target >= position + chunk.length) break;
        const at = chunk.indexOf(LF_BYTE, Math.max(from, target - position));
        if (at === -1) break;
        lf += countByte(chunk, LF_BYTE, from, at + 1);
        cr += countByte(chunk, CR_BYTE, from, at + 1);
        // Every line so far ended with LF (and as many CRs as the dialect says): safe to cut.
        if (cr !== lf * crPerLine) return whole;
        cuts.push({ offset: position + at + 1, lines: lf });
        from = at + 1;
        k++;
      }
      if (k >= parts) break;
      lf += countByte(chunk, LF_BYTE, from, chunk.length);
      cr += countByte(chunk, CR_BYTE, from, chunk.length);
      position += chunk.length;
    }
  } finally {
    stream.destroy();
  }
  if (cuts.length < parts - 1 || cuts.at(-1)!.offset >= fileSize) return whole;
  const bounds = [{ offset: 0, lines: 0 }, ...cuts, { offset: fileSize, lines: 0 }];
  return bounds.slice(0, -1).map((bound, i) => ({
    encoding: dialect.encoding,
    header,
    range: { start: bound.offset, end: bounds[i + 1]!.offset, firstLine: bound.lines + 1 },
  }));
}

function countByte(chunk: Buffer, byte: number, from: number, to: number): number {
  let n = 0;
  for (let i = chunk.indexOf(byte, from); i !== -1 && i < to; i = chunk.indexOf(byte, i + 1)) n++;
  return n;
}

/** Streams the lines of one part planned by {@link planFecParts}. */
export function readFecPart(
  path: string,
  part: FecPart,
  { batchSize = 5000, receivableOnly }: OpenFecOptions = {},
): AsyncIterable<ReadBatch<LedgerLine>> {
  return {
    [Symbol.asyncIterator]: () =>
      readBatches(path, part.encoding, part.header, batchSize, part.range, receivableOnly),
  };
}

type LineDecoder = (buf: Buffer, start: number, end: number) => string;

const decodeUtf8: LineDecoder = (buf, start, end) => buf.toString('utf8', start, end);

// ISO-8859-15 differs from Latin-1 in eight code points (€, Š, š, Ž, ž, Œ, œ, Ÿ): the native
// Latin-1 decoder does the common case, iconv-lite the lines that hold one of those bytes.
const ISO_8859_15_BYTES = [0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe];
const LATIN1_ONLY = /[\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe]/;
const decodeLatin1: LineDecoder = (buf, start, end) => buf.toString('latin1', start, end);
const decodeIso885915: LineDecoder = (buf, start, end) => {
  const text = buf.toString('latin1', start, end);
  return LATIN1_ONLY.test(text) ? iconv.decode(buf.subarray(start, end), 'iso-8859-15') : text;
};

/** The decoder for the lines of `buf`: the plain Latin-1 one when no line needs more. */
function pickDecoder(encoding: FecDialect['encoding'], buf: Buffer): LineDecoder {
  if (encoding === 'utf-8') return decodeUtf8;
  return ISO_8859_15_BYTES.some((byte) => buf.includes(byte)) ? decodeIso885915 : decodeLatin1;
}

async function readHeaderLine(
  path: string,
  scan: FecByteScan,
): Promise<{ line: string; lineEnding: FecDialect['lineEnding'] }> {
  const file = await open(path, 'r');
  const probe = Buffer.alloc(Math.min(HEADER_PROBE_SIZE, scan.fileSize));
  try {
    await file.read(probe, 0, probe.length, 0);
  } finally {
    await file.close();
  }
  const start = scan.hasBom ? 3 : 0;
  const lf = probe.indexOf(LF, start);
  const cr = probe.indexOf(CR, start);
  const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
  if (end === -1 && probe.length < scan.fileSize) {
    throw new FileRejectedError(
      'unknown_format',
      `The first line is longer than ${HEADER_PROBE_SIZE / 1024} KB: it is not a FEC header.`,
    );
  }
  const line = pickDecoder(scan.encoding, probe)(probe, start, end === -1 ? probe.length : end);
  let lineEnding: FecDialect['lineEnding'] = 'LF';
  if (end !== -1 && probe[end] === CR) {
    if (probe[end + 1] === LF) lineEnding = 'CRLF';
    else if (probe[end + 1] === CR && probe[end + 2] === LF) lineEnding = 'CRCRLF';
    else lineEnding = 'CR';
  }
  return { line, lineEnding };
}

/**
 * Finds where records end in a buffer of bytes (VI-1°c: CR, LF, CRLF, or CRCRLF, where the first
 * CR belongs to the line end and makes no empty line). Keeps the next CR and LF positions, so a
 * file without CR costs one search for it per buffer.
 */
class LineEnds {
  /** End of the line found by {@link find} (exclusive), and where the next line starts. */
  end = 0;
  after = 0;
  private buf: Buffer = Buffer.alloc(0);
  private nextLf = -1;
  private nextCr = -1;

  reset(buf: Buffer): void {
    this.buf = buf;
    this.nextLf = buf.indexOf(LF);
    this.nextCr = buf.indexOf(CR);
  }

  /** Finds the end of the line that starts at `start`; false when the buffer holds none (yet). */
  find(start: number, isLastBuffer: boolean): boolean {
    const buf = this.buf;
    if (this.nextLf !== -1 && this.nextLf < start) this.nextLf = buf.indexOf(LF, start);
    if (this.nextCr !== -1 && this.nextCr < start) this.nextCr = buf.indexOf(CR, start);
    if (this.nextCr === -1 || (this.nextLf !== -1 && this.nextLf < this.nextCr)) {
      if (this.nextLf === -1) return false;
      this.end = this.nextLf;
      this.after = this.end + 1;
      return true;
    }
    const end = this.nextCr;
    // A CR at the end of the buffer may begin a CRLF or a CRCRLF: wait for the next bytes.
    if (!isLastBuffer && (end + 1 >= buf.length || (buf[end + 1] === CR && end + 2 >= buf.length)))
      return false;
    this.end = end;
    if (buf[end + 1] === LF) this.after = end + 2;
    else if (buf[end + 1] === CR && buf[end + 2] === LF) this.after = end + 3;
    else this.after = end + 1;
    return true;
  }
}

/**
 * Streams the data lines, line numbers being physical (the header is line 1; blank lines count but
 * yield nothing). Lines are cut on bytes and decoded one by one, so no row keeps a chunk alive.
 */
async function* readBatches(
  path: string,
  encoding: FecDialect['encoding'],
  header: FecHeader,
  batchSize: number,
  range: FecRange = { start: 0, end: Number.POSITIVE_INFINITY, firstLine: 1 },
  receivableOnly?: readonly string[],
): AsyncGenerator<ReadBatch<LedgerLine>> {
  let rows: LedgerLine[] = [];
  let errors: LineError[] = [];
  let skipped = { lines: 0, debit: 0, credit: 0 };
  let errorCount = 0;
  const parse = createFecLineParser(
    header,
    (error) => {
      errorCount++;
      if (errorCount <= MAX_LINE_ERRORS) errors.push(error);
    },
    receivableOnly,
  );
  const lineEnds = new LineEnds();
  let lineNumber = range.firstLine - 1;
  /** File offset of the first byte of the current buffer. */
  let base = range.start;
  let rest: Buffer | null = null;
  const stream = createReadStream(path, {
    highWaterMark: SCAN_CHUNK_SIZE,
    start: range.start,
    ...(Number.isFinite(range.end) ? { end: range.end - 1 } : {}),
  });
  const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  // The consumer may stop early (a `break` in its loop): the file is closed all the same.
  try {
    for (let isEnd = false; !isEnd; ) {
      const next = await chunks.next();
      isEnd = next.done === true;
      const chunk: Buffer = isEnd ? Buffer.alloc(0) : next.value;
      const buf: Buffer = rest === null ? chunk : Buffer.concat([rest, chunk]);
      const decode = pickDecoder(encoding, buf);
      lineEnds.reset(buf);
      let start = 0;
      for (;;) {
        const hasEnd = lineEnds.find(start, isEnd);
        // The last record of a file may have no line end.
        if (!hasEnd && !(isEnd && start < buf.length)) break;
        const end = hasEnd ? lineEnds.end : buf.length;
        lineNumber++;
        if (lineNumber > 1 && end > start) {
          const row = parse(decode(buf, start, end), lineNumber);
          if (row === OTHER_LINE) {
            skipped.lines++;
            skipped.debit += parse.other.debit;
            skipped.credit += parse.other.credit;
          } else if (row !== null) {
            rows.push(row);
          }
        }
        start = hasEnd ? lineEnds.after : end;
        if (rows.length + skipped.lines >= batchSize) {
          yield { rows, errors, bytesRead: base + start, skipped };
          rows = [];
          errors = [];
          skipped = { lines: 0, debit: 0, credit: 0 };
        }
      }
      if (buf.length - start > MAX_LINE_BYTES) {
        throw new FileRejectedError(
          'unknown_format',
          `Line ${lineNumber + 1} is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB: this is not a FEC.`,
        );
      }
      rest = start < buf.length ? buf.subarray(start) : null;
      base += start;
    }
  } finally {
    stream.destroy();
  }
  if (rows.length > 0 || errors.length > 0 || skipped.lines > 0)
    yield { rows, errors, bytesRead: base, skipped };
}
