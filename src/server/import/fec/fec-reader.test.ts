import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { FileRejectedError, type LedgerLine, type LineError } from '../import-rows';
import { type FecDialect, MAX_LINE_ERRORS, openFec } from './fec-reader';
import { createUtf8Checker, SCAN_CHUNK_SIZE } from './fec-scan';

const DATA_DIR = '/work/shared/data/fec';
const tmp = mkdtempSync(join(tmpdir(), 'fec-reader-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function readAll(path: string, batchSize?: number) {
  const { dialect, batches, fileSize } = await openFec(path, { batchSize });
  const rows: LedgerLine[] = [];
  const errors: LineError[] = [];
  const progress: number[] = [];
  for await (const batch of batches) {
    rows.push(...batch.rows);
    errors.push(...batch.errors);
    progress.push(batch.bytesRead);
  }
  return { dialect, rows, errors, fileSize, progress };
}

async function rejection(path: string): Promise<FileRejectedError> {
  try {
    await readAll(path);
  } catch (error) {
    if (error instanceof FileRejectedError) return error;
    throw error;
  }
  throw new Error('the file was not rejected');
}

let fileCount = 0;
function writeTemp(content: string | Buffer): string {
  const path = join(tmp, `file-${++fileCount}.txt`);
  writeFileSync(path, content);
  return path;
}

// ——— An independent, deliberately plain reading of a FEC, to check the reader against ———

function oracleCents(text: string): bigint {
  let t = text.trim();
  if (t === '') return 0n;
  let sign = 1n;
  if (t.startsWith('-') || t.startsWith('+')) {
    sign = t.startsWith('-') ? -1n : 1n;
    t = t.slice(1);
  } else if (t.endsWith('-') || t.endsWith('+')) {
    sign = t.endsWith('-') ? -1n : 1n;
    t = t.slice(0, -1);
  }
  const [units = '', decimals = ''] = t.split(',');
  if (!/^\d*$/.test(units) || !/^\d{0,2}$/.test(decimals)) throw new Error(`oracle: bad amount ${text}`);
  return sign * (BigInt(units || '0') * 100n + BigInt(decimals.padEnd(2, '0')));
}

function oracleRead(path: string) {
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('iso-8859-15').decode(bytes);
  }
  const lines = text.split(/\r\r\n|\r\n|\r|\n/).filter((line) => line.trim() !== '');
  const header = lines[0]!;
  const separator = header.includes('\t') ? '\t' : '|';
  const names = header.split(separator).map((name) => name.trim().toLowerCase());
  const debitAt = names.indexOf('debit');
  const creditAt = names.indexOf('credit');
  let debit = 0n;
  let credit = 0n;
  for (const line of lines.slice(1)) {
    const fields = line.split(separator);
    debit += oracleCents(fields[debitAt]!);
    credit += oracleCents(fields[creditAt]!);
  }
  return { dataLines: lines.length - 1, debit, credit };
}

// ——— Every real file ———

type Expected = Omit<FecDialect, 'columnCount' | 'extraColumns'> & { dataLines: number };

/** Dialects as the README of the data folder describes them, checked by hand. */
const REAL_FILES: Record<string, Expected> = {
  'neolegal__0000000001FEC20220831.txt': {
    encoding: 'utf-8',
    hasBom: true,
    separator: '\t',
    trailingSeparator: false,
    lineEnding: 'LF',
    layout: '18',
    amountLayout: 'debit-credit',
    dataLines: 5_422,
  },
  'neolegal__000000000FEC20231231.txt': {
    encoding: 'utf-8',
    hasBom: false,
    separator: '\t',
    trailingSeparator: false,
    lineEnding: 'LF',
    layout: '22',
    amountLayout: 'debit-credit',
    dataLines: 2_102,
  },
  'neolegal__111111111FEC20221231.TXT': {
    encoding: 'iso-8859-15',
    hasBom: false,
    separator: '|',
    trailingSeparator: true,
    lineEnding: 'LF',
    layout: '18',
    amountLayout: 'debit-credit',
    dataLines: 934,
  },
  // The README's "10,757 records" counts the header line.
  'neolegal__123456789FEC20500930.txt': {
    encoding: 'utf-8',
    hasBom: false,
    separator: '\t',
    trailingSeparator: false,
    lineEnding: 'CRCRLF',
    layout: '18',
    amountLayout: 'debit-credit',
    dataLines: 10_756,
  },
  'odoo__l10n_fr_account_test_fec_export_expected.txt': {
    encoding: 'utf-8',
    hasBom: false,
    separator: '|',
    trailingSeparator: false,
    lineEnding: 'CRLF',
    layout: '18',
    amountLayout: 'debit-credit',
    dataLines: 5,
  },
  'tryton__account_fr_tests_FEC.csv': {
    encoding: 'utf-8',
    hasBom: false,
    separator: '\t',
    trailingSeparator: false,
    lineEnding: 'CRLF',
    layout: '18',
    amountLayout: 'debit-credit',
    dataLines: 4,
  },
};

describe('IMP-2 the FEC reader reads every real file of the data folder', () => {
  const files = readdirSync(DATA_DIR).filter((name) => !name.endsWith('LICENSE'));

  it('has an expectation for every file of the folder', () => {
    expect([...files].sort()).toEqual(Object.keys(REAL_FILES).sort());
  });

  it.each(files)('IMP-2 %s: dialect, line count, balanced totals, no error', async (name) => {
    const path = join(DATA_DIR, name);
    const { dataLines, ...dialect } = REAL_FILES[name]!;
    const oracle = oracleRead(path);
    const { dialect: found, rows, errors, fileSize, progress } = await readAll(path, 1000);

    expect(found).toMatchObject(dialect);
    expect(found.columnCount).toBe(dialect.layout === '22' ? 22 : 18);
    expect(found.extraColumns).toEqual([]);
    expect(errors).toEqual([]);
    expect(oracle.dataLines).toBe(dataLines);
    expect(rows).toHaveLength(dataLines);
    // No blank line inside these files: the data lines are physical lines 2, 3, ….
    expect(rows.map((row) => row.line)).toEqual(Array.from({ length: dataLines }, (_, i) => i + 2));

    const debit = rows.reduce((sum, row) => sum + BigInt(row.debit), 0n);
    const credit = rows.reduce((sum, row) => sum + BigInt(row.credit), 0n);
    expect(debit).toBe(oracle.debit);
    expect(credit).toBe(oracle.credit);
    expect(debit).toBe(credit);
    expect(debit > 0n).toBe(true);

    expect(progress.at(-1)).toBe(fileSize);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('IMP-2 trims every field: none starts or ends with a space in any file', async () => {
    for (const name of files) {
      const { rows } = await readAll(join(DATA_DIR, name));
      const padded = rows.filter((row) =>
        Object.values(row).some((value) => typeof value === 'string' && value !== value.trim()),
      );
      expect(padded.map((row) => `${name}:${row.line}`)).toEqual([]);
    }
  });
});

describe('IMP-2 details of the real files', () => {
  it('IMP-2 neolegal 111111111: ISO-8859-15 (stray 0xF8 is ø), padded fields, zero-padded amounts', async () => {
    const path = join(DATA_DIR, 'neolegal__111111111FEC20221231.TXT');
    const bytes = readFileSync(path);
    const at = bytes.indexOf(0xf8);
    expect(at).toBeGreaterThan(0);
    const lineOfByte = bytes.subarray(0, at).filter((byte) => byte === 0x0a).length + 1;

    const { rows, dialect } = await readAll(path);
    expect(dialect.encoding).toBe('iso-8859-15');
    const row = rows.find((r) => r.line === lineOfByte)!;
    // Labels are business data: assert without printing them.
    expect(Object.values(row).some((value) => typeof value === 'string' && value.includes('ø'))).toBe(true);
    expect(rows.some((r) => r.label.includes('\ufffd'))).toBe(false);

    // Line 2: `VE   |…|0000000000,00|0000000069,60|` with a space-padded CompAuxNum and DateLet.
    const first = rows[0]!;
    expect(first.line).toBe(2);
    expect(first.journalCode).toBe('VE');
    expect(first.entryDate).toBe('2023-01-09');
    expect(first.debit).toBe(0);
    expect(first.credit).toBe(6_960);
    expect(first.letteringDate).toBeNull();
    expect(first.validationDate).toBe('2024-03-31');
    expect(first.originalAmount).toBeNull();
    expect(first.currency).toBeNull();
    // Customers lettered with a date: the file's point (payment delays).
    expect(
      rows.filter((r) => r.accountNumber.startsWith('411') && r.letteringCode !== '' && r.letteringDate),
    ).not.toHaveLength(0);
  });

  it('IMP-2 odoo: sign-space zero-padded amounts and signed Montantdevise in USD', async () => {
    const { rows } = await readAll(join(DATA_DIR, 'odoo__l10n_fr_account_test_fec_export_expected.txt'));
    expect(rows[0]).toMatchObject({
      line: 2,
      debit: 0,
      credit: 300_000,
      originalAmount: null,
      currency: null,
    });
    expect(rows[1]).toMatchObject({ line: 3, debit: 300_000, credit: 0, auxAccount: '42' });
    expect(rows[2]).toMatchObject({ line: 4, credit: 100_000, originalAmount: -100_000, currency: 'USD' });
    expect(rows[3]).toMatchObject({ line: 5, credit: 200_000, originalAmount: -200_000, currency: 'USD' });
    expect(rows[4]).toMatchObject({ line: 6, debit: 300_000, originalAmount: 300_000, currency: 'USD' });
    expect(rows[4]!.entryDate).toBe('2020-01-01');
    expect(rows[4]!.documentDate).toBe('2020-01-01');
  });

  it('IMP-2 neolegal 123456789: CR CR LF is one line end, and the last record has none', async () => {
    const path = join(DATA_DIR, 'neolegal__123456789FEC20500930.txt');
    const bytes = readFileSync(path);
    expect(bytes.at(-1)).not.toBe(0x0a);
    const crcrlf = bytes.toString('latin1').split('\r\r\n').length - 1;
    const { rows } = await readAll(path, 777);
    // One record per CRCRLF plus the unterminated last one, minus the header.
    expect(rows).toHaveLength(crcrlf);
    expect(rows.at(-1)!.line).toBe(crcrlf + 1);
  });

  it('IMP-2 neolegal 000000000: 22-column layout maps ModeRglt and keeps DateRglt, NatOp, IdClient', async () => {
    const { rows } = await readAll(join(DATA_DIR, 'neolegal__000000000FEC20231231.txt'));
    expect(Object.keys(rows[0]!.extra)).toEqual(['DateRglt', 'NatOp', 'IdClient']);
    expect(rows.some((row) => row.paymentMethod !== null)).toBe(true);
    expect(rows.every((row) => row.validationDate === null)).toBe(true);
  });
});

// ——— Hand-written files ———

const HEADER_18 = [
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
];

type Values = Partial<Record<string, string>>;

function fecLine(columns: string[], values: Values, separator = '\t'): string {
  const defaults: Values = {
    JournalCode: 'VE',
    JournalLib: 'Ventes',
    EcritureNum: '1',
    EcritureDate: '20240115',
    CompteNum: '41100000',
    CompteLib: 'Clients',
    CompAuxNum: 'C001',
    CompAuxLib: 'Client un',
    PieceRef: 'F001',
    PieceDate: '20240114',
    EcritureLib: 'Facture F001',
    Debit: '120,00',
    Credit: '0,00',
    ValidDate: '20240131',
  };
  return columns.map((column) => values[column] ?? defaults[column] ?? '').join(separator);
}

function fecText(lines: Values[], { columns = HEADER_18, separator = '\t', eol = '\n' } = {}): string {
  return (
    [columns.join(separator), ...lines.map((values) => fecLine(columns, values, separator))].join(eol) + eol
  );
}

describe('IMP-2 files the reader refuses as a whole', () => {
  it.each([
    [';', "';'"],
    [',', "','"],
  ])('a %s separator is bad_separator, naming it and asking for tab or pipe', async (separator, named) => {
    const error = await rejection(writeTemp(fecText([{}], { separator })));
    expect(error.code).toBe('bad_separator');
    expect(error.message).toContain(named);
    expect(error.message).toContain('tab or a pipe (|)');
  });

  it('a 0-byte file is empty_file', async () => {
    expect((await rejection(writeTemp(''))).code).toBe('empty_file');
  });

  it('a file of blank lines (even with a BOM) is empty_file', async () => {
    expect((await rejection(writeTemp(' \r\n\t\n  \n'))).code).toBe('empty_file');
    expect((await rejection(writeTemp('\ufeff\n\n'))).code).toBe('empty_file');
  });

  it('a file with NUL bytes is binary_file', async () => {
    const bytes = Buffer.concat([Buffer.from(fecText([{}])), Buffer.from([0, 1, 2, 0, 255])]);
    expect((await rejection(writeTemp(bytes))).code).toBe('binary_file');
  });

  it('a ZIP (an XLSX given as FEC) is binary_file, even without a NUL byte', async () => {
    const zip = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x06]),
      Buffer.from('[Content_Types].xml'),
    ]);
    const error = await rejection(writeTemp(zip));
    expect(error.code).toBe('binary_file');
    expect(error.message).toContain('ZIP');
  });

  it('a PDF given as FEC is binary_file', async () => {
    expect((await rejection(writeTemp('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'))).code).toBe('binary_file');
  });

  it('a UTF-16 file is bad_encoding', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fecText([{}]), 'utf16le')]);
    expect((await rejection(writeTemp(utf16))).code).toBe('bad_encoding');
  });

  it('missing columns are missing_columns, named', async () => {
    const columns = HEADER_18.filter((name) => name !== 'EcritureLet' && name !== 'Credit');
    const error = await rejection(writeTemp(fecText([{}], { columns })));
    expect(error.code).toBe('missing_columns');
    expect(error.message).toBe(
      'The FEC lacks these columns: EcritureLet, Debit and Credit (or Montant and Sens).',
    );
  });

  it('a first line that names no FEC column is unknown_format', async () => {
    expect((await rejection(writeTemp('Name;Email\nDupont;a@b.fr\n'))).code).toBe('unknown_format');
  });
});

describe('IMP-2 line errors: the line, the column, the value and why', () => {
  it('a non-numeric Debit is bad_amount on its line; the other lines are read', async () => {
    const path = writeTemp(fecText([{}, { Debit: 'abc' }, { Debit: '12.5.0' }, { Credit: '1 234,56' }, {}]));
    const { rows, errors } = await readAll(path);
    expect(rows.map((row) => row.line)).toEqual([2, 6]);
    expect(errors).toEqual([
      { line: 3, column: 'Debit', value: 'abc', code: 'bad_amount', reason: "'abc' is not an amount" },
      { line: 4, column: 'Debit', value: '12.5.0', code: 'bad_amount', reason: "'12.5.0' is not an amount" },
      {
        line: 5,
        column: 'Credit',
        value: '1 234,56',
        code: 'bad_amount',
        reason: "'1 234,56' has a thousands separator, which a FEC does not allow (write 1234,56)",
      },
    ]);
  });

  it('an impossible date is bad_date; a blank EcritureDate is missing_value', async () => {
    const path = writeTemp(
      fecText([{ EcritureDate: '20240230' }, { DateLet: '2024-13-01' }, { EcritureDate: '' }]),
    );
    const { rows, errors } = await readAll(path);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      {
        line: 2,
        column: 'EcritureDate',
        value: '20240230',
        code: 'bad_date',
        reason: "'20240230' is not a real date",
      },
      {
        line: 3,
        column: 'DateLet',
        value: '2024-13-01',
        code: 'bad_date',
        reason: "'2024-13-01' is not a real date",
      },
      { line: 4, column: 'EcritureDate', value: '', code: 'missing_value', reason: 'EcritureDate is blank' },
    ]);
  });

  it('a line cut short is wrong_field_count; extra fields are fine only when empty', async () => {
    const header = HEADER_18.join('\t');
    const good = fecLine(HEADER_18, {});
    const text = [
      header,
      good.split('\t').slice(0, 12).join('\t'),
      `${good}\t\t`,
      `${good}\tsurprise`,
      good,
    ].join('\n');
    const { rows, errors } = await readAll(writeTemp(text));
    expect(rows.map((row) => row.line)).toEqual([3, 5]);
    expect(errors.map(({ line, column, value, code }) => ({ line, column, value, code }))).toEqual([
      { line: 2, column: null, value: null, code: 'wrong_field_count' },
      { line: 4, column: null, value: null, code: 'wrong_field_count' },
    ]);
    expect(errors[0]!.reason).toBe('The line has 12 fields, the header has 18 columns: it is cut short');
  });

  it('reports every bad field of a line', async () => {
    const { errors } = await readAll(
      writeTemp(fecText([{ Debit: 'x', PieceDate: '2024', Montantdevise: '1,2,3' }])),
    );
    expect(errors.map((error) => error.column)).toEqual(['PieceDate', 'Debit', 'Montantdevise']);
  });

  it(`collects at most ${MAX_LINE_ERRORS} errors and goes on reading`, async () => {
    const lines = Array.from({ length: 2_500 }, (_, i) => (i % 2 === 0 ? { Debit: 'bad' } : {}));
    const { rows, errors } = await readAll(writeTemp(fecText(lines)), 100);
    expect(errors).toHaveLength(MAX_LINE_ERRORS);
    expect(rows).toHaveLength(1_250);
    expect(errors.at(-1)!.line).toBe(2 * MAX_LINE_ERRORS);
  });
});

describe('IMP-2 dialects', () => {
  it('Montant + Sens (D/C, +1/-1) gives debit and credit; a bad Sens is bad_value', async () => {
    const columns = HEADER_18.flatMap((name) =>
      name === 'Debit' ? ['Montant'] : name === 'Credit' ? ['Sens'] : [name],
    );
    const lines = [
      { Montant: '100,00', Sens: 'D' },
      { Montant: '100,00', Sens: 'C' },
      { Montant: '25,50', Sens: '+1' },
      { Montant: '25,50', Sens: '-1' },
      { Montant: '1,00', Sens: 'x' },
      { Montant: '0,00', Sens: '' },
      { Montant: '3,00', Sens: 'd' },
      { Montant: '2,00', Sens: '' },
    ];
    const { dialect, rows, errors } = await readAll(writeTemp(fecText(lines, { columns })));
    expect(dialect.amountLayout).toBe('montant-sens');
    expect(dialect.layout).toBe('18');
    expect(rows.map(({ debit, credit }) => [debit, credit])).toEqual([
      [10_000, 0],
      [0, 10_000],
      [2_550, 0],
      [0, 2_550],
      [0, 0],
      [300, 0],
    ]);
    expect(errors.map(({ line, column, value, code }) => ({ line, column, value, code }))).toEqual([
      { line: 6, column: 'Sens', value: 'x', code: 'bad_value' },
      { line: 9, column: 'Sens', value: '', code: 'missing_value' },
    ]);
  });

  it('the 21-column layout (+DateRglt, ModeRglt, NatOp)', async () => {
    const columns = [...HEADER_18, 'DateRglt', 'ModeRglt', 'NatOp'];
    const { dialect, rows } = await readAll(
      writeTemp(fecText([{ DateRglt: '20240120', ModeRglt: 'VIR', NatOp: 'Vente' }], { columns })),
    );
    expect(dialect).toMatchObject({ layout: '21', columnCount: 21, extraColumns: [] });
    expect(rows[0]!.paymentMethod).toBe('VIR');
    expect(rows[0]!.extra).toEqual({ DateRglt: '20240120', NatOp: 'Vente' });
  });

  it('the 22-column layout (+IdClient), in pipes with a trailing pipe, "Crédit" with an accent', async () => {
    const columns = [
      ...HEADER_18.map((name) => (name === 'Credit' ? 'Crédit' : name)),
      'DateRglt',
      'ModeRglt',
      'NatOp',
      'IdClient',
    ];
    const text = fecText([{ Crédit: '0,00', ModeRglt: '', IdClient: 'X42' }], {
      columns,
      separator: '|',
    }).replace(/\n/g, '|\n');
    const { dialect, rows, errors } = await readAll(writeTemp(text));
    expect(errors).toEqual([]);
    expect(dialect).toMatchObject({ layout: '22', columnCount: 22, separator: '|', trailingSeparator: true });
    expect(rows[0]!.paymentMethod).toBeNull();
    expect(rows[0]!.extra).toEqual({ DateRglt: '', NatOp: '', IdClient: 'X42' });
  });

  it('CR-only line ends, with a blank line inside: line numbers stay physical', async () => {
    const text = fecText([{ EcritureNum: '1' }, { EcritureNum: '2' }], { eol: '\r' }).replace('\r', '\r\r');
    const { dialect, rows } = await readAll(writeTemp(text));
    expect(dialect.lineEnding).toBe('CR');
    expect(rows.map((row) => [row.line, row.entryNumber])).toEqual([
      [3, '1'],
      [4, '2'],
    ]);
  });

  it('blank lines (even made of separators) are skipped and counted, and there may be no final line end', async () => {
    const text = `${fecText([{}], { eol: '\r\n' })}\r\n\t\t\t\r\n   \r\n${fecLine(HEADER_18, { EcritureNum: '9' })}`;
    const { dialect, rows, errors } = await readAll(writeTemp(text));
    expect(dialect.lineEnding).toBe('CRLF');
    expect(errors).toEqual([]);
    expect(rows.map((row) => [row.line, row.entryNumber])).toEqual([
      [2, '1'],
      [6, '9'],
    ]);
  });

  it('a header in lower case, with spaces around names, MontantDevise in any case', async () => {
    const columns = HEADER_18.map((name) =>
      name === 'Montantdevise' ? ' MONTANTDEVISE ' : name.toLowerCase(),
    );
    const values = { ' MONTANTDEVISE ': '-50,00', idevise: 'usd', ecrituredate: '20240301' };
    const { dialect, rows, errors } = await readAll(writeTemp(fecText([values], { columns })));
    expect(errors).toEqual([]);
    expect(dialect.columnCount).toBe(18);
    expect(rows[0]).toMatchObject({ entryDate: '2024-03-01', originalAmount: -5_000, currency: 'USD' });
  });

  it('IMP-4 a DateEcheance column fills dueDate; an unknown column Tag goes to extra', async () => {
    const columns = [...HEADER_18, 'DateEcheance', 'Tag'];
    const { dialect, rows } = await readAll(
      writeTemp(fecText([{ DateEcheance: '20240215', Tag: ' export ' }, { DateEcheance: '' }], { columns })),
    );
    expect(dialect).toMatchObject({ layout: '18', columnCount: 20, extraColumns: ['Tag'] });
    expect(rows[0]).toMatchObject({ dueDate: '2024-02-15', extra: { Tag: 'export' } });
    expect(rows[1]).toMatchObject({ dueDate: null, extra: { Tag: '' } });
  });

  it('IMP-3 PieceDate falls back to EcritureDate; blank DateLet, ValidDate, Montantdevise and Idevise are null', async () => {
    const { rows } = await readAll(
      writeTemp(fecText([{ PieceDate: '', ValidDate: '', EcritureLet: ' AB ' }])),
    );
    expect(rows[0]).toMatchObject({
      entryDate: '2024-01-15',
      documentDate: '2024-01-15',
      letteringCode: 'AB',
      letteringDate: null,
      validationDate: null,
      originalAmount: null,
      currency: null,
      dueDate: null,
      paymentMethod: null,
      extra: {},
    });
  });

  it('IMP-2 the encoding is decided over the whole file: one Latin byte after 2 MB makes it ISO-8859-15', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => ({ EcritureNum: String(i) }));
    const utf8 = Buffer.from(fecText(lines));
    expect(utf8.length).toBeGreaterThan(2 * 1024 * 1024);
    const latin = Buffer.from(`${fecLine(HEADER_18, { EcritureLib: 'Facture \u20ac' })}\n`, 'latin1');
    latin[latin.indexOf(0xac)] = 0xa4; // € in ISO-8859-15
    const { dialect, rows } = await readAll(writeTemp(Buffer.concat([utf8, latin])));
    expect(dialect.encoding).toBe('iso-8859-15');
    expect(rows.at(-1)!.label).toBe('Facture €');
  });

  it('IMP-2 UTF-8 with accents and a BOM', async () => {
    const { dialect, rows } = await readAll(
      writeTemp(`\ufeff${fecText([{ CompAuxLib: 'Société Générale — Œuvre' }])}`),
    );
    expect(dialect).toMatchObject({ encoding: 'utf-8', hasBom: true });
    expect(rows[0]!.auxLabel).toBe('Société Générale — Œuvre');
  });
});

/** A file whose line end `eol` has its byte number `at` at the last byte of the first chunk read. */
function fileWithLineEndAcrossChunks(eol: string, at: number): { path: string; dataLines: number } {
  const parts = [`${HEADER_18.join('\t')}${eol}`];
  let size = parts[0]!.length;
  const eolStart = SCAN_CHUNK_SIZE - 1 - at;
  const emptyLine = fecLine(HEADER_18, { EcritureLib: '' });
  while (eolStart - size > 2_000) {
    const line = `${fecLine(HEADER_18, { EcritureLib: 'x'.repeat(500) })}${eol}`;
    parts.push(line);
    size += line.length;
  }
  parts.push(`${fecLine(HEADER_18, { EcritureLib: 'y'.repeat(eolStart - size - emptyLine.length) })}${eol}`);
  parts.push(`${fecLine(HEADER_18, { EcritureNum: 'after' })}${eol}`);
  return { path: writeTemp(parts.join('')), dataLines: parts.length - 1 };
}

describe('IMP-2 line ends cut between two chunks', () => {
  it.each([
    ['CRLF', '\r\n', 0],
    ['CRCRLF', '\r\r\n', 0],
    ['CRCRLF', '\r\r\n', 1],
    ['CR', '\r', 0],
  ])('%s (%j) with its byte %i last in the chunk is one line end', async (_, eol, at) => {
    const { path, dataLines } = fileWithLineEndAcrossChunks(eol, at);
    const bytes = readFileSync(path);
    expect(bytes.subarray(SCAN_CHUNK_SIZE - 1 - at, SCAN_CHUNK_SIZE - 1 - at + eol.length).toString()).toBe(
      eol,
    );
    const { rows, errors } = await readAll(path);
    expect(errors).toEqual([]);
    expect(rows.map((row) => row.line)).toEqual(Array.from({ length: dataLines }, (_, i) => i + 2));
    expect(rows.at(-1)!.entryNumber).toBe('after');
  });
});

describe('IMP-2 UTF-8 check across chunk boundaries', () => {
  it('accepts multi-byte characters cut at any place and refuses broken ones', () => {
    const text = Buffer.from('aé€😀b'.repeat(3));
    for (let cut = 0; cut <= text.length; cut++) {
      for (let cut2 = cut; cut2 <= text.length; cut2++) {
        const checker = createUtf8Checker();
        const ok =
          checker.push(text.subarray(0, cut)) &&
          checker.push(text.subarray(cut, cut2)) &&
          checker.push(text.subarray(cut2)) &&
          checker.end();
        expect(ok, `cuts at ${cut} and ${cut2}`).toBe(true);
      }
    }
    const truncated = createUtf8Checker();
    expect(truncated.push(Buffer.from([0x61, 0xe2, 0x82])) && truncated.end()).toBe(false);
    const broken = createUtf8Checker();
    expect(broken.push(Buffer.from([0x61, 0xe2])) && broken.push(Buffer.from([0x41, 0x41]))).toBe(false);
    const latin = createUtf8Checker();
    expect(latin.push(Buffer.from('caf\xe9 ok', 'latin1'))).toBe(false);
  });
});

// ——— Streaming ———

/** Writes a balanced FEC of `entries` two-line entries through a stream; returns its totals. */
async function writeBigFec(path: string, entries: number): Promise<{ lines: number; total: number }> {
  const out = createWriteStream(path);
  out.write(`${HEADER_18.join('\t')}\r\n`);
  let total = 0;
  let chunk: string[] = [];
  for (let i = 0; i < entries; i++) {
    const cents = (i * 7_919) % 1_000_000;
    const amount = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    const date = `2024${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
    total += cents;
    const common = `VE\tVentes\tVE${i}\t${date}`;
    const piece = `FA${i}\t${date}\tFacture n° ${i} — Société Générale de Dégustation, livraison du mois, lot ${i % 97}, commande interne n° ${i % 9_973} du service commercial`;
    chunk.push(
      `${common}\t41100000\tClients\tC${i % 5_000}\tClient élevé ${i % 5_000}\t${piece}\t${amount}\t0,00\t\t\t${date}\t\t\r\n`,
      `${common}\t70700000\tVentes de marchandises\t\t\t${piece}\t0,00\t${amount}\t\t\t${date}\t\t\r\n`,
    );
    if (chunk.length >= 2_000) {
      if (!out.write(chunk.join(''))) await once(out, 'drain');
      chunk = [];
    }
  }
  out.end(chunk.join(''));
  await once(out, 'finish');
  return { lines: entries * 2, total };
}

/** A way to run a full garbage collection, so that what is measured is what is kept. */
function getGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function retainedBytes(gc: () => void): number {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

describe('IMP-2 streaming: memory does not grow with the file', () => {
  it('reads 200,000 lines in small batches with memory far below the file size', {
    timeout: 60_000,
  }, async () => {
    const path = join(tmp, 'big.txt');
    const { lines, total } = await writeBigFec(path, 100_000);
    const gc = getGc();
    const before = retainedBytes(gc);

    const { batches, fileSize, dialect } = await openFec(path, { batchSize: 1_000 });
    expect(fileSize).toBeGreaterThan(45 * 1024 * 1024);
    expect(dialect).toMatchObject({ encoding: 'utf-8', lineEnding: 'CRLF' });
    let count = 0;
    let debit = 0;
    let credit = 0;
    let errorCount = 0;
    let peakGrowth = 0;
    let batchCount = 0;
    for await (const batch of batches) {
      count += batch.rows.length;
      errorCount += batch.errors.length;
      for (const row of batch.rows) {
        debit += row.debit;
        credit += row.credit;
      }
      // Measured a few times along the way: what the reader keeps between two batches.
      if (++batchCount % 50 === 0) peakGrowth = Math.max(peakGrowth, retainedBytes(gc) - before);
    }
    expect(errorCount).toBe(0);
    expect(count).toBe(lines);
    expect(debit).toBe(total);
    expect(credit).toBe(total);
    // A chunk or two and one batch are a few MB (6 to 12 measured); holding the file would be 45 MB
    // or more, holding its rows far more.
    expect(peakGrowth).toBeLessThan(24 * 1024 * 1024);
    expect(retainedBytes(gc) - before).toBeLessThan(150 * 1024 * 1024);
  });
});

describe('IMP-3 reading only the customer ledger as rows', () => {
  async function readReceivable(path: string, prefixes: readonly string[]) {
    const { batches } = await openFec(path, { batchSize: 7, receivableOnly: prefixes });
    const rows: LedgerLine[] = [];
    const errors: LineError[] = [];
    const skipped = { lines: 0, debit: 0, credit: 0 };
    for await (const batch of batches) {
      rows.push(...batch.rows);
      errors.push(...batch.errors);
      skipped.lines += batch.skipped?.lines ?? 0;
      skipped.debit += batch.skipped?.debit ?? 0;
      skipped.credit += batch.skipped?.credit ?? 0;
    }
    return { rows, errors, skipped };
  }

  const sum = (rows: LedgerLine[], side: 'debit' | 'credit') => rows.reduce((n, r) => n + r[side], 0);

  for (const name of readdirSync(DATA_DIR).filter((f) => !f.endsWith('LICENSE'))) {
    it(`${name}: the customer rows are those of a full reading; the other lines are counted and totalled`, async () => {
      const path = join(DATA_DIR, name);
      const full = await readAll(path);
      const prefixes = ['411', '416'];
      const isWanted = (r: LedgerLine) => prefixes.some((p) => r.accountNumber.startsWith(p));
      const { rows, errors, skipped } = await readReceivable(path, prefixes);
      expect(errors).toEqual(full.errors);
      expect(rows).toEqual(full.rows.filter(isWanted));
      const others = full.rows.filter((r) => !isWanted(r));
      expect(skipped.lines).toBe(others.length);
      expect(skipped.debit).toBe(sum(others, 'debit'));
      expect(skipped.credit).toBe(sum(others, 'credit'));
    });
  }

  it('a bad line outside the customer ledger is still reported, with its line and column', async () => {
    const header =
      'JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise';
    const line = (account: string, date: string, debit: string) =>
      `VE\tVentes\t1\t${date}\t${account}\tX\t\t\tF1\t20240105\tFacture\t${debit}\t0,00\t\t\t20240105\t\t`;
    const path = writeTemp(
      [
        header,
        line('41100000', '20240105', '120,00'),
        line('70600000', '20240230', '100,00'),
        line('44571000', '20240105', '12,5O'),
        line('70600000', '20240105', '8,00'),
      ].join('\n'),
    );
    const { rows, errors, skipped } = await readReceivable(path, ['411']);
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 'EcritureDate', 'bad_date'],
      [4, 'Debit', 'bad_amount'],
    ]);
    expect(skipped).toEqual({ lines: 1, debit: 800, credit: 0 });
  });
});
