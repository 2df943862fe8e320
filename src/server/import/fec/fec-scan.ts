import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { FileRejectedError } from '../import-rows';

/** What a first pass over the bytes of a file tells about it. */
export interface FecByteScan {
  fileSize: number;
  encoding: 'utf-8' | 'iso-8859-15';
  hasBom: boolean;
}

export const SCAN_CHUNK_SIZE = 1 << 20;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** Signatures of the files people pick by mistake instead of their FEC. */
const BINARY_SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (or an XLSX/ODS workbook)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel/Word document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7z archive' },
];

/**
 * Reads the whole file once, as bytes, to decide its encoding (IMP-2: valid UTF-8 over the whole
 * file, else ISO-8859-15; a stray byte at the end must not be missed) and to refuse what is not
 * a text file. Memory stays at one chunk.
 */
export async function scanFecBytes(path: string): Promise<FecByteScan> {
  const utf8 = createUtf8Checker();
  let fileSize = 0;
  let isValidUtf8 = true;
  let hasBom = false;
  let hasText = false;
  for await (const chunk of createReadStream(path, {
    highWaterMark: SCAN_CHUNK_SIZE,
  }) as AsyncIterable<Buffer>) {
    if (fileSize === 0) {
      assertTextStart(chunk);
      hasBom = startsWith(chunk, UTF8_BOM);
    }
    if (chunk.indexOf(0) !== -1) {
      throw new FileRejectedError(
        'binary_file',
        'The file contains NUL bytes: it is not a text file (or it is UTF-16 text). ' +
          'A FEC is a text file in UTF-8, ISO-8859-15 or ASCII.',
      );
    }
    if (!hasText) hasText = hasNonBlankByte(chunk, fileSize === 0 && hasBom ? UTF8_BOM.length : 0);
    if (isValidUtf8) isValidUtf8 = utf8.push(chunk);
    fileSize += chunk.length;
  }
  if (!hasText) {
    throw new FileRejectedError(
      'empty_file',
      fileSize === 0 ? 'The file is empty (0 bytes).' : 'The file holds only blank lines.',
    );
  }
  isValidUtf8 = isValidUtf8 && utf8.end();
  if (hasBom && !isValidUtf8) {
    throw new FileRejectedError(
      'bad_encoding',
      'The file starts with a UTF-8 byte order mark but is not valid UTF-8: ' +
        'save it again as UTF-8 (or as ISO-8859-15 without the mark).',
    );
  }
  return { fileSize, encoding: isValidUtf8 ? 'utf-8' : 'iso-8859-15', hasBom };
}

function assertTextStart(chunk: Buffer): void {
  if (startsWith(chunk, [0xff, 0xfe]) || startsWith(chunk, [0xfe, 0xff])) {
    throw new FileRejectedError(
      'bad_encoding',
      'The file is UTF-16 text: a FEC must be UTF-8, ISO-8859-15 or ASCII. Save it again as UTF-8.',
    );
  }
  for (const { bytes, what } of BINARY_SIGNATURES) {
    if (startsWith(chunk, bytes)) {
      throw new FileRejectedError('binary_file', `The file is ${what}, not a FEC text file.`);
    }
  }
  // Control characters other than tab, CR, LF, form feed and the DOS end-of-file mark are not text.
  const sample = chunk.subarray(0, 65_536);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i]!;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1a) {
      controls++;
    }
  }
  if (controls > 0 && controls * 100 > sample.length) {
    throw new FileRejectedError(
      'binary_file',
      'The file is not text (it holds control bytes): it is not a FEC.',
    );
  }
}

function startsWith(chunk: Buffer, bytes: readonly number[]): boolean {
  if (chunk.length < bytes.length) return false;
  return bytes.every((byte, i) => chunk[i] === byte);
}

function hasNonBlankByte(chunk: Buffer, from: number): boolean {
  for (let i = from; i < chunk.length; i++) {
    const byte = chunk[i]!;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1a) {
      return true;
    }
  }
  return false;
}

/** Length of the UTF-8 sequence a lead byte starts (1 for ASCII and for bytes that start nothing). */
function sequenceLength(byte: number): number {
  if ((byte & 0xe0) === 0xc0) return 2;
  if ((byte & 0xf0) === 0xe0) return 3;
  if ((byte & 0xf8) === 0xf0) return 4;
  return 1;
}

/** Where the last, incomplete UTF-8 sequence of `buf` starts (`buf.length` when none is cut). */
function incompleteTailStart(buf: Buffer): number {
  const n = buf.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const byte = buf[i]!;
    if ((byte & 0xc0) === 0x80) continue;
    return i + sequenceLength(byte) > n ? i : n;
  }
  return n;
}

/**
 * Validates UTF-8 chunk by chunk with the native `isUtf8`, carrying a sequence split across two
 * chunks over to the next one.
 */
export function createUtf8Checker(): { push(chunk: Buffer): boolean; end(): boolean } {
  let carry = Buffer.alloc(0);
  return {
    push(chunk) {
      let body = chunk;
      if (carry.length > 0) {
        const missing = sequenceLength(carry[0]!) - carry.length;
        if (chunk.length < missing) {
          carry = Buffer.concat([carry, chunk]);
          return true;
        }
        if (!isUtf8(Buffer.concat([carry, chunk.subarray(0, missing)]))) return false;
        body = chunk.subarray(missing);
      }
      const cut = incompleteTailStart(body);
      carry = Buffer.from(body.subarray(cut));
      return isUtf8(body.subarray(0, cut));
    },
    end() {
      return carry.length === 0;
    },
  };
}
