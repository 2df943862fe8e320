import {
  boolean,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytes, createdAt, money, orgId } from './columns';
import type { PostalAddress } from './ledger';
import { organizations } from './organizations';

export const companies = pgTable(
  'companies',
  {
    orgId: orgId().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    currency: text('currency').notNull().default('EUR'),
    /** Default payment terms, canonical text (`30 days net`), IMP-4. */
    defaultTerms: text('default_terms').notNull().default('30 days net'),
    /** CompteNum prefixes of the customer ledger (IMP-3). */
    receivablePrefixes: text('receivable_prefixes').array().notNull().default(['411', '416']),
    /** Sync freshness window for automatic reminders (DUN-12), in hours. */
    freshnessHours: integer('freshness_hours').notNull().default(24),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('companies_code_key').on(t.orgId, t.code)],
);

/** Payment methods met in the source, flagged manual or automatic by an admin (IMP-10). */
export const paymentMethods = pgTable(
  'payment_methods',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    isAutomatic: boolean('is_automatic').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.companyId, t.code] }),
    foreignKey({ columns: [t.orgId, t.companyId], foreignColumns: [companies.orgId, companies.id] }).onDelete(
      'cascade',
    ),
  ],
);

export const IMPORT_KINDS = ['customers', 'entries', 'contacts'] as const;

/** Column mapping saved per company and kind of spreadsheet (IMP-1 b). */
export const columnMappings = pgTable(
  'column_mappings',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    mapping: jsonb('mapping').$type<Record<string, unknown>>().notNull(),
    updatedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.companyId, t.kind] }),
    foreignKey({ columns: [t.orgId, t.companyId], foreignColumns: [companies.orgId, companies.id] }).onDelete(
      'cascade',
    ),
  ],
);

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

/**
 * The company's letterhead (TPL-4): what its letters and statements show at the top and the
 * bottom of each page. One row per company, written by an admin; none until the first save.
 */
export const companyLetterheads = pgTable(
  'company_letterheads',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    /** The postal address printed under the logo. */
    address: jsonb('address').$type<PostalAddress>().notNull().default({}),
    phone: text('phone'),
    email: text('email'),
    /** The town of "Fait à …". */
    place: text('place'),
    signatoryName: text('signatory_name'),
    signatoryTitle: text('signatory_title'),
    /** The legal footer: form (SAS), share capital in minor units, SIREN, RCS town, VAT number. */
    legalForm: text('legal_form'),
    shareCapital: money('share_capital'),
    siren: text('siren'),
    rcsCity: text('rcs_city'),
    vatNumber: text('vat_number'),
    logo: bytes('logo'),
    logoType: text('logo_type', { enum: LOGO_TYPES }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.companyId] }),
    foreignKey({ columns: [t.orgId, t.companyId], foreignColumns: [companies.orgId, companies.id] }).onDelete(
      'cascade',
    ),
  ],
);
