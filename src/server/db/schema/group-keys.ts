/**
 * The VIS-8 keys of a customer in SQL, stored by the database in generated columns of
 * `customers` so the group block of a customer record is an index lookup instead of a regular
 * expression run over every customer of the organization. They mirror `normalizeExternalId` and
 * `normalizeRegistrationNumber` of `domain/receivables/group-customers.ts`; the VIS-8 integration
 * test runs the domain's cases through these expressions.
 *
 * Plain SQL text without parameters: a generated column's expression is part of the table.
 */

const LOWER = `'abcdefghijklmnopqrstuvwxyz'`;
const UPPER = `'ABCDEFGHIJKLMNOPQRSTUVWXYZ'`;

/**
 * The whitespace of `GROUP_KEY_WHITESPACE` (tab, line feed, vertical tab, form feed, carriage
 * return, space, no-break space) as escapes of a PostgreSQL regular expression.
 */
const WHITESPACE_PATTERN = String.raw`'[\t\n\v\f\r \u00a0]+'`;

/** Normalised external id of `column`, null when empty. */
export function externalIdKeySql(column: string): string {
  return `nullif(translate(btrim(regexp_replace(${column}, ${WHITESPACE_PATTERN}, ' ', 'g'), ' '), ${LOWER}, ${UPPER}), '')`;
}

/** Normalised registration number of `column` (a French number becomes its SIREN), null when empty. */
export function registrationKeySql(column: string): string {
  const compact = `regexp_replace(translate(${column}, ${LOWER}, ${UPPER}), '[^A-Z0-9]+', '', 'g')`;
  return `case when ${compact} = '' then null
    when ${compact} ~ '^[0-9]{9}$' then ${compact}
    when ${compact} ~ '^[0-9]{14}$' then left(${compact}, 9)
    when ${compact} ~ '^FR[0-9A-Z]{2}[0-9]{9}$' then substr(${compact}, 5)
    else ${compact} end`;
}
