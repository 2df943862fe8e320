import { z } from 'zod';
import { HEADER_SYNONYMS } from './header-synonyms';
import { DATE_FORMATS, DECIMAL_SEPARATORS } from './value-formats';

/** The three datasets a spreadsheet can carry (IMP-1 b). */
export const TABLE_KINDS = ['customers', 'entries', 'contacts'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

export const CUSTOMER_FIELDS = [
  'account',
  'name',
  'externalId',
  'registrationNumber',
  'salesRep',
  'collector',
  'terms',
  'email',
  'phone',
  'addressLine1',
  'addressLine2',
  'postalCode',
  'city',
  'country',
  'language',
] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

export const ENTRY_FIELDS = [
  'account',
  'customerName',
  'pieceRef',
  'documentDate',
  'dueDate',
  'debit',
  'credit',
  'amount',
  'letteringCode',
  'letteringDate',
  'currency',
  'originalAmount',
  'paymentMethod',
  'label',
  'journalCode',
  'entryDate',
] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

export const CONTACT_FIELDS = ['account', 'name', 'email', 'phone', 'role', 'isPrimary'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export type FieldName = CustomerField | EntryField | ContactField;

export const FIELDS_BY_KIND: Record<TableKind, readonly FieldName[]> = {
  customers: CUSTOMER_FIELDS,
  entries: ENTRY_FIELDS,
  contacts: CONTACT_FIELDS,
};

/** Fields without which a row means nothing; entries also need debit+credit or a signed amount. */
export const REQUIRED_FIELDS: Record<TableKind, readonly FieldName[]> = {
  customers: ['account', 'name'],
  entries: ['account', 'pieceRef', 'documentDate'],
  contacts: ['account'],
};

/** Words for messages a user reads: "the piece reference is empty". */
export const FIELD_LABELS: Record<FieldName, string> = {
  account: 'customer account',
  name: 'name',
  externalId: 'external id',
  registrationNumber: 'registration number',
  salesRep: 'sales representative',
  collector: 'collector',
  terms: 'payment terms',
  email: 'email',
  phone: 'phone',
  addressLine1: 'address line 1',
  addressLine2: 'address line 2',
  postalCode: 'postal code',
  city: 'city',
  country: 'country',
  language: 'language',
  customerName: 'customer name',
  pieceRef: 'piece reference',
  documentDate: 'document date',
  dueDate: 'due date',
  debit: 'debit',
  credit: 'credit',
  amount: 'amount',
  letteringCode: 'lettering code',
  letteringDate: 'lettering date',
  currency: 'currency',
  originalAmount: 'amount in original currency',
  paymentMethod: 'payment method',
  label: 'label',
  journalCode: 'journal code',
  entryDate: 'entry date',
  role: 'role',
  isPrimary: 'primary contact',
};

export const AMOUNT_MODES = ['debit-credit', 'signed'] as const;
export type AmountMode = (typeof AMOUNT_MODES)[number];
export const DELIMITERS = [',', ';', '\t', '|', 'auto'] as const;
export type DelimiterOption = (typeof DELIMITERS)[number];
export const ENCODINGS = ['utf-8', 'iso-8859-15', 'auto'] as const;
export type EncodingOption = (typeof ENCODINGS)[number];

const ALL_FIELDS = [...CUSTOMER_FIELDS, ...ENTRY_FIELDS, ...CONTACT_FIELDS] as const;

/**
 * A saved column mapping (IMP-1 b): for each target field, the source header as written in the
 * file. Options left out, or `auto`, are detected from the file.
 */
export const columnMappingSchema = z
  .object({
    kind: z.enum(TABLE_KINDS),
    columns: z.partialRecord(z.enum(ALL_FIELDS), z.string().trim().min(1)),
    dateFormat: z.enum(DATE_FORMATS).optional(),
    decimalSeparator: z.enum(DECIMAL_SEPARATORS).optional(),
    amountMode: z.enum(AMOUNT_MODES).optional(),
    delimiter: z.enum(DELIMITERS).optional(),
    encoding: z.enum(ENCODINGS).optional(),
  })
  .superRefine((mapping, ctx) => {
    const allowed = FIELDS_BY_KIND[mapping.kind];
    for (const field of Object.keys(mapping.columns) as FieldName[]) {
      if (!allowed.includes(field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', field],
          message: `${field} is not a field of ${mapping.kind}`,
        });
      }
    }
  });
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/**
 * The amount columns of an entries mapping: the explicit mode, else debit+credit when both are
 * mapped, else a signed amount when it is mapped; `null` when neither is usable.
 */
export function resolveAmountMode(mapping: ColumnMapping): AmountMode | null {
  const { debit, credit, amount } = mapping.columns;
  const hasDebitCredit = debit !== undefined && credit !== undefined;
  if (mapping.amountMode === 'debit-credit') return hasDebitCredit ? 'debit-credit' : null;
  if (mapping.amountMode === 'signed') return amount !== undefined ? 'signed' : null;
  if (hasDebitCredit) return 'debit-credit';
  return amount !== undefined ? 'signed' : null;
}

/**
 * Required fields a mapping leaves unmapped. For entries without usable amount columns, the
 * missing ones are named: `debit`/`credit` when one of them is there, else `amount`.
 * @example findMissingRequired({ kind: 'customers', columns: { account: 'Compte' } }) // ['name']
 */
export function findMissingRequired(mapping: ColumnMapping): FieldName[] {
  const missing = REQUIRED_FIELDS[mapping.kind].filter((field) => mapping.columns[field] === undefined);
  if (mapping.kind === 'entries' && resolveAmountMode(mapping) === null) {
    const { debit, credit } = mapping.columns;
    if (mapping.amountMode === 'signed' || (debit === undefined && credit === undefined))
      missing.push('amount');
    else {
      if (debit === undefined) missing.push('debit');
      if (credit === undefined) missing.push('credit');
    }
  }
  return missing;
}

const LITTLE_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'd', 'l', 'en', 'of', 'the']);
const NUMBER_WORDS = new Set(['n', 'no', 'nr', 'num', 'numero', 'number', 'nb', 'nbr']);
/** Unit words that may follow a header without changing its meaning: `Débit (EUR)`, `Montant TTC €`. */
const UNIT_WORDS = new Set(['eur', 'euro', 'euros', 'ht', 'ttc']);

function headerWords(header: string): string[] {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !LITTLE_WORDS.has(word))
    .map((word) => (NUMBER_WORDS.has(word) ? 'no' : word));
}

/**
 * The comparable form of a header: `N° de client` and `numero client` are both `noclient`.
 * @example normalizeHeader("Date d'échéance") // 'dateecheance'
 */
export function normalizeHeader(header: string): string {
  return headerWords(header).join('');
}

/** A looser form, for a second pass: without bracketed parts and trailing unit words. */
function looseHeader(header: string): string {
  const words = headerWords(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  while (words.length > 1 && UNIT_WORDS.has(words[words.length - 1]!)) words.pop();
  return words.join('');
}

const synonymIndexCache = new Map<TableKind, Map<string, { field: FieldName; rank: number }>>();

/** Normalized synonym → its field and its rank in the field's list (earlier = preferred). */
export function synonymIndex(kind: TableKind): Map<string, { field: FieldName; rank: number }> {
  const cached = synonymIndexCache.get(kind);
  if (cached) return cached;
  const index = new Map<string, { field: FieldName; rank: number }>();
  for (const field of FIELDS_BY_KIND[kind]) {
    const names = [field, ...(HEADER_SYNONYMS[kind][field] ?? [])];
    names.forEach((name, rank) => {
      const key = normalizeHeader(name);
      const known = index.get(key);
      if (known && known.field !== field) {
        throw new Error(`header synonym '${name}' names both ${known.field} and ${field} (${kind})`);
      }
      if (!known) index.set(key, { field, rank });
    });
  }
  synonymIndexCache.set(kind, index);
  return index;
}

/**
 * Proposes a mapping from the headers of a file (IMP-1 b): each header maps to at most one field
 * and each field to at most one header (the best-ranked synonym, then the leftmost header).
 * @example guessMapping('customers', ['Code client', 'Raison sociale', 'Notes'])
 * // { mapping: { kind: 'customers', columns: { account: 'Code client', name: 'Raison sociale' } },
 * //   unmapped: ['Notes'], missingRequired: [] }
 */
export function guessMapping(
  kind: TableKind,
  headers: string[],
): { mapping: ColumnMapping; unmapped: string[]; missingRequired: FieldName[] } {
  const index = synonymIndex(kind);
  const columns: Partial<Record<FieldName, string>> = {};
  const used = new Set<number>();
  for (const normalize of [normalizeHeader, looseHeader]) {
    const candidates: { field: FieldName; rank: number; position: number }[] = [];
    headers.forEach((header, position) => {
      if (used.has(position)) return;
      const hit = index.get(normalize(header));
      if (hit && columns[hit.field] === undefined) candidates.push({ ...hit, position });
    });
    candidates.sort((a, b) => a.rank - b.rank || a.position - b.position);
    for (const { field, position } of candidates) {
      if (columns[field] !== undefined || used.has(position)) continue;
      columns[field] = headers[position]!;
      used.add(position);
    }
  }
  const mapping: ColumnMapping = { kind, columns };
  if (kind === 'entries') {
    const amountMode = resolveAmountMode(mapping);
    if (amountMode) mapping.amountMode = amountMode;
  }
  return {
    mapping,
    unmapped: headers.filter((_, position) => !used.has(position)),
    missingRequired: findMissingRequired(mapping),
  };
}
