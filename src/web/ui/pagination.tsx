import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format';
import { Button } from './button';
import { Select } from './field';

/** "1–50 of 134", page size, previous / next. */
export function Pagination({
  page,
  pageSize,
  total,
  pageSizes,
  onPage,
  onPageSize,
}: {
  page: number;
  pageSize: number;
  total: number;
  pageSizes: readonly number[];
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : Math.min(total, (page - 1) * pageSize + 1);
  const last = Math.min(total, page * pageSize);
  return (
    <nav
      aria-label={t('pagination.label')}
      className="flex flex-wrap items-center justify-between gap-3 text-sm text-zinc-600"
    >
      <p className="tabular-nums">
        {t('pagination.range', {
          first: format.integer(first),
          last: format.integer(last),
          total: format.integer(total),
        })}
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="hidden whitespace-nowrap text-zinc-500 sm:inline">
          {t('pagination.perPage')}
        </label>
        <Select
          id={id}
          value={pageSize}
          onChange={(event) => onPageSize(Number(event.target.value))}
          className="w-20"
          aria-label={t('pagination.perPage')}
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </Select>
        <Button
          variant="secondary"
          size="sm"
          className="py-2"
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          <ChevronLeft aria-hidden="true" className="size-4" />
          <span className="sr-only">{t('pagination.previous')}</span>
        </Button>
        <span className="tabular-nums whitespace-nowrap">
          {t('pagination.page', { page: format.integer(page), pageCount: format.integer(pageCount) })}
        </span>
        <Button
          variant="secondary"
          size="sm"
          className="py-2"
          disabled={page >= pageCount}
          onClick={() => onPage(page + 1)}
        >
          <ChevronRight aria-hidden="true" className="size-4" />
          <span className="sr-only">{t('pagination.next')}</span>
        </Button>
      </div>
    </nav>
  );
}
