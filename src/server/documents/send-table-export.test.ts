import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { contentDisposition, sendTableExport } from './send-table-export';
import type { ExportFormat, TableColumn } from './table-export';

interface Row {
  name: string;
  balance: number;
}
const columns: TableColumn<Row>[] = [
  { key: 'name', header: 'Nom', kind: 'text', value: (r) => r.name },
  { key: 'balance', header: 'Solde', kind: 'money', currency: 'EUR', value: (r) => r.balance },
];

describe('sendTableExport', () => {
  const app = Fastify();
  app.get<{ Querystring: { format: ExportFormat } }>('/export', (request, reply) => {
    function* rows(): Generator<Row> {
      yield { name: 'Crèche des Lilas', balance: 123_456 };
      yield { name: 'Dupont', balance: -5 };
    }
    return sendTableExport(reply, {
      fileName: 'Échéances avril 2024',
      format: request.query.format,
      locale: 'fr',
      columns,
      rows: rows(),
    });
  });
  afterAll(() => app.close());

  it('COL-6 sends a CSV download: type, file name with its UTF-8 form, body', async () => {
    const response = await app.inject({ method: 'GET', url: '/export?format=csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="Echeances avril 2024.csv"; filename*=UTF-8''%C3%89ch%C3%A9ances%20avril%202024.csv`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toBe('\uFEFFNom;Solde (EUR)\nCrèche des Lilas;1234,56\nDupont;-0,05\n');
  });

  it('COL-6 sends an XLSX download that opens', async () => {
    const response = await app.inject({ method: 'GET', url: '/export?format=xlsx' });
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toContain('filename="Echeances avril 2024.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getCell('B2').value).toBe(1234.56);
  });
});

describe('contentDisposition', () => {
  it('keeps an ASCII fallback free of quotes, slashes and non-ASCII characters', () => {
    expect(contentDisposition('a"b\\c/d;€ 1.csv')).toBe(
      `attachment; filename="a_b_c_d__ 1.csv"; filename*=UTF-8''a%22b%5Cc%2Fd%3B%E2%82%AC%201.csv`,
    );
    expect(contentDisposition("l'état (2).xlsx")).toBe(
      `attachment; filename="l_etat (2).xlsx"; filename*=UTF-8''l%27%C3%A9tat%20%282%29.xlsx`,
    );
  });
});
