import { describe, expect, it } from 'vitest';
import { dueDateListQuerySchema } from '../../../contracts/due-dates';
import {
  countMoreFilters,
  daysLateRanges,
  daysLateRangeValue,
  exportUrl,
  isNarrowed,
  readDueDateQuery,
} from './due-date-filters';

const query = (params: string) => readDueDateQuery(new URLSearchParams(params));

describe('due-date filters in the URL', () => {
  it('VIS-2 days-late ranges follow the aging bounds, the last one open-ended', () => {
    expect(daysLateRanges([30, 60, 90])).toEqual([
      { value: '1-30', min: 1, max: 30 },
      { value: '31-60', min: 31, max: 60 },
      { value: '61-90', min: 61, max: 90 },
      { value: '91-', min: 91, max: undefined },
    ]);
    expect(daysLateRanges([45]).map((r) => r.value)).toEqual(['1-45', '46-']);
  });

  it('VIS-5 a range read back from the URL selects its preset; other bounds are "custom"', () => {
    const ranges = daysLateRanges([30, 60, 90]);
    expect(daysLateRangeValue(query('daysLateMin=31&daysLateMax=60'), ranges)).toBe('31-60');
    expect(daysLateRangeValue(query('daysLateMin=91'), ranges)).toBe('91-');
    expect(daysLateRangeValue(query('daysLateMin=5&daysLateMax=9'), ranges)).toBe('custom');
    expect(daysLateRangeValue(query(''), ranges)).toBe('');
  });

  it('VIS-5 a hand-edited URL keeps its valid filters and drops the others', () => {
    const read = query('status=overdue&dueFrom=2024-02-30&minAmount=abc&sort=amount');
    expect(read).toMatchObject({ status: 'overdue', sort: 'amount' });
    expect(read.dueFrom).toBeUndefined();
    expect(read.minAmount).toBeUndefined();
  });

  it('VIS-5 tells a narrowed list from the whole one, and counts the filters behind "More filters"', () => {
    expect(isNarrowed(query('companyId=3f1c4f7e-4b8e-4a57-9a43-2a4a3d1c9b10&sort=amount'))).toBe(false);
    expect(isNarrowed(query('search=dupont'))).toBe(true);
    expect(isNarrowed(query('status=notDue'))).toBe(true);
    expect(countMoreFilters(query('side=credit&dueFrom=2024-01-01&dueTo=2024-02-01&minAmount=100'))).toBe(3);
  });

  it('VIS-5 the export carries the filters and order, not the page', () => {
    const url = exportUrl(
      dueDateListQuerySchema.parse({ status: 'overdue', sort: 'daysLate', page: 3, pageSize: 25 }),
      'xlsx',
    );
    const params = new URL(url, 'http://x').searchParams;
    expect(new URL(url, 'http://x').pathname).toBe('/api/due-dates/export');
    expect(Object.fromEntries(params)).toEqual({
      status: 'overdue',
      side: 'all',
      sort: 'daysLate',
      direction: 'asc',
      format: 'xlsx',
    });
  });
});
