import { describe, expect, it } from 'vitest';
import { type CriteriaDraft, criteriaParams, draftOf, readCriteria } from './criteria-query';

const EMPTY: CriteriaDraft = {
  profileId: '',
  level: '',
  minDaysLate: '',
  maxDaysLate: '',
  minAmount: '',
  maxAmount: '',
  salesRep: '',
  collector: '',
  disputed: '',
};

describe('DUN-10 the criteria of a mass reminder in the URL', () => {
  it('asks nothing until a search was asked for, or without a company', () => {
    expect(readCriteria(new URLSearchParams('minDaysLate=60'), 'c1')).toBeNull();
    expect(readCriteria(new URLSearchParams('search=1'), '')).toBeNull();
    expect(readCriteria(new URLSearchParams('search=1'), 'c1')).toEqual({ companyId: 'c1' });
  });

  it('reads every criterion, and drops what is not one', () => {
    const params = new URLSearchParams(
      'search=1&profileId=p1&level=R2&minDaysLate=30&maxDaysLate=90&minAmount=150000&maxAmount=x&salesRep=Julien&collector=&disputed=maybe',
    );
    expect(readCriteria(params, 'c1')).toEqual({
      companyId: 'c1',
      profileId: 'p1',
      level: 'R2',
      minDaysLate: 30,
      maxDaysLate: 90,
      minAmount: 150_000,
      salesRep: 'Julien',
    });
    expect(readCriteria(new URLSearchParams('search=1&level=R9&disputed=no'), 'c1')).toEqual({
      companyId: 'c1',
      disputed: 'no',
    });
  });

  it('writes the form into the URL: amounts in cents, empty boxes removed', () => {
    const result = criteriaParams({ ...EMPTY, minDaysLate: ' 60 ', minAmount: '1 500,50', disputed: 'yes' });
    expect(result).toEqual({
      params: {
        profileId: null,
        level: null,
        minDaysLate: '60',
        maxDaysLate: null,
        minAmount: '150050',
        maxAmount: null,
        salesRep: null,
        collector: null,
        disputed: 'yes',
        search: '1',
      },
      errors: [],
    });
    const back = new URLSearchParams(
      Object.entries(result.params!).filter((entry): entry is [string, string] => entry[1] !== null),
    );
    expect(draftOf(back, 'fr')).toEqual({
      ...EMPTY,
      minDaysLate: '60',
      minAmount: '1500,50',
      disputed: 'yes',
    });
    expect(draftOf(back, 'en').minAmount).toBe('1500.50');
  });

  it('names the boxes to fix: not a number, a minimum above its maximum', () => {
    expect(criteriaParams({ ...EMPTY, minDaysLate: '6O', minAmount: '12.5.0' }).errors).toEqual([
      'minDaysLate',
      'minAmount',
    ]);
    expect(criteriaParams({ ...EMPTY, minDaysLate: '90', maxDaysLate: '30' }).errors).toEqual([
      'maxDaysLate',
    ]);
    expect(criteriaParams({ ...EMPTY, minAmount: '200', maxAmount: '100' }).errors).toEqual(['maxAmount']);
    expect(criteriaParams({ ...EMPTY, minAmount: '100', maxAmount: '100' }).errors).toEqual([]);
  });
});
