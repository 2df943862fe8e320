import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ContactRow,
  type CustomerRow,
  FileRejectedError,
  type LedgerLine,
  type LineError,
} from '../import-rows';
import type { ColumnMapping, TableKind } from './column-mapping';
import { inspectTable, type OpenTableOptions, openTable, type TableRowByKind } from './tabular-reader';

let dir: string;
let fileCount = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'encours-tabular-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fixture(content: string | Buffer, extension = 'csv'): Promise<string> {
  fileCount += 1;
  const path = join(dir, `fixture-${fileCount}.${extension}`);
  await writeFile(path, content);
  return path;
}

type SheetCell = ExcelJS.CellValue;

async function xlsxFixture(rows: SheetCell[][], setup?: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  fileCount += 1;
  const path = join(dir, `fixture-${fileCount}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Export');
  for (const row of rows) sheet.addRow(row);
  setup?.(sheet);
  workbook.addWorksheet('Other').addRow(['ignored']);
  await workbook.xlsx.writeFile(path);
  return path;
}

async function readAll<K extends TableKind>(path: string, options: OpenTableOptions<K>) {
  const table = await openTable(path, options);
  const rows: TableRowByKind[K][] = [];
  const errors: LineError[] = [];
  const batches: { rows: number; errors: number; bytesRead: number }[] = [];
  for await (const batch of table.batches) {
    rows.push(...batch.rows);
    errors.push(...batch.errors);
    batches.push({ rows: batch.rows.length, errors: batch.errors.length, bytesRead: batch.bytesRead });
  }
  return { table, rows, errors, batches };
}

async function rejection(promise: Promise<unknown>): Promise<FileRejectedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileRejectedError);
  return error as FileRejectedError;
}

const LINE_DEFAULTS = {
  journalCode: '',
  entryNumber: '',
  accountNumber: '',
  accountLabel: '',
  auxLabel: '',
  label: '',
  letteringCode: '',
  letteringDate: null,
  validationDate: null,
  originalAmount: null,
  currency: null,
  dueDate: null,
  paymentMethod: null,
  extra: {},
} satisfies Partial<LedgerLine>;

describe('IMP-1 b CSV entries', () => {
  it('IMP-1 b reads a French CSV: `;`, DD/MM/YYYY dates, `1 234,56` amounts, CRLF, quoted line breaks', async () => {
    const csv = [
      'Code client;Raison sociale;N° facture;Date;Échéance;Libellé;Débit;Crédit;Lettrage;Région',
      '411DUP;Dupont SA;F-001;31/12/2024;30/01/2025;Vente;1 234,56;;AB;Nord',
      '411DUP;Dupont SA;RG-17;15/01/2025;;"Règlement; chèque',
      'n° 42";;1\u00a0234,56;AB;Nord',
      ';;;;;;;;;',
      '',
      '411MAR;Martin;AV-3;02/01/2025;02/01/2025;Avoir;-50,00;;;Sud',
    ].join('\r\n');
    const { table, rows, errors } = await readAll(await fixture(`${csv}\r\n`), { kind: 'entries' });
    expect(errors).toEqual([]);
    expect(table.format).toBe('csv');
    expect(table.mapping).toMatchObject({
      kind: 'entries',
      dateFormat: 'DD/MM/YYYY',
      decimalSeparator: ',',
      amountMode: 'debit-credit',
      delimiter: ';',
      encoding: 'utf-8',
    });
    expect(rows).toEqual([
      {
        ...LINE_DEFAULTS,
        line: 2,
        entryDate: '2024-12-31',
        auxAccount: '411DUP',
        auxLabel: 'Dupont SA',
        pieceRef: 'F-001',
        documentDate: '2024-12-31',
        dueDate: '2025-01-30',
        label: 'Vente',
        debit: 123456,
        credit: 0,
        letteringCode: 'AB',
        extra: { Région: 'Nord' },
      },
      {
        ...LINE_DEFAULTS,
        line: 3,
        entryDate: '2025-01-15',
        auxAccount: '411DUP',
        auxLabel: 'Dupont SA',
        pieceRef: 'RG-17',
        documentDate: '2025-01-15',
        label: 'Règlement; chèque\nn° 42',
        debit: 0,
        credit: 123456,
        letteringCode: 'AB',
        extra: { Région: 'Nord' },
      },
      {
        ...LINE_DEFAULTS,
        // Lines 5 and 6 are blank and skipped; the physical line number is kept.
        line: 7,
        entryDate: '2025-01-02',
        auxAccount: '411MAR',
        auxLabel: 'Martin',
        pieceRef: 'AV-3',
        documentDate: '2025-01-02',
        dueDate: '2025-01-02',
        label: 'Avoir',
        // A negative debit is a credit.
        debit: 0,
        credit: 5000,
        extra: { Région: 'Sud' },
      },
    ]);
  });

  it('IMP-1 b reads an English CSV: `,`, YYYY-MM-DD dates, `1,234.56` signed amounts, quotes', async () => {
    const csv = [
      'Customer ID,Customer name,Invoice number,Invoice date,Due date,Amount,Currency,Amount in currency,Payment method',
      'C001,"Acme, Inc.",INV-1,2024-12-31,2025-01-30,"1,234.56",usd,"1,350.00",Wire',
      'C001,"Acme, Inc.",PAY-1,2025-01-10,,-200.5,EUR,,',
    ].join('\n');
    const { table, rows, errors } = await readAll(await fixture(csv), { kind: 'entries' });
    expect(errors).toEqual([]);
    expect(table.mapping).toMatchObject({
      dateFormat: 'YYYY-MM-DD',
      decimalSeparator: '.',
      amountMode: 'signed',
      delimiter: ',',
    });
    expect(rows.map((r) => [r.line, r.auxAccount, r.auxLabel, r.pieceRef, r.debit, r.credit])).toEqual([
      [2, 'C001', 'Acme, Inc.', 'INV-1', 123456, 0],
      [3, 'C001', 'Acme, Inc.', 'PAY-1', 0, 20050],
    ]);
    expect(rows[0]).toMatchObject({ currency: 'USD', originalAmount: 135000, paymentMethod: 'Wire' });
    expect(rows[0]!.dueDate).toBe('2025-01-30');
  });

  it('IMP-1 b detects MM/DD/YYYY from a day above 12, and a tab delimiter', async () => {
    const csv =
      'Account\tDocument\tDate\tDebit\tCredit\nA1\tD1\t01/02/2024\t10.00\t\nA1\tD2\t12/31/2024\t\t5.00\n';
    const { table, rows, errors } = await readAll(await fixture(csv), { kind: 'entries' });
    expect(errors).toEqual([]);
    expect(table.mapping.dateFormat).toBe('MM/DD/YYYY');
    expect(table.mapping.delimiter).toBe('\t');
    expect(rows.map((r) => r.documentDate)).toEqual(['2024-01-02', '2024-12-31']);
  });

  it('IMP-1 b decodes ISO-8859-15 (detected over the whole file) and strips a UTF-8 BOM', async () => {
    const text = `Compte;Raison sociale;Ville\n411A;Œuvres & Fils;Besançon\n${'411B;Plain;Paris\n'.repeat(5000)}411C;Élan €;Orléans\n`;
    const latin = await readAll(await fixture(iconv.encode(text, 'iso-8859-15')), { kind: 'customers' });
    expect(latin.table.mapping.encoding).toBe('iso-8859-15');
    expect(latin.rows[0]).toMatchObject({ account: '411A', name: 'Œuvres & Fils', city: 'Besançon' });
    expect(latin.rows.at(-1)).toMatchObject({ line: 5003, account: '411C', name: 'Élan €', city: 'Orléans' });

    const bom = await readAll(await fixture(`\ufeff${text}`), { kind: 'customers' });
    expect(bom.table.mapping.encoding).toBe('utf-8');
    expect(bom.table.headers[0]).toBe('Compte');
    expect(bom.rows[0]).toMatchObject({ account: '411A', name: 'Œuvres & Fils' });
  });

  it('IMP-1 b reads Windows-1252 bytes (’ €) in a Latin file, and UTF-16 with a BOM', async () => {
    const text = 'Compte;Raison sociale\n411A;L’Atelier €\n';
    const cp1252 = await readAll(await fixture(iconv.encode(text, 'windows-1252')), { kind: 'customers' });
    expect(cp1252.rows[0]!.name).toBe('L’Atelier €');
    const utf16 = await readAll(await fixture(iconv.encode(`\ufeff${text}`, 'utf-16le')), {
      kind: 'customers',
    });
    expect(utf16.rows[0]!.name).toBe('L’Atelier €');
  });

  it('IMP-1 b finds the header below a title line', async () => {
    const csv = 'Balance âgée au 31/12/2024\n\nCompte;Nom\n411A;Alpha\n';
    const { table, rows } = await readAll(await fixture(csv), { kind: 'customers' });
    expect(table.headers).toEqual(['Compte', 'Nom']);
    expect(rows).toEqual([expect.objectContaining({ line: 4, account: '411A', name: 'Alpha' })]);
  });
});

describe('IMP-6 line errors', () => {
  it('IMP-6 names the line, column and value of a bad amount, an impossible date, a missing value', async () => {
    const csv = [
      'Compte;Pièce;Date;Débit;Crédit',
      '411A;F1;31/12/2024;12.5.0;',
      '411A;F2;31/02/2024;10,00;',
      ';F3;01/01/2024;10,00;',
      '411A;F4;01/01/2024;;',
      '411A;F5;01/01/2024;10,00;;extra',
      '411A;F6;01/01/2024;10,00;',
    ].join('\n');
    const { rows, errors } = await readAll(await fixture(csv), { kind: 'entries' });
    expect(rows.map((r) => r.pieceRef)).toEqual(['F6']);
    expect(errors).toEqual([
      {
        line: 2,
        column: 'Débit',
        value: '12.5.0',
        reason: "'12.5.0' is not an amount (decimal separator ',')",
        code: 'bad_amount',
      },
      {
        line: 3,
        column: 'Date',
        value: '31/02/2024',
        reason: "'31/02/2024' is not a date (expected DD/MM/YYYY)",
        code: 'bad_date',
      },
      {
        line: 4,
        column: 'Compte',
        value: '',
        reason: 'the customer account is empty',
        code: 'missing_value',
      },
      {
        line: 5,
        column: 'Débit',
        value: '',
        reason: 'the line has neither a debit nor a credit',
        code: 'missing_value',
      },
      expect.objectContaining({ line: 6, column: null, code: 'wrong_field_count' }),
    ]);
  });

  it('IMP-6 reports a quote never closed as a line error', async () => {
    const csv = 'Compte;Nom\n411A;Alpha\n411B;"Beta\n411C;Gamma\n';
    const { rows, errors } = await readAll(await fixture(csv), { kind: 'customers' });
    expect(rows.map((r) => r.account)).toEqual(['411A']);
    expect(errors).toEqual([expect.objectContaining({ line: 3, column: null, code: 'bad_value' })]);
  });

  it('IMP-6 keeps unknown columns as custom fields by header name, blank values left out', async () => {
    const csv = 'Compte;Nom;Segment;;Segment\n411A;Alpha;PME;x;\n411B;Beta;;;GE\n';
    const { table, rows } = await readAll(await fixture(csv), { kind: 'customers' });
    expect(table.headers).toEqual(['Compte', 'Nom', 'Segment', 'Column 4', 'Segment (2)']);
    expect(rows.map((r) => r.extra)).toEqual([{ Segment: 'PME', 'Column 4': 'x' }, { 'Segment (2)': 'GE' }]);
  });
});

describe('IMP-1 b XLSX', () => {
  it('IMP-1 b reads numbers, real dates, rich text and cached formula results', async () => {
    const path = await xlsxFixture(
      [
        ['Code client', 'Client', 'Pièce', 'Date pièce', 'Échéance', 'Montant', 'Commentaire'],
        [
          411001,
          'Dupont',
          'F-1',
          new Date(Date.UTC(2024, 11, 31)),
          new Date(Date.UTC(2025, 0, 30)),
          1234.56,
          null,
        ],
        [
          '411002',
          { richText: [{ text: 'Mar' }, { font: { bold: true }, text: 'tin' }] },
          { formula: '"F-"&2', result: 'F-2' },
          '15/01/2025',
          { formula: 'D3+30', result: new Date(Date.UTC(2025, 1, 14)) },
          { formula: '100*1.2', result: 120.00000000000001 },
          'à relancer',
        ],
        [],
        ['411003', 'Durand', 'AV-1', new Date(Date.UTC(2025, 0, 2)), null, -50, null],
      ],
      (sheet) => {
        sheet.getCell('D3').numFmt = 'dd/mm/yyyy';
      },
    );
    const { table, rows, errors } = await readAll(path, { kind: 'entries' });
    expect(errors).toEqual([]);
    expect(table.format).toBe('xlsx');
    expect(table.mapping.amountMode).toBe('signed');
    expect(table.mapping.delimiter).toBeUndefined();
    expect(rows).toEqual([
      {
        ...LINE_DEFAULTS,
        line: 2,
        auxAccount: '411001',
        auxLabel: 'Dupont',
        pieceRef: 'F-1',
        documentDate: '2024-12-31',
        entryDate: '2024-12-31',
        dueDate: '2025-01-30',
        debit: 123456,
        credit: 0,
      },
      {
        ...LINE_DEFAULTS,
        line: 3,
        auxAccount: '411002',
        auxLabel: 'Martin',
        pieceRef: 'F-2',
        documentDate: '2025-01-15',
        entryDate: '2025-01-15',
        dueDate: '2025-02-14',
        debit: 12000,
        credit: 0,
        extra: { Commentaire: 'à relancer' },
      },
      {
        ...LINE_DEFAULTS,
        line: 5,
        auxAccount: '411003',
        auxLabel: 'Durand',
        pieceRef: 'AV-1',
        documentDate: '2025-01-02',
        entryDate: '2025-01-02',
        debit: 0,
        credit: 5000,
      },
    ]);
  });

  it('IMP-6 a formula error (#DIV/0!) or an error cell is a formula_error naming row and column', async () => {
    const path = await xlsxFixture([
      ['Title of the export'],
      ['Compte', 'Pièce', 'Date', 'Débit', 'Crédit', 'Note'],
      ['411A', 'F1', new Date(Date.UTC(2024, 0, 1)), 10, 0, null],
      [
        '411A',
        'F2',
        new Date(Date.UTC(2024, 0, 2)),
        { formula: 'D3/0', result: { error: '#DIV/0!' } },
        0,
        null,
      ],
      ['411A', 'F3', new Date(Date.UTC(2024, 0, 3)), 10, 0, { error: '#N/A' }],
    ]);
    const { rows, errors } = await readAll(path, { kind: 'entries' });
    expect(rows.map((r) => [r.line, r.pieceRef])).toEqual([[3, 'F1']]);
    expect(errors).toEqual([
      {
        line: 4,
        column: 'Débit',
        value: '=D3/0',
        reason: expect.stringMatching(/^cell D4: the formula =D3\/0 gives an error/),
        code: 'formula_error',
      },
      {
        line: 5,
        column: 'Note',
        value: '#N/A',
        reason: 'cell F5 holds the error #N/A',
        code: 'formula_error',
      },
    ]);
  });

  it('IMP-1 b reads a customers workbook', async () => {
    const path = await xlsxFixture([
      [
        'N° client',
        'Raison sociale',
        'SIREN',
        'Commercial',
        'Conditions de paiement',
        'E-mail',
        'Téléphone',
        'CP',
      ],
      [
        '411A',
        'Alpha SARL',
        552100554,
        'Léa',
        '45 jours fin de mois',
        'compta@alpha.fr',
        '01 02 03 04 05',
        '75001',
      ],
      ['411B', 'Beta', null, null, null, null, null, null],
    ]);
    const { rows, errors } = await readAll(path, { kind: 'customers' });
    expect(errors).toEqual([]);
    expect(rows).toEqual<CustomerRow[]>([
      {
        line: 2,
        account: '411A',
        name: 'Alpha SARL',
        externalId: null,
        registrationNumber: '552100554',
        salesRep: 'Léa',
        collector: null,
        terms: '45 jours fin de mois',
        email: 'compta@alpha.fr',
        phone: '01 02 03 04 05',
        addressLine1: null,
        addressLine2: null,
        postalCode: '75001',
        city: null,
        country: null,
        language: null,
        extra: {},
      },
      {
        line: 3,
        account: '411B',
        name: 'Beta',
        externalId: null,
        registrationNumber: null,
        salesRep: null,
        collector: null,
        terms: null,
        email: null,
        phone: null,
        addressLine1: null,
        addressLine2: null,
        postalCode: null,
        city: null,
        country: null,
        language: null,
        extra: {},
      },
    ]);
  });

  it('IMP-8 reads a contacts workbook with a primary flag', async () => {
    const path = await xlsxFixture([
      ['Client', 'Nom', 'Fonction', 'Email', 'Principal'],
      ['411A', 'Jeanne Martin', 'Comptable', 'jm@alpha.fr', true],
      ['411A', 'Paul Durand', 'DAF', 'pd@alpha.fr', 'non'],
      ['411B', null, null, 'ap@beta.fr', 'Oui'],
      ['411B', 'X', null, null, 'peut-être'],
    ]);
    const { rows, errors } = await readAll(path, { kind: 'contacts' });
    expect(rows).toEqual<ContactRow[]>([
      {
        line: 2,
        account: '411A',
        name: 'Jeanne Martin',
        email: 'jm@alpha.fr',
        phone: null,
        role: 'Comptable',
        isPrimary: true,
        extra: {},
      },
      {
        line: 3,
        account: '411A',
        name: 'Paul Durand',
        email: 'pd@alpha.fr',
        phone: null,
        role: 'DAF',
        isPrimary: false,
        extra: {},
      },
      {
        line: 4,
        account: '411B',
        name: null,
        email: 'ap@beta.fr',
        phone: null,
        role: null,
        isPrimary: true,
        extra: {},
      },
    ]);
    expect(errors).toEqual([
      {
        line: 5,
        column: 'Principal',
        value: 'peut-être',
        reason: "'peut-être' is neither yes nor no",
        code: 'bad_value',
      },
    ]);
  });
});

describe('IMP-1 b mappings', () => {
  it('IMP-1 b rejects a file missing a required column with bad_mapping, naming it and the headers', async () => {
    const path = await fixture('Compte;Date;Débit;Crédit\n411A;01/01/2024;1,00;\n');
    const error = await rejection(openTable(path, { kind: 'entries' }));
    expect(error.code).toBe('bad_mapping');
    expect(error.message).toContain('pieceRef');
    expect(error.message).toContain("'Compte', 'Date', 'Débit', 'Crédit'");
  });

  it('IMP-1 b a saved mapping overrides the guess', async () => {
    const csv = 'Compte;Tiers;Réf;Dt;Mt\n999;C1;X1;12/31/2024;-1.234,50\n';
    const mapping: ColumnMapping = {
      kind: 'entries',
      columns: { account: 'tiers', pieceRef: 'Réf', documentDate: 'Dt', amount: 'Mt' },
      dateFormat: 'MM/DD/YYYY',
      decimalSeparator: ',',
    };
    const { table, rows, errors } = await readAll(await fixture(csv), { kind: 'entries', mapping });
    expect(errors).toEqual([]);
    expect(table.mapping.columns).toEqual({
      account: 'Tiers',
      pieceRef: 'Réf',
      documentDate: 'Dt',
      amount: 'Mt',
    });
    expect(rows).toEqual([
      expect.objectContaining({
        auxAccount: 'C1',
        pieceRef: 'X1',
        documentDate: '2024-12-31',
        debit: 0,
        credit: 123450,
        extra: { Compte: '999' },
      }),
    ]);
  });

  it('IMP-1 b rejects a saved mapping whose columns the file lacks, or made for another kind', async () => {
    const path = await fixture('Compte;Nom\n411A;Alpha\n');
    const missing = await rejection(
      openTable(path, {
        kind: 'customers',
        mapping: { kind: 'customers', columns: { account: 'Compte', name: 'Société' } },
      }),
    );
    expect(missing.code).toBe('missing_columns');
    expect(missing.message).toContain("'Société'");
    const wrongKind = await rejection(
      openTable(path, { kind: 'customers', mapping: { kind: 'contacts', columns: { account: 'Compte' } } }),
    );
    expect(wrongKind.code).toBe('bad_mapping');
    const incomplete = await rejection(
      openTable(path, { kind: 'customers', mapping: { kind: 'customers', columns: { account: 'Compte' } } }),
    );
    expect(incomplete.code).toBe('bad_mapping');
    expect(incomplete.message).toContain('name');
  });
});

describe('IMP-1 b inspectTable', () => {
  it('IMP-1 b proposes a mapping and reports the required fields it lacks, without throwing', async () => {
    const path = await fixture('Compte;Date;Débit;Crédit;Zone\n411A;31/12/2024;1 234,56;;N\n');
    const inspected = await inspectTable(path, 'entries');
    expect(inspected).toEqual({
      format: 'csv',
      headers: ['Compte', 'Date', 'Débit', 'Crédit', 'Zone'],
      mapping: {
        kind: 'entries',
        columns: { account: 'Compte', documentDate: 'Date', debit: 'Débit', credit: 'Crédit' },
        amountMode: 'debit-credit',
        dateFormat: 'DD/MM/YYYY',
        decimalSeparator: ',',
        delimiter: ';',
        encoding: 'utf-8',
      },
      missingRequired: ['pieceRef'],
      unmapped: ['Zone'],
    });
  });

  it('IMP-1 b keeps the columns of a saved mapping this file has', async () => {
    const path = await xlsxFixture([
      ['Cpt', 'Nom'],
      ['411A', 'Alpha'],
    ]);
    const mapping: ColumnMapping = {
      kind: 'customers',
      columns: { account: 'Cpt', name: 'Société', city: 'Ville' },
    };
    const inspected = await inspectTable(path, 'customers', mapping);
    expect(inspected.format).toBe('xlsx');
    expect(inspected.mapping.columns).toEqual({ account: 'Cpt' });
    expect(inspected.missingRequired).toEqual(['name']);
    expect(inspected.unmapped).toEqual(['Nom']);
  });
});

describe('IMP-1 b whole-file rejections', () => {
  it.each([
    ['a zero-byte file', '', 'csv', 'empty_file'],
    ['blank lines only', '\r\n\r\n  \n', 'csv', 'empty_file'],
    ['NUL bytes', Buffer.from([0x43, 0x6f, 0x00, 0x01, 0x02, 0x0a]), 'csv', 'binary_file'],
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'xls', 'binary_file'],
    [
      'a broken zip',
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]),
      'xlsx',
      'unknown_format',
    ],
    ['no separator', 'just some words\nand more words\n', 'csv', 'bad_separator'],
  ] as const)('%s → %s', async (_, content, extension, code) => {
    const path = await fixture(typeof content === 'string' ? content : Buffer.from(content), extension);
    expect((await rejection(openTable(path, { kind: 'customers' }))).code).toBe(code);
  });

  it('a zip without worksheet is an unknown format', async () => {
    const workbook = new ExcelJS.Workbook();
    const path = await fixture(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    expect((await rejection(openTable(path, { kind: 'customers' }))).code).toBe('unknown_format');
  });

  it('a mapping that says UTF-8 on a Latin file is a bad encoding', async () => {
    const path = await fixture(iconv.encode('Compte;Nom\n411A;Hélène\n', 'iso-8859-15'));
    const mapping: ColumnMapping = {
      kind: 'customers',
      columns: { account: 'Compte', name: 'Nom' },
      encoding: 'utf-8',
    };
    expect((await rejection(openTable(path, { kind: 'customers', mapping }))).code).toBe('bad_encoding');
  });
});

describe('IMP-1 b streaming', () => {
  it('IMP-1 b yields batches while reading, with progress, and can be read again', async () => {
    const lines = ['Compte;Pièce;Date;Débit;Crédit'];
    for (let i = 0; i < 20_000; i++) lines.push(`411${i % 50};F${i};31/12/2024;${i},50;`);
    const path = await fixture(`${lines.join('\n')}\n`);
    const size = (await stat(path)).size;
    const first = await readAll(path, { kind: 'entries', batchSize: 500 });
    expect(first.rows).toHaveLength(20_000);
    expect(first.batches).toHaveLength(40);
    expect(first.batches[0]!.bytesRead).toBeLessThan(size / 2);
    expect(first.batches.at(-1)!.bytesRead).toBe(size);
    expect(first.rows.at(-1)).toMatchObject({ line: 20_001, pieceRef: 'F19999', debit: 1999950 });

    let again = 0;
    for await (const batch of first.table.batches) again += batch.rows.length;
    expect(again).toBe(20_000);
  });

  it('IMP-1 b an XLSX can be abandoned mid-way', async () => {
    const rows: SheetCell[][] = [['Compte', 'Nom']];
    for (let i = 0; i < 3000; i++) rows.push([`411${i}`, `Client ${i}`]);
    const table = await openTable(await xlsxFixture(rows), { kind: 'customers', batchSize: 100 });
    for await (const batch of table.batches) {
      expect(batch.rows[0]).toMatchObject({ line: 2, account: '4110' });
      break;
    }
  });
});
