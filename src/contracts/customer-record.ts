import { z } from 'zod';
import { calendarDateSchema, centsSchema } from './common';

/** Contact fields a user may override (IMP-8). */
export const CONTACT_FIELDS = ['name', 'email', 'phone', 'address', 'language'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Languages a customer may be written to in (ISO 639-1). */
export const CONTACT_LANGUAGES = ['fr', 'en', 'de', 'es', 'it', 'nl', 'pt'] as const;

export const customerIdParamsSchema = z.object({ id: z.uuid() });

const addressLine = z.string().trim().max(200).nullable().optional();

export const postalAddressSchema = z.object({
  line1: addressLine,
  line2: addressLine,
  postalCode: z.string().trim().max(20).nullable().optional(),
  city: addressLine,
  country: z.string().trim().max(100).nullable().optional(),
});
export type PostalAddressDto = z.infer<typeof postalAddressSchema>;

/** One source of contact data: what the sync wrote, or what is in effect. */
export const contactValuesSchema = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: postalAddressSchema.nullable(),
  language: z.string().nullable(),
});
export type ContactValues = z.infer<typeof contactValuesSchema>;

/**
 * `PATCH /api/customers/:id/contact` (IMP-8): each key present sets the user's value, which wins
 * over the synchronized one until restored; `null` drops that override.
 */
export const contactPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(200).nullable(),
    email: z.string().trim().toLowerCase().pipe(z.email()).nullable(),
    phone: z
      .string()
      .trim()
      .min(3)
      .max(40)
      .regex(/^[0-9+().\s/-]+$/, 'digits, spaces and + ( ) . - / only')
      .nullable(),
    address: postalAddressSchema
      .refine((a) => Object.values(a).some((v) => typeof v === 'string' && v !== ''), {
        message: 'fill at least one line of the address',
      })
      .nullable(),
    language: z.enum(CONTACT_LANGUAGES).nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type ContactPatch = z.infer<typeof contactPatchSchema>;

/** `POST /api/customers/:id/contact/restore`: drops the overrides of these fields, or all of them. */
export const contactRestoreSchema = z.object({ fields: z.array(z.enum(CONTACT_FIELDS)).min(1).optional() });
export type ContactRestore = z.infer<typeof contactRestoreSchema>;

export const contactPersonSchema = z.object({
  id: z.uuid(),
  source: z.enum(['sync', 'manual']),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.string().nullable(),
  isPrimary: z.boolean(),
});

/** A customer of the same group in one company of the organization (VIS-8). */
export const groupMemberSchema = z.object({
  customerId: z.uuid(),
  companyId: z.uuid(),
  companyCode: z.string(),
  companyName: z.string(),
  currency: z.string(),
  account: z.string(),
  name: z.string(),
  overdue: centsSchema,
  notDue: centsSchema,
  /** Total outstanding, shown only when the customer owes something (> 0); else null. */
  outstanding: centsSchema.nullable(),
  balance: centsSchema,
  isCurrent: z.boolean(),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const outstandingSchema = z.object({
  balance: centsSchema,
  overdue: centsSchema,
  notDue: centsSchema,
  /** Not due, then one bucket per range of the organization's aging bounds (VIS-2). */
  buckets: z.array(centsSchema),
  openItemCount: z.number().int(),
  /** Oldest due date of an open debit. */
  oldestDueDate: calendarDateSchema.nullable(),
  maxDaysLate: z.number().int().nullable(),
});

export const customerRecordSchema = z.object({
  id: z.uuid(),
  account: z.string(),
  /** The name in effect: the user's override, else the synchronized one. */
  name: z.string(),
  companyId: z.uuid(),
  companyCode: z.string(),
  companyName: z.string(),
  /** The company's ledger currency: every amount of the record is in it (VIS-12). */
  currency: z.string(),
  externalId: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  isConsumer: z.boolean(),
  /** False when the customer is no longer in the company's latest ledger or customers file. */
  isInSource: z.boolean(),
  contact: z.object({
    effective: contactValuesSchema,
    synchronized: contactValuesSchema,
    /** Fields where the user's value wins (IMP-8). */
    overridden: z.array(z.enum(CONTACT_FIELDS)),
  }),
  contacts: z.array(contactPersonSchema),
  terms: z.object({
    /** Canonical text, e.g. `45 days end of month`. */
    text: z.string(),
    source: z.enum(['customer', 'company']),
    /** Beyond the French caps (IMP-4): shown as a warning. */
    exceedsLegalCap: z.boolean(),
  }),
  salesRep: z.string().nullable(),
  collector: z.string().nullable(),
  asOf: calendarDateSchema,
  agingBounds: z.array(z.number().int()),
  outstanding: outstandingSchema,
  /** VIS-11: null days when nothing has been settled by lettering yet. */
  paymentDelay: z.object({
    days: z.number().nullable(),
    from: z.enum(['document', 'due']),
    settledCount: z.number().int(),
  }),
  /** VIS-8: the same group customer in the organization's companies (this one included). */
  group: z.object({
    matchKey: z.enum(['externalId', 'registrationNumber']),
    /** The normalised key; null when the customer has none (then it matches nobody). */
    key: z.string().nullable(),
    members: z.array(groupMemberSchema),
  }),
  /** Whether the caller may change the contact data (users and admins). */
  canEdit: z.boolean(),
});
export type CustomerRecord = z.infer<typeof customerRecordSchema>;

/** Account situation filters (VIS-6): which entries, in which currency. */
export const ENTRY_STATUSES = ['all', 'open', 'lettered'] as const;
export const ENTRY_CURRENCY_MODES = ['ledger', 'original'] as const;

export const accountSituationFilterSchema = z.object({
  /** `open`: entries with something still open; `lettered`: entries carrying a lettering code. */
  status: z.enum(ENTRY_STATUSES).default('all'),
  /** `original`: amounts in each entry's original currency where it has one (VIS-12). */
  currency: z.enum(ENTRY_CURRENCY_MODES).default('ledger'),
});

export const accountSituationQuerySchema = accountSituationFilterSchema.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(100),
});
export type AccountSituationQuery = z.infer<typeof accountSituationQuerySchema>;

export const accountSituationExportQuerySchema = accountSituationFilterSchema.extend({
  format: z.enum(['csv', 'xlsx']),
});
export type AccountSituationExportQuery = z.infer<typeof accountSituationExportQuerySchema>;

/** VIS-1 colours: blue = debit not yet due, orange = debit overdue, green = settled debit and every credit. */
export const ENTRY_TONES = ['notDue', 'overdue', 'settled', 'credit'] as const;
export type EntryTone = (typeof ENTRY_TONES)[number];

export const accountEntrySchema = z.object({
  entryKey: z.string(),
  journal: z.string(),
  entryNumber: z.string(),
  pieceRef: z.string(),
  documentDate: calendarDateSchema,
  entryDate: calendarDateSchema,
  /** The open item's due date when open; else the source due date, or computed by the terms. */
  dueDate: calendarDateSchema,
  label: z.string(),
  /** In `currency` (the ledger's, or the original one in the original-currency view). */
  debit: centsSchema,
  credit: centsSchema,
  /** > 0 open debit, < 0 open credit, 0 settled. */
  openAmount: centsSchema,
  currency: z.string(),
  /** VIS-1, for open items only: debit `today − due − 1`, credit `today − due` (negative = not due yet). */
  daysLate: z.number().int().nullable(),
  tone: z.enum(ENTRY_TONES),
  isPartial: z.boolean(),
  letteringCode: z.string(),
  letteringDate: calendarDateSchema.nullable(),
  paymentMethod: z.string().nullable(),
  /** The amount in the currency of the document, when the ledger says so (VIS-12). */
  originalAmount: centsSchema.nullable(),
  originalCurrency: z.string().nullable(),
  /** The account situation's link to the piece's invoice PDF when one was uploaded (issue 5 point 4), else null. */
  documentUrl: z.string().nullable().optional(),
});
export type AccountEntry = z.infer<typeof accountEntrySchema>;

/** VIS-7 totals: left out (null) when the entries shown hold several currencies. */
export const accountSituationTotalsSchema = z
  .object({
    currency: z.string(),
    debit: centsSchema,
    credit: centsSchema,
    /** debit − credit of the entries shown. */
    balance: centsSchema,
    /** Sum of their open amounts. */
    open: centsSchema,
  })
  .nullable();

export const accountSituationSchema = z.object({
  asOf: calendarDateSchema,
  items: z.array(accountEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  totals: accountSituationTotalsSchema,
  /** Currencies among the entries shown (one in the ledger view). */
  currencies: z.array(z.string()),
});
export type AccountSituation = z.infer<typeof accountSituationSchema>;

/** `GET /api/consolidated` (VIS-8). */
export const consolidatedQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ConsolidatedQuery = z.infer<typeof consolidatedQuerySchema>;

const amountsSchema = z.object({
  currency: z.string(),
  balance: centsSchema,
  overdue: centsSchema,
  notDue: centsSchema,
});

export const consolidatedSchema = z.object({
  asOf: calendarDateSchema,
  isPortfolio: z.boolean(),
  matchKey: z.enum(['externalId', 'registrationNumber']),
  companies: z.array(
    amountsSchema.extend({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      customersWithBalance: z.number().int(),
    }),
  ),
  /** Per currency: companies of different ledger currencies are never added up. */
  totals: z.array(amountsSchema),
  groups: z.object({
    items: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        companyCount: z.number().int(),
        amounts: z.array(amountsSchema),
        members: z.array(groupMemberSchema.omit({ isCurrent: true })),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
});
export type Consolidated = z.infer<typeof consolidatedSchema>;
