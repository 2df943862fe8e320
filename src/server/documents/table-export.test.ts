import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decimalToCents } from '../../domain/money';
import { computeAccountSituationTotals } from '../../domain/receivables/account-situation-totals';
import { accountSituationFooter } from './account-situation-footer';
import {
  type ExportFormat,
  type ExportLocale,
  type TableColumn,
  type TableExport,
  tableExportStream,
  writeTableExport,
} from './table-export';

interface Customer {
  account: string;
  name: string;
  lastInvoice: string | null;
  balance: number;
  items: number;
  overdueShare: number | null;
  daysLate: number | null;
}

const customers: Customer[] = [
  {
    account: '411DUP',
    name: 'Dupont; "et fils"',
    lastInvoice: '2024-12-31',
    balance: 1_441_652,
    items: 3,
    overdueShare: 12.5,
    daysLate: 9,
  },
  {
    account: '411ÉCO',
    name: 'Écoles, Crèches\net associés',
    lastInvoice: '2024-02-29',
    balance: -1_250,
    items: 1,
    overdueShare: null,
    daysLate: 166.3,
  },
  {
    account: '411ZER',
    name: '=HYPERLINK("x")',
    lastInvoice: null,
    balance: 0,
    items: 0,
    overdueShare: 0,
    daysLate: null,
  },
  {
    account: '411CEN',
    name: 'Centimes',
    lastInvoice: '2024-01-01',
    balance: 5,
    items: 1,
    overdueShare: 100,
    daysLate: 0,
  },
];

const columns: TableColumn<Customer>[] = [
  { key: 'account', header: 'Compte', kind: 'text', value: (c) => c.account },
  { key: 'name', header: 'Nom', kind: 'text', value: (c) => c.name },
  { key: 'lastInvoice', header: 'Dernière facture', kind: 'date', value: (c) => c.lastInvoice },
  { key: 'balance', header: 'Solde', kind: 'money', currency: 'EUR', value: (c) => c.balance },
  { key: 'items', header: 'Pièces', kind: 'integer', value: (c) => c.items },
  { key: 'overdueShare', header: '% échu', kind: 'percent', value: (c) => c.overdueShare },
  { key: 'daysLate', header: 'Jours', kind: 'days', value: (c) => c.daysLate },
];

const footer = [{ label: 'Total', values: { balance: 1_440_407, items: 5 } }];

async function bytesOf<R>(table: TableExport<R>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(
    tableExportStream(table),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(chunks);
}

async function csvOf<R>(table: Omit<TableExport<R>, 'format'>): Promise<string> {
  return (await bytesOf({ ...table, format: 'csv' })).toString('utf8');
}

async function worksheetOf<R>(table: Omit<TableExport<R>, 'format'>): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's typings predate Node's generic Buffer.
  await workbook.xlsx.load((await bytesOf({ ...table, format: 'xlsx' })) as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

describe('CSV export', () => {
  it('COL-6 fr: BOM, semicolons, decimal comma, dd/mm/yyyy, currency in the header, footer after the data', async () => {
    const text = await csvOf({ locale: 'fr', columns, rows: customers, footer });
    expect(text.startsWith('\uFEFFCompte;Nom;Dernière facture;Solde (EUR);Pièces;% échu;Jours\n')).toBe(true);
    const lines = text.slice(1).split('\n');
    expect(lines[1]).toBe('411DUP;"Dupont; ""et fils""";31/12/2024;14416,52;3;12,5;9');
    expect(text).toContain('411ÉCO;"Écoles, Crèches\net associés";29/02/2024;-12,50;1;;166,3\n');
    // A text that a spreadsheet would run as a formula is defused; amounts never are.
    expect(text).toContain(`411ZER;"'=HYPERLINK(""x"")";;0,00;0;0;\n`);
    expect(text).toContain('411CEN;Centimes;01/01/2024;0,05;1;100;0\n');
    expect(text.endsWith('Total;;;14404,07;5;;\n')).toBe(true);
  });

  it('COL-6 en: commas, decimal point, ISO dates', async () => {
    const text = await csvOf({ locale: 'en', columns, rows: customers, footer });
    const lines = text.slice(1).split('\n');
    expect(lines[0]).toBe('Compte,Nom,Dernière facture,Solde (EUR),Pièces,% échu,Jours');
    expect(lines[1]).toBe('411DUP,"Dupont; ""et fils""",2024-12-31,14416.52,3,12.5,9');
    expect(text).toContain(',2024-02-29,-12.50,1,,166.3\n');
    expect(text.endsWith('Total,,,14404.07,5,,\n')).toBe(true);
  });

  for (const locale of ['fr', 'en'] as const) {
    it(`COL-6 parses back with csv-parse to the same amounts and dates (${locale})`, async () => {
      const text = await csvOf({ locale, columns, rows: customers, footer });
      const records: string[][] = parse(text, { bom: true, delimiter: locale === 'fr' ? ';' : ',' });
      expect(records).toHaveLength(1 + customers.length + 1);
      const amounts = records.slice(1, -1).map((r) => decimalToCents(r[3]!.replace(',', '.')));
      expect(amounts).toEqual(customers.map((c) => c.balance));
      const dates = records
        .slice(1, -1)
        .map((r) => r[2]!.replace(/^(\d\d)\/(\d\d)\/(\d{4})$/, '$3-$2-$1') || null);
      expect(dates).toEqual(customers.map((c) => c.lastInvoice));
      expect(records[2]![1]).toBe('Écoles, Crèches\net associés');
      expect(decimalToCents(records.at(-1)![3]!.replace(',', '.'))).toBe(1_440_407);
    });
  }

  it('COL-6 original amounts in a currency without decimals keep their own minor units (VIS-12)', async () => {
    const rows = [
      { amount: 150_000, currency: 'JPY' },
      { amount: 150_050, currency: 'USD' },
    ];
    const text = await csvOf({
      locale: 'fr',
      columns: [
        { key: 'currency', header: 'Devise', kind: 'text', value: (r) => r.currency },
        {
          key: 'amount',
          header: 'Montant',
          kind: 'money',
          currency: (r) => r.currency,
          minorUnits: 'currency',
          value: (r) => r.amount,
        },
      ],
      rows,
    });
    expect(text).toBe('\uFEFFDevise;Montant\nJPY;150000\nUSD;1500,50\n');
  });

  it('COL-6 a footer given as a function is read after the rows, so totals can be summed on the way', async () => {
    let sum = 0;
    function* tapped() {
      for (const c of customers) {
        sum += c.balance;
        yield c;
      }
    }
    const text = await csvOf({
      locale: 'en',
      columns,
      rows: tapped(),
      footer: () => [{ label: 'Total', values: { balance: sum } }],
    });
    expect(text.endsWith('Total,,,14404.07,,,\n')).toBe(true);
  });

  it('refuses two columns with one key, and an export without columns', () => {
    expect(() => tableExportStream({ format: 'csv', locale: 'en', columns: [], rows: [] })).toThrow(/column/);
    expect(() =>
      tableExportStream({ format: 'csv', locale: 'en', columns: [columns[0]!, columns[0]!], rows: [] }),
    ).toThrow(/account is used twice/);
  });
});

describe('XLSX export', () => {
  for (const locale of ['fr', 'en'] as const) {
    it(`COL-6 opens with exceljs: typed cells, formats, bold frozen header, autofilter, footer (${locale})`, async () => {
      const sheet = await worksheetOf({
        locale,
        columns,
        rows: customers,
        footer,
        sheetName: 'Clients: 2024/12',
      });
      expect(sheet.name).toBe('Clients  2024 12');
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        'Compte',
        'Nom',
        'Dernière facture',
        'Solde (EUR)',
        'Pièces',
        '% échu',
        'Jours',
      ]);
      expect(sheet.getCell('A1').font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBe('A1:G5');

      const first = sheet.getRow(2);
      expect(first.getCell(1).value).toBe('411DUP');
      expect(first.getCell(2).value).toBe('Dupont; "et fils"');
      expect(first.getCell(3).value).toEqual(new Date(Date.UTC(2024, 11, 31)));
      expect(first.getCell(3).numFmt).toBe(locale === 'fr' ? 'dd/mm/yyyy' : 'yyyy-mm-dd');
      expect(first.getCell(4).value).toBe(14416.52);
      expect(first.getCell(4).numFmt).toBe('#,##0.00');
      expect(first.getCell(5).value).toBe(3);
      expect(first.getCell(6).value).toBe(0.125);
      expect(first.getCell(6).numFmt).toBe('0.0%');
      expect(first.getCell(7).value).toBe(9);
      expect(sheet.getCell('D3').value).toBe(-12.5);
      expect(sheet.getCell('G3').value).toBe(166.3);
      // In a workbook a text stays a text: no formula is ever written.
      expect(sheet.getCell('B4').value).toBe('=HYPERLINK("x")');
      expect(sheet.getCell('C4').value).toBeNull();
      expect(sheet.getCell('D5').value).toBe(0.05);

      const total = sheet.getRow(6);
      expect(total.getCell(1).value).toBe('Total');
      expect(total.getCell(4).value).toBe(14404.07);
      expect(total.getCell(5).value).toBe(5);
      for (const n of [1, 4, 7]) {
        expect(total.getCell(n).font?.bold).toBe(true);
        expect(total.getCell(n).border?.top?.style).toBe('thin');
      }
      expect(sheet.getCell('D5').font?.bold).toBeFalsy();
      expect(sheet.rowCount).toBe(6);
      expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(20);
    });
  }

  it('COL-6 money without decimals gets a format without decimals', async () => {
    const sheet = await worksheetOf({
      locale: 'en',
      columns: [
        {
          key: 'amount',
          header: 'Amount',
          kind: 'money',
          currency: 'JPY',
          minorUnits: 'currency',
          value: (r: { amount: number }) => r.amount,
        },
      ],
      rows: [{ amount: 1500 }],
    });
    expect(sheet.getCell('A2').value).toBe(1500);
    expect(sheet.getCell('A2').numFmt).toBe('#,##0');
    expect(sheet.getCell('A1').value).toBe('Amount (JPY)');
  });
});

describe('streaming', () => {
  async function* many(produced: { count: number }, total = 100_000) {
    for (let i = 0; i < total; i++) {
      produced.count++;
      yield {
        account: `411${i}`,
        name: `Customer ${i}`,
        lastInvoice: '2024-01-31',
        balance: i * 101 - 7,
        items: i % 7,
        overdueShare: null,
        daysLate: null,
      } satisfies Customer;
    }
  }

  for (const format of ['csv', 'xlsx'] as const) {
    it(`COL-6 ${format}: rows are read only as fast as the bytes are taken, not all at once`, async () => {
      const produced = { count: 0 };
      const stream = tableExportStream({ format, locale: 'fr', columns, rows: many(produced) });
      await new Promise((resolve) => stream.once('readable', resolve));
      stream.read();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(produced.count).toBeGreaterThan(0);
      expect(produced.count).toBeLessThan(10_000);
      stream.destroy();
    });
  }

  it('COL-6 100,000 rows go out whole, in order', async () => {
    const produced = { count: 0 };
    const text = await csvOf({ locale: 'en', columns, rows: many(produced) });
    const records: string[][] = parse(text, { bom: true });
    expect(records).toHaveLength(100_001);
    expect(records[100_000]![0]).toBe('41199999');
    expect(decimalToCents(records[100_000]![3]!)).toBe(99_999 * 101 - 7);
  });

  for (const format of ['csv', 'xlsx'] as ExportFormat[]) {
    it(`an error while reading the rows fails the ${format} export`, async () => {
      async function* broken() {
        yield customers[0]!;
        throw new Error('cursor lost');
      }
      await expect(bytesOf({ format, locale: 'en', columns, rows: broken() })).rejects.toThrow('cursor lost');
    });
  }

  it('writes to process.stdout without ending it', async () => {
    const chunks: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(String(chunk));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
    try {
      await writeTableExport(process.stdout, {
        format: 'csv',
        locale: 'en',
        columns: columns.slice(0, 1),
        rows: [],
      });
    } finally {
      process.stdout.write = write;
    }
    expect(chunks.join('')).toBe('\uFEFFCompte\n');
    expect(process.stdout.writableEnded).toBe(false);
  });
});

describe('account situation export', () => {
  interface Entry {
    piece: string;
    debit: number;
    credit: number;
    currency: string;
    isOpen: boolean;
  }
  const entries: Entry[] = [
    { piece: 'F1', debit: 120_000, credit: 0, currency: 'EUR', isOpen: false },
    { piece: 'R1', debit: 0, credit: 120_000, currency: 'EUR', isOpen: false },
    { piece: 'F2', debit: 45_050, credit: 0, currency: 'EUR', isOpen: true },
    { piece: 'AV1', debit: 0, credit: 2_525, currency: 'EUR', isOpen: true },
  ];
  const situationColumns: TableColumn<Entry>[] = [
    { key: 'piece', header: 'Pièce', kind: 'text', value: (e) => e.piece },
    {
      key: 'debit',
      header: 'Débit',
      kind: 'money',
      currency: (e) => e.currency,
      value: (e) => e.debit || null,
    },
    {
      key: 'credit',
      header: 'Crédit',
      kind: 'money',
      currency: (e) => e.currency,
      value: (e) => e.credit || null,
    },
    { key: 'currency', header: 'Devise', kind: 'text', value: (e) => e.currency },
  ];
  const labels = { totals: 'Totaux', balance: 'Solde' };
  const exportOf = (kept: Entry[], format: ExportFormat, locale: ExportLocale = 'fr') => ({
    format,
    locale,
    columns: situationColumns,
    rows: kept,
    footer: accountSituationFooter(computeAccountSituationTotals(kept), {
      debitKey: 'debit',
      creditKey: 'credit',
      labels,
    }),
  });

  it('VIS-7 the open-items filter: totals and balance of the kept rows close the CSV', async () => {
    const text = (
      await bytesOf(
        exportOf(
          entries.filter((e) => e.isOpen),
          'csv',
        ),
      )
    ).toString('utf8');
    expect(text).toBe(
      '\uFEFFPièce;Débit;Crédit;Devise\nF2;450,50;;EUR\nAV1;;25,25;EUR\nTotaux;450,50;25,25;\nSolde;425,25;;\n',
    );
  });

  it('VIS-7 a credit balance closes the XLSX on the credit side, bold under a border', async () => {
    const kept = [entries[3]!];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf(exportOf(kept, 'xlsx'))) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(3).values).toEqual([undefined, 'Totaux', 0, 25.25]);
    expect(sheet.getRow(4).values).toEqual([undefined, 'Solde', undefined, 25.25]);
    expect(sheet.getCell('A4').font?.bold).toBe(true);
  });

  it('VIS-7 several currencies: neither line in CSV nor XLSX', async () => {
    const mixed = [...entries, { piece: 'F9', debit: 50_000, credit: 0, currency: 'USD', isOpen: true }];
    const text = (await bytesOf(exportOf(mixed, 'csv', 'en'))).toString('utf8');
    expect(text.trimEnd().split('\n').at(-1)).toBe('F9,500.00,,USD');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf(exportOf(mixed, 'xlsx'))) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(1 + mixed.length);
  });
});
