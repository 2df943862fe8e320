import type { Criteria } from '../../../contracts/dunning';
import { DUNNING_LEVELS, type DunningLevel } from '../../../domain/dunning/levels';
import { formatAmountInput, parseAmountInput } from './settings/amount-input';

/**
 * The criteria of a mass reminder (DUN-10) live in the URL, so a search can be shared and comes
 * back with the browser's Back: amounts in cents, days as whole numbers, `search=1` once asked.
 */

/** What the form holds, as typed (amounts in the currency's units). */
export interface CriteriaDraft {
  profileId: string;
  level: string;
  minDaysLate: string;
  maxDaysLate: string;
  minAmount: string;
  maxAmount: string;
  salesRep: string;
  collector: string;
  disputed: string;
}

export type CriteriaField = 'minDaysLate' | 'maxDaysLate' | 'minAmount' | 'maxAmount';

const INT_KEYS = ['minDaysLate', 'maxDaysLate', 'minAmount', 'maxAmount'] as const;

function readInt(value: string | null): number | undefined {
  return value !== null && /^-?\d{1,9}$/.test(value) ? Number(value) : undefined;
}

/**
 * The criteria of the URL for a company, or `null` until a search was asked for.
 * @example readCriteria(new URLSearchParams('search=1&minDaysLate=60'), 'c1') // { companyId: 'c1', minDaysLate: 60 }
 */
export function readCriteria(params: URLSearchParams, companyId: string): Criteria | null {
  if (params.get('search') !== '1' || companyId === '') return null;
  const criteria: Criteria = { companyId };
  const profileId = params.get('profileId');
  if (profileId) criteria.profileId = profileId;
  const level = params.get('level');
  if (level && (DUNNING_LEVELS as readonly string[]).includes(level)) criteria.level = level as DunningLevel;
  for (const key of INT_KEYS) {
    const value = readInt(params.get(key));
    if (value !== undefined) criteria[key] = value;
  }
  const salesRep = params.get('salesRep');
  if (salesRep) criteria.salesRep = salesRep;
  const collector = params.get('collector');
  if (collector) criteria.collector = collector;
  const disputed = params.get('disputed');
  if (disputed === 'yes' || disputed === 'no') criteria.disputed = disputed;
  return criteria;
}

/** The form's starting values from the URL's criteria (or empty). */
export function draftOf(params: URLSearchParams, locale: string): CriteriaDraft {
  const amount = (key: string) => {
    const cents = readInt(params.get(key));
    return cents === undefined ? '' : formatAmountInput(cents, locale);
  };
  const days = (key: string) => {
    const value = readInt(params.get(key));
    return value === undefined ? '' : String(value);
  };
  return {
    profileId: params.get('profileId') ?? '',
    level: params.get('level') ?? '',
    minDaysLate: days('minDaysLate'),
    maxDaysLate: days('maxDaysLate'),
    minAmount: amount('minAmount'),
    maxAmount: amount('maxAmount'),
    salesRep: params.get('salesRep') ?? '',
    collector: params.get('collector') ?? '',
    disputed: params.get('disputed') ?? '',
  };
}

/**
 * The URL parameters of a search from the form, or the fields to fix: days are whole numbers,
 * amounts zero or more, and a minimum is not above its maximum.
 * @example criteriaParams({ ...empty, minAmount: '1 500' }) // { params: { …, minAmount: '150000', search: '1' }, errors: [] }
 */
export function criteriaParams(
  draft: CriteriaDraft,
): { params: Record<string, string | null>; errors: [] } | { params: null; errors: CriteriaField[] } {
  const errors: CriteriaField[] = [];
  const days = (key: 'minDaysLate' | 'maxDaysLate') => {
    const text = draft[key].trim();
    if (text === '') return null;
    if (!/^-?\d{1,5}$/.test(text)) errors.push(key);
    return text;
  };
  const amount = (key: 'minAmount' | 'maxAmount') => {
    const cents = parseAmountInput(draft[key]);
    if (cents === undefined) errors.push(key);
    return typeof cents === 'number' ? cents : null;
  };
  const minDays = days('minDaysLate');
  const maxDays = days('maxDaysLate');
  const minAmount = amount('minAmount');
  const maxAmount = amount('maxAmount');
  if (minDays !== null && maxDays !== null && !errors.length && Number(minDays) > Number(maxDays))
    errors.push('maxDaysLate');
  if (minAmount !== null && maxAmount !== null && minAmount > maxAmount) errors.push('maxAmount');
  if (errors.length > 0) return { params: null, errors };
  return {
    params: {
      profileId: draft.profileId || null,
      level: draft.level || null,
      minDaysLate: minDays,
      maxDaysLate: maxDays,
      minAmount: minAmount === null ? null : String(minAmount),
      maxAmount: maxAmount === null ? null : String(maxAmount),
      salesRep: draft.salesRep.trim() || null,
      collector: draft.collector.trim() || null,
      disputed: draft.disputed || null,
      search: '1',
    },
    errors: [],
  };
}

/** Every criterion of the URL cleared, the company kept. */
export const CLEARED_CRITERIA: Record<string, null> = {
  profileId: null,
  level: null,
  minDaysLate: null,
  maxDaysLate: null,
  minAmount: null,
  maxAmount: null,
  salesRep: null,
  collector: null,
  disputed: null,
  search: null,
};
