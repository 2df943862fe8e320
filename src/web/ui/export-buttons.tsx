import { Download } from 'lucide-react';
import { apiUrl } from '../api/client';
import { buttonClasses } from './button';

type Query = Record<string, string | number | boolean | null | undefined>;

/**
 * "CSV" and "XLSX" download links for a list's export route, with the list's filters (COL-6);
 * paging is left out: an export holds every row the filters keep.
 * @example <ExportButtons path="/api/customers/export" query={query} testId="customers-export" />
 */
export function ExportButtons({ path, query, testId }: { path: string; query: Query; testId: string }) {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return (
    <>
      {(['csv', 'xlsx'] as const).map((format) => (
        <a
          key={format}
          href={apiUrl(path, { ...filters, format })}
          download
          data-testid={`${testId}-${format}`}
          className={buttonClasses({ variant: 'secondary' })}
        >
          <Download aria-hidden="true" className="size-4" />
          {format.toUpperCase()}
        </a>
      ))}
    </>
  );
}
