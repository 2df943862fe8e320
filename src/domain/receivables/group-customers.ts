/**
 * Group customers (VIS-8): customers of different companies of one organization that are the same
 * legal person. They are recognised by a matching key — the external id by default, or the
 * registration number (SIREN / SIRET / VAT number) when the organization chooses so.
 *
 * Normalisation, decided here and mirrored in SQL by `server/db/schema/group-keys.ts` (the VIS-8 test
 * checks both give the same keys):
 * - Every key: whitespace (spaces, tabs, no-break spaces) at both ends is ignored; ASCII letters
 *   are compared without case. A key left empty never matches anything.
 * - External id: inner runs of whitespace count as one space ("C 001" ≠ "C001": an ERP code is
 *   compared as written, only its spacing and case are forgiven).
 * - Registration number: everything but letters and digits is dropped ("552 100 554",
 *   "552.100.554", "552-100-554" are one number); then a French number is reduced to its SIREN,
 *   the identity of the legal person: 9 digits are a SIREN, 14 digits a SIRET (SIREN + 5-digit
 *   establishment number), `FR` + 2-character key + 9 digits an intra-community VAT number. Two
 *   establishments of one company are therefore one group customer. Any other value (a foreign VAT
 *   number, a DUNS…) is compared in that compact form.
 */

export const GROUP_MATCH_KEYS = ['externalId', 'registrationNumber'] as const;
export type GroupMatchKey = (typeof GROUP_MATCH_KEYS)[number];

/** What the matching reads of a customer. */
export interface GroupIdentity {
  externalId: string | null;
  registrationNumber: string | null;
}

/** The characters keys treat as whitespace; the SQL mirror builds its pattern from them. */
export const GROUP_KEY_WHITESPACE = '\t\n\v\f\r \u00a0';
const WHITESPACE = new RegExp(`[${GROUP_KEY_WHITESPACE}]+`, 'g');

function upperAscii(text: string): string {
  return text.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

/**
 * The normalised external id, or null when it is empty (VIS-8).
 * @example normalizeExternalId('  cli-0042 ') // 'CLI-0042'
 */
export function normalizeExternalId(value: string | null | undefined): string | null {
  if (value == null) return null;
  // Only the class above counts as whitespace: trimming spaces once it became spaces is exact.
  const key = upperAscii(value.replace(WHITESPACE, ' ').replace(/^ | $/g, ''));
  return key === '' ? null : key;
}

/**
 * The normalised registration number: a French SIREN, SIRET or VAT number becomes its SIREN;
 * anything else its upper-case letters and digits; null when nothing is left (VIS-8).
 * @example normalizeRegistrationNumber('FR 40 552 100 554') // '552100554'
 * @example normalizeRegistrationNumber('552 100 554 00013') // '552100554'
 */
export function normalizeRegistrationNumber(value: string | null | undefined): string | null {
  if (value == null) return null;
  const compact = upperAscii(value).replace(/[^A-Z0-9]+/g, '');
  if (compact === '') return null;
  if (/^[0-9]{9}$/.test(compact)) return compact;
  if (/^[0-9]{14}$/.test(compact)) return compact.slice(0, 9);
  if (/^FR[0-9A-Z]{2}[0-9]{9}$/.test(compact)) return compact.slice(4);
  return compact;
}

/**
 * The key a customer is matched on across companies, or null when it has none (VIS-8).
 * @example resolveGroupKey({ externalId: 'g-1', registrationNumber: null }, 'externalId') // 'G-1'
 */
export function resolveGroupKey(customer: GroupIdentity, matchKey: GroupMatchKey): string | null {
  return matchKey === 'externalId'
    ? normalizeExternalId(customer.externalId)
    : normalizeRegistrationNumber(customer.registrationNumber);
}

/**
 * Whether two customers are the same group customer: both have a key and the keys are equal.
 * (Whether they belong to different companies is the caller's concern.)
 * @example isSameGroupCustomer({ externalId: 'A1', registrationNumber: null }, { externalId: ' a1', registrationNumber: '1' }, 'externalId') // true
 */
export function isSameGroupCustomer(a: GroupIdentity, b: GroupIdentity, matchKey: GroupMatchKey): boolean {
  const key = resolveGroupKey(a, matchKey);
  return key !== null && key === resolveGroupKey(b, matchKey);
}
