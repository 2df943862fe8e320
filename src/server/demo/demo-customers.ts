import type { Cents } from '../../domain/money';
import {
  COLLECTORS,
  CONTACT_FUNCTIONS,
  EMAIL_BOXES,
  FIRST_NAMES,
  FOREIGN_COUNTRIES,
  type ForeignCountry,
  FRENCH_CITIES,
  GROUP_ADJECTIVES,
  GROUP_DOMAINS,
  GROUP_WORDS,
  LAST_NAMES,
  LEGAL_FORMS,
  PUBLIC_BODIES,
  PUBLIC_SCHOOLS,
  SALES_REPS,
  STREETS,
  TRADES,
} from './french-names';
import { mixSeed, SeededRandom } from './seeded-random';

export const CUSTOMER_PROFILES = [
  'key-account',
  'sme',
  'slow-payer',
  'bad-payer',
  'public-sector',
  'export',
] as const;
export type CustomerProfile = (typeof CUSTOMER_PROFILES)[number];

export const PAYMENT_METHODS = ['virement', 'cheque', 'prelevement', 'lcr'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A generated customer: its identity (customers CSV) and its behaviour (ledger). */
export interface DemoCustomer {
  index: number;
  code: string;
  name: string;
  profile: CustomerProfile;
  siren: string;
  salesRep: string;
  collector: string;
  /** As written in the customers CSV; '' means the company default (30 days net). */
  terms: string;
  email: string;
  phone: string;
  address: string;
  postalCode: string;
  city: string;
  country: string;
  language: string;
  currency: 'EUR' | 'USD';
  paymentMethod: PaymentMethod;
  /** Invoices per month, before the bench scaling. */
  monthlyInvoices: number;
  /** Typical amount excluding tax of one invoice, in cents of `currency`. */
  typicalAmount: Cents;
  /** Shares of the period [0, 1] between which the customer is invoiced (new and lost customers). */
  activeFrom: number;
  activeTo: number;
  /** Key accounts pay in monthly runs on this day of the month (0: no runs), `lagDays` after due. */
  paymentRunDay: number;
  lagDays: number;
  /** Suffix of its revenue account 706x00. */
  revenueLine: number;
}

export interface DemoContact {
  customerCode: string;
  name: string;
  email: string;
  phone: string;
  role: string;
  isMain: boolean;
}

const PROFILE_WEIGHTS: readonly (readonly [CustomerProfile, number])[] = [
  ['key-account', 8],
  ['sme', 45],
  ['slow-payer', 17],
  ['bad-payer', 8],
  ['public-sector', 10],
  ['export', 12],
];

interface ProfileTraits {
  terms: readonly (readonly [string, number])[];
  methods: readonly (readonly [PaymentMethod, number])[];
  /** Invoices per month, min and max. */
  rate: readonly [number, number];
  /** Typical invoice excluding tax, in euros, min and max. */
  amount: readonly [number, number];
}

const TRANSFER: ProfileTraits['methods'] = [['virement', 1]];

const TRAITS: Record<CustomerProfile, ProfileTraits> = {
  'key-account': {
    terms: [
      ['60 jours net', 4],
      ['45 jours fin de mois', 4],
      ['fin de mois + 10 jours', 2],
    ],
    methods: TRANSFER,
    rate: [1.3, 3.2],
    amount: [3_000, 40_000],
  },
  sme: {
    terms: [
      ['30 jours net', 45],
      ['', 25],
      ['45 jours fin de mois', 15],
      ['fin de mois + 10 jours', 15],
    ],
    methods: [
      ['virement', 55],
      ['cheque', 20],
      ['prelevement', 20],
      ['lcr', 5],
    ],
    rate: [0.24, 0.68],
    amount: [300, 5_000],
  },
  'slow-payer': {
    terms: [
      ['30 jours net', 40],
      ['45 jours fin de mois', 30],
      ['', 20],
      ['60 jours net', 10],
    ],
    methods: [
      ['virement', 60],
      ['cheque', 35],
      ['lcr', 5],
    ],
    rate: [0.24, 0.64],
    amount: [400, 7_000],
  },
  'bad-payer': {
    terms: [
      ['30 jours net', 60],
      ['', 40],
    ],
    methods: [
      ['virement', 50],
      ['cheque', 50],
    ],
    rate: [0.18, 0.5],
    amount: [200, 3_000],
  },
  'public-sector': {
    terms: [
      ['30 jours net', 70],
      ['', 30],
    ],
    methods: TRANSFER,
    rate: [0.24, 0.8],
    amount: [800, 20_000],
  },
  export: {
    terms: [
      ['30 jours net', 40],
      ['60 jours net', 40],
      ['', 20],
    ],
    methods: TRANSFER,
    rate: [0.24, 0.64],
    amount: [1_500, 30_000],
  },
};

/** The `customers` customers of a seed, one at a time; customer i is the same whatever the count. */
export function* generateCustomers(seed: number, customers: number, prefix = 'C'): Generator<DemoCustomer> {
  for (let index = 0; index < customers; index++) yield buildCustomer(seed, index, prefix);
}

/** Customer number `index` (0-based) of a seed, drawn from its own random stream. */
export function buildCustomer(seed: number, index: number, prefix = 'C'): DemoCustomer {
  const rng = new SeededRandom(mixSeed(mixSeed(seed, 0xc0ffee), index));
  const profile = rng.weighted(PROFILE_WEIGHTS);
  const traits = TRAITS[profile];
  const foreign = profile === 'export' ? rng.pick(FOREIGN_COUNTRIES) : null;
  const [city, postalCode, area] = foreign ? [...rng.pick(foreign.cities), ''] : rng.pick(FRENCH_CITIES);
  const name = foreign ? foreignName(rng, foreign) : frenchName(rng, profile, city);
  const hasEmail = rng.chance(0.85);
  const box = foreign ? (foreign.language === 'de' ? 'buchhaltung' : 'accounts') : rng.pick(EMAIL_BOXES);
  const lifecycle = rng.next();
  return {
    index,
    code: `${prefix}${String(index + 1).padStart(5, '0')}`,
    name,
    profile,
    siren: foreign ? '' : makeSiren(rng, profile === 'public-sector' ? '2' : String(rng.int(3, 9))),
    salesRep: rng.pick(SALES_REPS),
    collector: rng.pick(COLLECTORS),
    terms: rng.weighted(traits.terms),
    email: hasEmail ? `${box}@${emailDomain(name, foreign)}` : '',
    phone: foreign ? `${foreign.phonePrefix}${digits(rng, 9)}` : frenchPhone(rng, area),
    address: `${rng.int(1, 180)} ${rng.pick(foreign ? foreign.streets : STREETS)}`,
    postalCode,
    city,
    country: foreign ? foreign.country : 'FR',
    language: foreign ? foreign.language : 'fr',
    currency: foreign ? foreign.currency : 'EUR',
    paymentMethod: rng.weighted(traits.methods),
    monthlyInvoices: traits.rate[0] + rng.next() * (traits.rate[1] - traits.rate[0]),
    typicalAmount: rng.logUniformInt(traits.amount[0] * 100, traits.amount[1] * 100),
    activeFrom: lifecycle < 0.08 ? 0.1 + rng.next() * 0.7 : 0,
    activeTo: lifecycle > 0.93 ? 0.3 + rng.next() * 0.6 : 1,
    paymentRunDay: profile === 'key-account' ? rng.pick([5, 10, 15, 25]) : 0,
    lagDays: profile === 'key-account' ? rng.int(-3, 12) : 0,
    revenueLine: rng.int(1, 3),
  };
}

/** The contacts of the customers of a seed; some customers have none, some several. */
export function* generateContacts(seed: number, customers: number, prefix = 'C'): Generator<DemoContact> {
  for (const customer of generateCustomers(seed, customers, prefix)) {
    const rng = new SeededRandom(mixSeed(mixSeed(seed, 0xc0c7ac7), customer.index));
    const count = rng.weighted([
      [0, 10],
      [1, 55],
      [2, 25],
      [3, 10],
    ] as const);
    const foreign = FOREIGN_COUNTRIES.find((c) => c.country === customer.country) ?? null;
    const domain = customer.email.slice(customer.email.indexOf('@') + 1);
    for (let i = 0; i < count; i++) {
      const first = rng.pick(foreign ? foreign.firstNames : FIRST_NAMES);
      const last = rng.pick(foreign ? foreign.names : LAST_NAMES);
      yield {
        customerCode: customer.code,
        name: `${first} ${last}`,
        email: customer.email === '' ? '' : `${slug(first)}.${slug(last)}@${domain}`,
        phone: foreign
          ? `${foreign.phonePrefix}${digits(rng, 9)}`
          : frenchPhone(rng, rng.chance(0.3) ? rng.pick(['06', '07']) : customer.phone.slice(0, 2)),
        role: rng.pick(foreign ? foreign.functions : CONTACT_FUNCTIONS),
        isMain: i === 0,
      };
    }
  }
}

function frenchName(rng: SeededRandom, profile: CustomerProfile, city: string): string {
  const last = rng.pick(LAST_NAMES);
  if (profile === 'public-sector') {
    if (rng.chance(0.2)) return `${rng.pick(PUBLIC_SCHOOLS)} - ${city}`;
    return `${rng.pick(PUBLIC_BODIES)} ${of(city)}`;
  }
  if (profile === 'key-account') {
    const style = rng.int(0, 2);
    if (style === 0) return `Groupe ${last} SA`;
    if (style === 1) return `${last} Industrie SA`;
    return `${rng.pick(GROUP_WORDS)} ${rng.pick(GROUP_ADJECTIVES)} ${of(rng.pick(GROUP_DOMAINS))} SA`;
  }
  const trade = rng.pick(TRADES);
  const form = rng.pick(LEGAL_FORMS);
  switch (rng.int(0, 5)) {
    case 0:
      return `${trade} ${last} ${form}`;
    case 1:
      return `${trade} ${last} et Fils`;
    case 2:
      return `Établissements ${last}`;
    case 3:
      return `${trade} ${of(city)} ${form}`;
    case 4:
      return `${last} & ${rng.pick(LAST_NAMES)} ${form}`;
    default:
      return `${last} ${trade} ${form}`;
  }
}

/** "de Lyon", "d’Angers". */
function of(place: string): string {
  return /^[AEIOUYÉÈÂÎ]/.test(place) ? `d’${place}` : `de ${place}`;
}

function foreignName(rng: SeededRandom, country: ForeignCountry): string {
  return `${rng.pick(country.names)} ${rng.pick(country.trades)} ${rng.pick(country.suffixes)}`;
}

/** A 9-digit SIREN whose last digit is the Luhn key, starting with `first`. */
function makeSiren(rng: SeededRandom, first: string): string {
  const body = `${first}${digits(rng, 7)}`;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    // From the right of the full 9-digit number, the digits at odd positions of `body` are doubled.
    const d = Number(body[i]) * (i % 2 === 1 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

function digits(rng: SeededRandom, count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += String(rng.int(0, 9));
  return text;
}

/** A French number `0A BB CC DD EE`; `area` gives the first two digits (01-05 by region, 06-07 mobile). */
function frenchPhone(rng: SeededRandom, area: string): string {
  const rest = digits(rng, 8);
  return `${area} ${rest.slice(0, 2)} ${rest.slice(2, 4)} ${rest.slice(4, 6)} ${rest.slice(6, 8)}`;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function emailDomain(name: string, foreign: ForeignCountry | null): string {
  const base = slug(
    name.replace(/ (SARL|SAS|SASU|EURL|SA|SNC|SCOP|Inc\.|LLC|Corp\.|GmbH.*|AG|Ltd|plc|SRL)$/, ''),
  );
  const tld = foreign ? { US: 'com', DE: 'de', GB: 'co.uk', BE: 'be' }[foreign.country] : 'fr';
  return `${base.slice(0, 30).replace(/-$/, '')}.${tld ?? 'com'}`;
}
