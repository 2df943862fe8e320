import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import type { ReactNode } from 'react';
import { focusRing } from './button';
import { cx } from './cx';

type Direction = 'asc' | 'desc';

/**
 * A column header that sorts its list: a click on the sorted column flips the direction, a click
 * on another column sorts it in its natural direction (`firstDirection`).
 * @example <SortHeader sort="overdue" query={query} firstDirection="desc" onSort={(sort, direction) => update({ sort, direction })}>Overdue</SortHeader>
 */
export function SortHeader<S extends string>({
  sort,
  query,
  firstDirection,
  onSort,
  align = 'right',
  children,
  className,
}: {
  sort: S;
  query: { sort: S; direction: Direction };
  firstDirection: Direction;
  onSort: (sort: S, direction: Direction) => void;
  align?: 'left' | 'right';
  children: ReactNode;
  className?: string;
}) {
  const isSorted = query.sort === sort;
  const Icon = !isSorted ? ArrowUpDown : query.direction === 'asc' ? ArrowUp : ArrowDown;
  const next = isSorted ? (query.direction === 'asc' ? 'desc' : 'asc') : firstDirection;
  return (
    <th
      scope="col"
      aria-sort={isSorted ? (query.direction === 'asc' ? 'ascending' : 'descending') : undefined}
      className={cx('px-3 py-2.5 font-medium', align === 'right' ? 'text-right' : 'text-left', className)}
    >
      <button
        type="button"
        onClick={() => onSort(sort, next)}
        className={cx(
          'inline-flex items-center gap-1 rounded hover:text-zinc-900',
          align === 'right' && 'flex-row-reverse',
          isSorted && 'text-zinc-900',
          focusRing,
        )}
      >
        {children}
        <Icon aria-hidden="true" className={cx('size-3.5', isSorted ? 'text-indigo-600' : 'text-zinc-400')} />
      </button>
    </th>
  );
}
