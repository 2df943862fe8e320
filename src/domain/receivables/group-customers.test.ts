import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type GroupIdentity,
  type GroupMatchKey,
  isSameGroupCustomer,
  normalizeExternalId,
  normalizeRegistrationNumber,
  resolveGroupKey,
} from './group-customers';
import { GROUP_KEY_CASES } from './group-customers.cases';

const ext = (externalId: string | null): GroupIdentity => ({ externalId, registrationNumber: null });
const reg = (registrationNumber: string | null): GroupIdentity => ({ externalId: null, registrationNumber });

describe('group customers (VIS-8)', () => {
  it.each(GROUP_KEY_CASES)('VIS-8 key: %s', (_name, matchKey, raw, expected) => {
    const identity =
      matchKey === 'externalId'
        ? { externalId: raw, registrationNumber: 'ignored 999' }
        : { externalId: 'ignored', registrationNumber: raw };
    expect(resolveGroupKey(identity, matchKey)).toBe(expected);
  });

  it.each<[string, GroupIdentity, GroupIdentity, GroupMatchKey, boolean]>([
    ['same external id, other case and spacing', ext('G-100'), ext(' g-100 '), 'externalId', true],
    ['different external ids', ext('G-100'), ext('G-101'), 'externalId', false],
    ['inner space matters in an external id', ext('C001'), ext('C 001'), 'externalId', false],
    ['two empty external ids are not the same customer', ext(''), ext(''), 'externalId', false],
    ['two missing external ids are not the same customer', ext(null), ext(null), 'externalId', false],
    [
      'by default the registration number is not looked at',
      { externalId: null, registrationNumber: '552100554' },
      { externalId: null, registrationNumber: '552100554' },
      'externalId',
      false,
    ],
    [
      'SIREN and SIRET of the same legal person',
      reg('552100554'),
      reg('55210055400013'),
      'registrationNumber',
      true,
    ],
    ['SIREN and French VAT number', reg('552 100 554'), reg('FR40552100554'), 'registrationNumber', true],
    [
      'two establishments of one company',
      reg('55210055400013'),
      reg('55210055400021'),
      'registrationNumber',
      true,
    ],
    ['different SIRENs', reg('552100554'), reg('552100555'), 'registrationNumber', false],
    [
      'option registration number: the external ids no longer count',
      { externalId: 'G-1', registrationNumber: '552100554' },
      { externalId: 'G-2', registrationNumber: '552100554' },
      'registrationNumber',
      true,
    ],
    ['empty registration numbers never match', reg(' '), reg(''), 'registrationNumber', false],
  ])('VIS-8 match: %s', (_name, a, b, matchKey, expected) => {
    expect(isSameGroupCustomer(a, b, matchKey)).toBe(expected);
    expect(isSameGroupCustomer(b, a, matchKey)).toBe(expected);
  });

  it('VIS-8 normalising twice changes nothing (a key is its own key)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (raw) => {
        const e = normalizeExternalId(raw);
        if (e !== null) expect(normalizeExternalId(e)).toBe(e);
        const r = normalizeRegistrationNumber(raw);
        if (r !== null) expect(normalizeRegistrationNumber(r)).toBe(r);
      }),
    );
  });
});
