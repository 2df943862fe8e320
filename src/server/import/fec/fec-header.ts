import { FileRejectedError } from '../import-rows';

/** The FEC columns the reader knows, by the role they play. */
export const FEC_FIELDS = [
  'journalCode',
  'journalLib',
  'entryNumber',
  'entryDate',
  'accountNumber',
  'accountLabel',
  'auxAccount',
  'auxLabel',
  'pieceRef',
  'documentDate',
  'label',
  'debit',
  'credit',
  'amount',
  'direction',
  'letteringCode',
  'letteringDate',
  'validationDate',
  'originalAmount',
  'currency',
  'paymentDate',
  'paymentMethod',
  'operationNature',
  'clientId',
  'dueDate',
] as const;
export type FecField = (typeof FEC_FIELDS)[number];

/** Normalized header name (see {@link normalizeHeaderName}) → field; aliases share a field. */
const FIELD_BY_NAME: Record<string, FecField> = {
  journalcode: 'journalCode',
  journallib: 'journalLib',
  ecriturenum: 'entryNumber',
  ecrituredate: 'entryDate',
  comptenum: 'accountNumber',
  comptelib: 'accountLabel',
  compauxnum: 'auxAccount',
  compauxlib: 'auxLabel',
  pieceref: 'pieceRef',
  piecedate: 'documentDate',
  ecriturelib: 'label',
  debit: 'debit',
  credit: 'credit',
  montant: 'amount',
  sens: 'direction',
  ecriturelet: 'letteringCode',
  datelet: 'letteringDate',
  validdate: 'validationDate',
  montantdevise: 'originalAmount',
  idevise: 'currency',
  daterglt: 'paymentDate',
  moderglt: 'paymentMethod',
  natop: 'operationNature',
  idclient: 'clientId',
  dateecheance: 'dueDate',
  echeance: 'dueDate',
  dateech: 'dueDate',
};

/** The spelling used in messages, for each field. */
const FEC_NAME: Record<FecField, string> = {
  journalCode: 'JournalCode',
  journalLib: 'JournalLib',
  entryNumber: 'EcritureNum',
  entryDate: 'EcritureDate',
  accountNumber: 'CompteNum',
  accountLabel: 'CompteLib',
  auxAccount: 'CompAuxNum',
  auxLabel: 'CompAuxLib',
  pieceRef: 'PieceRef',
  documentDate: 'PieceDate',
  label: 'EcritureLib',
  debit: 'Debit',
  credit: 'Credit',
  amount: 'Montant',
  direction: 'Sens',
  letteringCode: 'EcritureLet',
  letteringDate: 'DateLet',
  validationDate: 'ValidDate',
  originalAmount: 'Montantdevise',
  currency: 'Idevise',
  paymentDate: 'DateRglt',
  paymentMethod: 'ModeRglt',
  operationNature: 'NatOp',
  clientId: 'IdClient',
  dueDate: 'DateEcheance',
};

/** VII-1°: the columns every FEC has, Debit/Credit (or Montant/Sens) apart. */
const REQUIRED: readonly FecField[] = [
  'journalCode',
  'journalLib',
  'entryNumber',
  'entryDate',
  'accountNumber',
  'accountLabel',
  'auxAccount',
  'auxLabel',
  'pieceRef',
  'documentDate',
  'label',
  'letteringCode',
  'letteringDate',
  'validationDate',
  'originalAmount',
  'currency',
];

/** Known columns whose values go to `extra` under their header name (not in the ledger line). */
const KEPT_AS_EXTRA: readonly FecField[] = ['paymentDate', 'operationNature', 'clientId'];

/** VIII-5° and VIII-7°: the cash-basis columns that make the 21- and 22-column layouts. */
const CASH_BASIS: readonly FecField[] = ['paymentDate', 'paymentMethod', 'operationNature', 'clientId'];

/** What the header line says about the file, and where each field is on a line. */
export interface FecHeader {
  separator: '\t' | '|';
  trailingSeparator: boolean;
  columnCount: number;
  amountLayout: 'debit-credit' | 'montant-sens';
  layout: '18' | '21' | '22' | 'other';
  extraColumns: string[];
  /** Header names as written (trimmed), one per column. */
  names: string[];
  /** Column index of each known field that the line uses, -1 when the file has none. */
  index: Record<FecField, number>;
  /** Columns whose values go to `extra`: index and key. */
  extras: { index: number; key: string }[];
}

/**
 * Header names match whatever the letter case, accents (`Crédit`), surrounding spaces and
 * separators inside the name (`Montant Devise`).
 * @example normalizeHeaderName(' Crédit ') // 'credit'
 */
export function normalizeHeaderName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f\ufeff]/g, '')
    .replace(/[\s_-]/g, '')
    .toLowerCase();
}

function countKnown(names: string[]): number {
  return names.reduce((n, name) => n + (FIELD_BY_NAME[normalizeHeaderName(name)] ? 1 : 0), 0);
}

function describeSeparator(separator: string): string {
  if (separator === ' ') return 'spaces';
  return `'${separator}'`;
}

/**
 * Reads the header line (VII-4°): finds the separator (VI-1°c: tab or pipe, nothing else), checks
 * the required columns and places every column.
 */
export function resolveFecHeader(line: string): FecHeader {
  const separator = pickSeparator(line);
  const names = line.split(separator).map((name) => name.trim());
  const trailingSeparator = names.length > 1 && names[names.length - 1] === '';
  if (trailingSeparator) names.pop();

  const index = Object.fromEntries(FEC_FIELDS.map((field) => [field, -1])) as Record<FecField, number>;
  const extras: { index: number; key: string }[] = [];
  const extraColumns: string[] = [];
  names.forEach((name, i) => {
    const field = FIELD_BY_NAME[normalizeHeaderName(name)];
    if (field === undefined) {
      const key = name === '' ? `Column ${i + 1}` : name;
      extras.push({ index: i, key });
      extraColumns.push(key);
      return;
    }
    if (index[field] !== -1) {
      throw new FileRejectedError(
        'unknown_format',
        `The header names the column ${FEC_NAME[field]} twice (columns ${index[field] + 1} and ${i + 1}).`,
      );
    }
    index[field] = i;
    if (KEPT_AS_EXTRA.includes(field)) extras.push({ index: i, key: name });
  });

  const hasDebitCredit = index.debit !== -1 && index.credit !== -1;
  const hasMontantSens = index.amount !== -1 && index.direction !== -1;
  const missing = REQUIRED.filter((field) => index[field] === -1).map((field) => FEC_NAME[field]);
  if (!hasDebitCredit && !hasMontantSens) missing.push('Debit and Credit (or Montant and Sens)');
  if (missing.length > 0) {
    throw new FileRejectedError('missing_columns', `The FEC lacks these columns: ${missing.join(', ')}.`);
  }
  const amountLayout = hasDebitCredit ? 'debit-credit' : 'montant-sens';
  if (amountLayout === 'debit-credit') {
    // Montant/Sens next to Debit/Credit are kept, as data the reader does not use.
    for (const field of ['amount', 'direction'] as const) {
      if (index[field] !== -1) {
        extras.push({ index: index[field], key: names[index[field]]! });
        extraColumns.push(names[index[field]]!);
        index[field] = -1;
      }
    }
  } else {
    index.debit = -1;
    index.credit = -1;
  }
  extras.sort((a, b) => a.index - b.index);
  return {
    separator,
    trailingSeparator,
    columnCount: names.length,
    amountLayout,
    layout: resolveLayout(index),
    extraColumns,
    names,
    index,
    extras,
  };
}

function resolveLayout(index: Record<FecField, number>): FecHeader['layout'] {
  const present = CASH_BASIS.filter((field) => index[field] !== -1);
  if (present.length === 0) return '18';
  if (present.length === 3 && index.clientId === -1) return '21';
  if (present.length === 4) return '22';
  return 'other';
}

function pickSeparator(line: string): '\t' | '|' {
  const tabKnown = countKnown(line.split('\t'));
  const pipeKnown = countKnown(line.split('|'));
  if (Math.max(tabKnown, pipeKnown) >= 2) return tabKnown >= pipeKnown ? '\t' : '|';
  for (const other of [';', ',', ':', ' ']) {
    if (countKnown(line.split(other)) >= 2) {
      throw new FileRejectedError(
        'bad_separator',
        `The columns of this file are separated by ${describeSeparator(other)}: ` +
          'a FEC separates them by a tab or a pipe (|). Export the FEC again from your accounting software.',
      );
    }
  }
  if (countKnown([line]) === 1 || tabKnown + pipeKnown > 0) {
    throw new FileRejectedError(
      'bad_separator',
      'No tab or pipe (|) separates the columns of the header line: a FEC separates them by a tab or a pipe.',
    );
  }
  throw new FileRejectedError(
    'unknown_format',
    'The first line is not a FEC header: it should name the columns JournalCode, JournalLib, EcritureNum, … ' +
      'separated by tabs or pipes (|).',
  );
}
