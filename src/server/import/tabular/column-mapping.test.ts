import { describe, expect, it } from 'vitest';
import {
  columnMappingSchema,
  type FieldName,
  findMissingRequired,
  guessMapping,
  normalizeHeader,
  synonymIndex,
  TABLE_KINDS,
  type TableKind,
} from './column-mapping';

describe('IMP-1 b header synonyms', () => {
  it.each(TABLE_KINDS)('no synonym names two fields of %s', (kind) => {
    expect(() => synonymIndex(kind)).not.toThrow();
  });

  it.each([
    ['N° client', 'noclient'],
    ['Numéro de client', 'noclient'],
    ["Date d'échéance", 'dateecheance'],
    ['DATE ÉCHÉANCE', 'dateecheance'],
    ['E-mail', 'email'],
    ['Nº facture', 'nofacture'],
  ])('normalizes %j to %j', (header, expected) => {
    expect(normalizeHeader(header)).toBe(expected);
  });
});

describe('IMP-1 b guessMapping', () => {
  const cases: [TableKind, string, FieldName][] = [
    ['customers', 'Compte', 'account'],
    ['customers', 'Code client', 'account'],
    ['customers', 'N° client', 'account'],
    ['customers', 'Customer code', 'account'],
    ['customers', 'Customer ID', 'account'],
    ['customers', 'CompAuxNum', 'account'],
    ['customers', 'Tiers', 'account'],
    ['customers', 'Raison sociale', 'name'],
    ['customers', 'Client', 'name'],
    ['customers', 'CompAuxLib', 'name'],
    ['customers', 'SIRET', 'registrationNumber'],
    ['customers', 'N° TVA', 'registrationNumber'],
    ['customers', 'TVA intracom', 'registrationNumber'],
    ['customers', 'Délai de paiement', 'terms'],
    ['customers', 'Représentant', 'salesRep'],
    ['customers', 'Chargé de recouvrement', 'collector'],
    ['customers', 'CP', 'postalCode'],
    ['customers', 'Courriel', 'email'],
    ['customers', 'Tél.', 'phone'],
    ['customers', 'Adresse 1', 'addressLine1'],
    ['customers', 'Address line 2', 'addressLine2'],
    ['customers', 'Langue', 'language'],
    ['entries', 'Pièce', 'pieceRef'],
    ['entries', 'Numéro de facture', 'pieceRef'],
    ['entries', 'Invoice number', 'pieceRef'],
    ['entries', 'Date pièce', 'documentDate'],
    ['entries', 'PieceDate', 'documentDate'],
    ['entries', "Date d'échéance", 'dueDate'],
    ['entries', 'DateEcheance', 'dueDate'],
    ['entries', 'Débit', 'debit'],
    ['entries', 'Crédit', 'credit'],
    ['entries', 'Montant TTC', 'amount'],
    ['entries', 'Montant TTC (EUR)', 'amount'],
    ['entries', 'Débit EUR', 'debit'],
    ['entries', 'EcritureLet', 'letteringCode'],
    ['entries', 'Matching date', 'letteringDate'],
    ['entries', 'Devise', 'currency'],
    ['entries', 'Montant devise', 'originalAmount'],
    ['entries', 'Mode de règlement', 'paymentMethod'],
    ['entries', 'Client', 'customerName'],
    ['contacts', 'Client', 'account'],
    ['contacts', 'Nom', 'name'],
    ['contacts', 'Fonction', 'role'],
    ['contacts', 'Contact principal', 'isPrimary'],
  ];
  it.each(cases)('%s: %j → %s', (kind, header, field) => {
    expect(guessMapping(kind, [header]).mapping.columns[field]).toBe(header);
  });

  it('maps a French entries header and keeps the rest unmapped', () => {
    const headers = [
      'Code client',
      'Raison sociale',
      'N° facture',
      'Date',
      'Échéance',
      'Débit',
      'Crédit',
      'Région',
    ];
    const { mapping, unmapped, missingRequired } = guessMapping('entries', headers);
    expect(mapping).toEqual({
      kind: 'entries',
      amountMode: 'debit-credit',
      columns: {
        account: 'Code client',
        customerName: 'Raison sociale',
        pieceRef: 'N° facture',
        documentDate: 'Date',
        dueDate: 'Échéance',
        debit: 'Débit',
        credit: 'Crédit',
      },
    });
    expect(unmapped).toEqual(['Région']);
    expect(missingRequired).toEqual([]);
  });

  it('never maps one header to two fields, nor two headers to one field', () => {
    const headers = ['Compte', 'Code client', 'Date', 'Date facture', 'Montant'];
    const { mapping, unmapped } = guessMapping('entries', headers);
    expect(mapping.columns.account).toBe('Compte');
    expect(mapping.columns.documentDate).toBe('Date');
    expect(unmapped).toEqual(['Code client', 'Date facture']);
    const mapped = Object.values(mapping.columns);
    expect(new Set(mapped).size).toBe(mapped.length);
  });

  it('prefers a better synonym over an earlier header', () => {
    const { mapping } = guessMapping('customers', ['Tiers', 'Compte']);
    expect(mapping.columns.account).toBe('Compte');
  });

  it('names the required fields it cannot find', () => {
    expect(guessMapping('entries', ['Compte', 'Date', 'Débit', 'Crédit']).missingRequired).toEqual([
      'pieceRef',
    ]);
    expect(guessMapping('entries', ['Compte', 'Pièce', 'Date']).missingRequired).toEqual(['amount']);
    expect(guessMapping('entries', ['Compte', 'Pièce', 'Date', 'Débit']).missingRequired).toEqual(['credit']);
    expect(guessMapping('entries', ['Compte', 'Pièce', 'Date', 'Amount']).mapping.amountMode).toBe('signed');
    expect(guessMapping('customers', ['Ville']).missingRequired).toEqual(['account', 'name']);
  });
});

describe('IMP-1 b columnMappingSchema', () => {
  it('accepts a saved mapping', () => {
    const mapping = {
      kind: 'entries',
      columns: { account: 'Cpt', pieceRef: 'Doc', documentDate: 'Dt', amount: 'Amt' },
      dateFormat: 'MM/DD/YYYY',
      decimalSeparator: '.',
      delimiter: '\t',
      encoding: 'auto',
    };
    expect(columnMappingSchema.parse(mapping)).toEqual(mapping);
    expect(findMissingRequired(columnMappingSchema.parse(mapping))).toEqual([]);
  });

  it('refuses a field of another kind, an unknown option or a blank header', () => {
    expect(columnMappingSchema.safeParse({ kind: 'contacts', columns: { debit: 'Débit' } }).success).toBe(
      false,
    );
    expect(
      columnMappingSchema.safeParse({ kind: 'contacts', columns: {}, dateFormat: 'DD.MM.YY' }).success,
    ).toBe(false);
    expect(columnMappingSchema.safeParse({ kind: 'contacts', columns: { account: ' ' } }).success).toBe(
      false,
    );
  });

  it('an explicit amount mode needs its columns', () => {
    const mapping = columnMappingSchema.parse({
      kind: 'entries',
      columns: { account: 'A', pieceRef: 'P', documentDate: 'D', debit: 'Dt', credit: 'Ct' },
      amountMode: 'signed',
    });
    expect(findMissingRequired(mapping)).toEqual(['amount']);
  });
});
