import { describe, expect, it } from 'vitest';
import { customerListQuerySchema } from '../../contracts/customers';
import { parseUrlQuery, toUrlChanges } from './url-query';

const parse = (qs: string) => parseUrlQuery(customerListQuerySchema, new URLSearchParams(qs));
const defaults = customerListQuerySchema.parse({});

describe('parseUrlQuery (VIS-4: filters live in the URL)', () => {
  it('reads every filter of the customers list', () => {
    expect(parse('search=dupont&filter=overdue&sort=name&direction=asc&page=3&pageSize=25')).toMatchObject({
      search: 'dupont',
      filter: 'overdue',
      sort: 'name',
      direction: 'asc',
      page: 3,
      pageSize: 25,
    });
  });

  it('drops a hand-edited bad value and keeps the others', () => {
    const query = parse('filter=everything&page=-2&search=ab&companyId=not-a-uuid');
    expect(query).toMatchObject({ filter: 'all', page: 1, search: 'ab' });
    expect(query.companyId).toBeUndefined();
  });

  it('gives the defaults for an empty query string', () => {
    expect(parse('')).toEqual(defaults);
  });
});

describe('toUrlChanges', () => {
  it('leaves defaults and blanks out of the URL', () => {
    expect(toUrlChanges({ filter: 'all', page: 2, search: '' }, defaults)).toEqual({
      filter: null,
      page: '2',
      search: null,
    });
  });
});
