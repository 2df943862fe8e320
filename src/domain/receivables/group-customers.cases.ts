import type { GroupMatchKey } from './group-customers';

/**
 * Keys of the VIS-8 normalisation: [case, match key, raw value, expected key]. The unit test checks
 * the domain against them, the integration test checks the SQL mirror against them.
 */
export const GROUP_KEY_CASES: readonly [string, GroupMatchKey, string | null, string | null][] = [
  ['external id as written', 'externalId', 'CLI-0042', 'CLI-0042'],
  ['external id: ends trimmed, case ignored', 'externalId', '  cli-0042\t', 'CLI-0042'],
  ['external id: inner spaces collapse to one', 'externalId', 'grp  7\u00a0 b', 'GRP 7 B'],
  ['external id: accented letters kept as written', 'externalId', 'café-1', 'CAFé-1'],
  ['external id: empty never matches', 'externalId', '', null],
  ['external id: blanks never match', 'externalId', ' \u00a0 ', null],
  ['external id: null never matches', 'externalId', null, null],
  ['SIREN', 'registrationNumber', '552100554', '552100554'],
  ['SIREN with spaces', 'registrationNumber', ' 552 100 554 ', '552100554'],
  ['SIREN with dots and dashes', 'registrationNumber', '552.100-554', '552100554'],
  ['SIRET becomes its SIREN', 'registrationNumber', '552 100 554 00013', '552100554'],
  ['French VAT number becomes its SIREN', 'registrationNumber', 'fr 40 552100554', '552100554'],
  ['French VAT number with a letter key', 'registrationNumber', 'FRX1552100554', '552100554'],
  ['foreign VAT number kept compact', 'registrationNumber', 'DE 123 456 789', 'DE123456789'],
  ['other lengths kept compact', 'registrationNumber', '1234-5678', '12345678'],
  ['registration: only separators never match', 'registrationNumber', ' - . ', null],
  ['registration: null never matches', 'registrationNumber', null, null],
];
