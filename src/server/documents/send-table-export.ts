import type { FastifyReply } from 'fastify';
import { EXPORT_CONTENT_TYPES, type ExportFormat, type TableExport, tableExportStream } from './table-export';

/**
 * `content-disposition` for a download: an ASCII `filename` for old clients (accents dropped,
 * anything else unsafe turned into `_`) and the real name as UTF-8 in `filename*` (RFC 6266).
 * @example contentDisposition('Échéances 2024.csv')
 * // `attachment; filename="Echeances 2024.csv"; filename*=UTF-8''%C3%89ch%C3%A9ances%202024.csv`
 */
export function contentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9 ._()-]/g, '_')
      .trim() || 'export';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The file name with the format's extension (added unless it is already there). */
function withExtension(fileName: string, format: ExportFormat): string {
  const name = fileName.replace(/[\\/\r\n"]/g, '_');
  return name.toLowerCase().endsWith(`.${format}`) ? name : `${name}.${format}`;
}

/**
 * Sends a table as a file download, streamed as the rows are read (COL-6). Check access and
 * inputs before calling it: once the first bytes are out, an error can only cut the download.
 * @example
 * return sendTableExport(reply, {
 *   fileName: `clients-${today}`,
 *   format: query.format,
 *   locale: user.locale,
 *   columns,
 *   rows: streamCustomers(database, auth, query),
 * });
 */
export function sendTableExport<R>(
  reply: FastifyReply,
  { fileName, ...table }: TableExport<R> & { fileName: string },
): FastifyReply {
  return reply
    .header('content-type', EXPORT_CONTENT_TYPES[table.format])
    .header('content-disposition', contentDisposition(withExtension(fileName, table.format)))
    .header('cache-control', 'no-store')
    .send(tableExportStream(table));
}
