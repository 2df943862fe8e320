import type { Cents } from '../../domain/money';
import { DEFAULT_TERMS, type PaymentTerms, parseTerms } from '../../domain/terms';
import { creditNoteAmounts, draftInvoice } from './invoice-drafts';
import { LedgerCalendar } from './ledger-calendar';
import {
  type Account,
  BANK,
  CAPITAL,
  type CreditNoteEvent,
  FX_GAIN,
  FX_LOSS,
  type Invoice,
  JOURNALS,
  type Journal,
  type LedgerCustomer,
  type LedgerEvent,
  letteringCode,
  METHOD_LABELS,
  OPENING_CHANCE,
  type PaymentEvent,
  RECEIVABLE,
  RETAINED,
  type Settled,
  type SimulationSettings,
  type SimulationStats,
  VAT,
} from './ledger-model';
import { mixSeed, SeededRandom } from './seeded-random';
import { planSettlement, type SettlementPart } from './settlement-plan';
import type { FecLine } from './text-output';

/** One line of an entry; amounts default to 0, the customer is set on 411 lines only. */
interface Posting {
  account: Account;
  customer?: LedgerCustomer;
  debit?: Cents;
  credit?: Cents;
  settled?: Settled | null;
  /** Montantdevise, signed like the line. */
  original?: Cents | null;
  /** Opening entry: each 411 line keeps the reference, date and label of the invoice it carries. */
  piece?: string;
  pieceDay?: number;
  label?: string;
}

/** Common fields of the lines of one entry. */
interface EntryHead {
  journal: Journal;
  day: number;
  piece: string;
  pieceDay: number;
  label: string;
  currency?: string;
}

/**
 * Simulates a company's customer ledger day by day from `startDate` to `endDate` and hands every
 * FEC line to `sink`, in entry order. It yields after each entry so that the caller can wait for
 * the disk. Memory holds the customers and the events still to come, never the lines written.
 */
export function* simulateLedger(
  settings: SimulationSettings,
  sink: (line: FecLine) => void,
  stats: SimulationStats,
): Generator<void> {
  yield* new LedgerSimulation(settings, sink, stats).run();
}

class LedgerSimulation {
  private readonly rng: SeededRandom;
  private readonly calendar: LedgerCalendar;
  private readonly endDay: number;
  private readonly terms: PaymentTerms[];
  /** Events to come, by day; a day's list is dropped once processed. */
  private readonly buckets: (LedgerEvent[] | undefined)[];
  private readonly letterCounts: Int32Array;
  /** The last payment run of each key account, still open for more invoices. */
  private readonly runs: (PaymentEvent | null)[];
  private readonly seen: Uint8Array;
  /**
   * One stream per customer draws only its invoice dates, so that the dates stretch smoothly when
   * the rate factor changes: the volume is then nearly proportional to the factor (see writeFec).
   */
  private readonly invoiceClocks: SeededRandom[];
  private readonly pieceNumbers = new Map<string, number>();
  private entryNumber = 0;
  private pendingLines = 0;

  constructor(
    private readonly settings: SimulationSettings,
    private readonly sink: (line: FecLine) => void,
    private readonly stats: SimulationStats,
  ) {
    const { seed, customers } = settings;
    this.rng = new SeededRandom(mixSeed(seed, 0x1ed9e5));
    this.calendar = new LedgerCalendar(settings.startDate, settings.endDate, seed);
    this.endDay = this.calendar.endDay;
    const parsed = new Map<string, PaymentTerms>();
    const fallback = parseTerms(settings.defaultTerms) ?? DEFAULT_TERMS;
    this.terms = customers.map((c) => {
      const known = parsed.get(c.terms);
      if (known !== undefined) return known;
      const terms = parseTerms(c.terms) ?? fallback;
      parsed.set(c.terms, terms);
      return terms;
    });
    this.buckets = new Array(this.endDay + 1);
    this.letterCounts = new Int32Array(customers.length);
    this.runs = customers.map(() => null);
    this.seen = new Uint8Array(customers.length);
    this.invoiceClocks = customers.map((c) => new SeededRandom(mixSeed(mixSeed(seed, 0x7157), c.index)));
  }

  *run(): Generator<void> {
    this.openingEntry();
    yield;
    this.settings.customers.forEach((c, i) => {
      const from = Math.floor(c.activeFrom * this.endDay);
      this.schedule(this.calendar.businessDay(from - 1 + this.nextGap(i)), { kind: 'invoice', customer: i });
    });
    for (let d = 0; d <= this.endDay; d++) {
      const bucket = this.buckets[d];
      this.buckets[d] = undefined;
      for (const event of bucket ?? []) {
        if (event.kind === 'invoice') this.invoice(event.customer, d);
        else {
          this.pendingLines -= event.lines;
          if (event.kind === 'payment') this.payment(event, d);
          else this.creditNote(event, d);
        }
        yield;
      }
    }
  }

  /** À-nouveaux: the invoices still open at the start, against the bank, capital and retained earnings. */
  private openingEntry(): void {
    const items: Invoice[] = [];
    for (const c of this.settings.customers) {
      if (c.currency === 'USD' || c.activeFrom > 0 || !this.rng.chance(OPENING_CHANCE[c.profile])) continue;
      for (let n = this.rng.int(1, 2); n > 0; n--) {
        const isOld = c.profile === 'bad-payer' && this.rng.chance(0.3);
        const day = -(isOld ? this.rng.int(150, 400) : this.rng.int(10, 120));
        items.push(draftInvoice(this.rng, this.calendar, c, this.calendar.businessDay(day)));
      }
    }
    if (items.length === 0) return;
    items.sort((a, b) => a.day - b.day);
    const postings: Posting[] = [];
    let total = 0;
    for (const item of items) {
      item.piece = this.nextPiece('FA', item.day);
      const customer = this.customer(item.customer);
      const settled = this.settle(item, false);
      const label = `Facture ${customer.name}`;
      postings.push({
        account: RECEIVABLE,
        customer,
        debit: item.total,
        settled,
        piece: item.piece,
        pieceDay: item.day,
        label,
      });
      total += item.total;
    }
    const bank = 5_000_000 + this.rng.int(0, 20_000_000);
    const capital = Math.min(10_000_000, Math.floor((total + bank) / 2));
    postings.push({ account: BANK, debit: bank });
    postings.push({ account: CAPITAL, credit: capital });
    postings.push({ account: RETAINED, credit: total + bank - capital });
    const label = `Reprise des soldes ${this.settings.companyName}`;
    this.entry({ journal: 'AN', day: 0, piece: 'AN', pieceDay: 0, label }, postings);
    this.stats.openingLines = this.stats.lines;
  }

  private invoice(customer: number, d: number): void {
    const { targetLines } = this.settings;
    if (targetLines !== null && this.stats.lines + this.pendingLines >= targetLines) return;
    const c = this.customer(customer);
    const invoice = draftInvoice(this.rng, this.calendar, c, d);
    invoice.piece = this.nextPiece('FA', d);
    const settled = this.settle(invoice, c.paymentRunDay > 0 && this.rng.chance(0.85));
    const head: EntryHead = {
      journal: 'VE',
      day: d,
      piece: invoice.piece,
      pieceDay: d,
      label: `Facture ${c.name}`,
    };
    if (invoice.usd !== null) head.currency = 'USD';
    this.entry(head, [
      { account: RECEIVABLE, customer: c, debit: invoice.total, settled, original: invoice.usd },
      ...invoice.lines.map((r) => ({ account: r.account, credit: r.amount, original: neg(r.original) })),
      ...(invoice.vat > 0 ? [{ account: VAT, credit: invoice.vat }] : []),
    ]);
    if (this.rng.chance(0.012)) this.unallocatedPayment(invoice);
    const next = this.calendar.businessDay(d + this.nextGap(customer));
    if (next <= Math.floor(c.activeTo * this.endDay)) this.schedule(next, { kind: 'invoice', customer });
  }

  /**
   * Decides how the invoice will be settled, schedules the payments and credit notes that fall in
   * the period, and returns the lettering of the invoice's 411 line. A group complete by the end
   * gets an upper-case code; an incomplete one is either left unlettered until it is complete or
   * lettered partially with a lower-case code, as accountants do both.
   */
  private settle(invoice: Invoice, inRun: boolean): Settled | null {
    const c = this.customer(invoice.customer);
    const dueDay = this.calendar.dueDay(invoice.day, this.terms[invoice.customer] ?? DEFAULT_TERMS);
    if (inRun) return this.joinRun(invoice, dueDay + c.lagDays);
    const parts = planSettlement(this.rng, c, invoice.day, dueDay, invoice.total);
    const first = parts[0];
    if (first?.kind === 'credit-note' && first.percent < 100) {
      first.amount = creditNoteAmounts(invoice, first.percent).total;
      (parts[1] as SettlementPart).amount = invoice.total - first.amount;
    }
    let floor = Math.max(invoice.day + 1, 1);
    for (const part of parts) {
      // Opening invoices: what would have been paid before the start is paid in the first weeks.
      if (part.day < floor) part.day = floor + (invoice.day < 0 ? this.rng.int(0, 45) : 0);
      part.day = this.calendar.businessDay(part.day);
      floor = part.day + 1;
    }
    const inPeriod = parts.filter((p) => p.day <= this.endDay);
    const last = inPeriod[inPeriod.length - 1];
    let settled: Settled | null = null;
    if (last !== undefined && sum(inPeriod.map((p) => p.amount)) === invoice.total) {
      settled = { letter: this.newLetter(c.index), letterDay: last.day };
    } else if (last !== undefined && this.rng.chance(0.5)) {
      settled = { letter: this.newLetter(c.index).toLowerCase(), letterDay: last.day };
    }
    const lettering = { letter: settled?.letter ?? '', letterDay: settled?.letterDay ?? -1 };
    for (const part of inPeriod) this.schedulePart(invoice, part, lettering);
    return settled;
  }

  private schedulePart(invoice: Invoice, part: SettlementPart, lettering: Settled): void {
    if (part.kind === 'credit-note') {
      const revenueLines = part.percent === 100 ? invoice.lines.length : 1;
      const lines = 1 + revenueLines + (invoice.vat > 0 ? 1 : 0);
      this.schedule(part.day, { kind: 'credit-note', invoice, percent: part.percent, ...lettering, lines });
      return;
    }
    const { usd } = invoice;
    const hasExchangeGap = usd !== null && this.calendar.toEuros(usd, part.day) !== part.amount;
    this.schedule(part.day, {
      kind: 'payment',
      customer: invoice.customer,
      receivable: part.amount,
      usd,
      pieces: [invoice.piece],
      note: METHOD_LABELS[this.customer(invoice.customer).paymentMethod],
      ...lettering,
      lines: hasExchangeGap ? 3 : 2,
    });
  }

  /** Key accounts pay every invoice due before their monthly run in one transfer, lettered together. */
  private joinRun(invoice: Invoice, from: number): Settled | null {
    const c = this.customer(invoice.customer);
    const runDay = this.calendar.monthlyDay(from, c.paymentRunDay);
    if (runDay > this.endDay) return null;
    let run = this.runs[c.index];
    // Due dates only move forward, so an invoice joins the latest run or opens the next one.
    if (run === null || run === undefined || run.letterDay !== runDay) {
      const letter = this.newLetter(c.index);
      run = {
        kind: 'payment',
        customer: c.index,
        receivable: 0,
        usd: null,
        pieces: [],
        note: 'Virement',
        letter,
        letterDay: runDay,
        lines: 2,
      };
      this.runs[c.index] = run;
      this.schedule(runDay, run);
    }
    run.receivable += invoice.total;
    run.pieces.push(invoice.piece);
    return { letter: run.letter, letterDay: runDay };
  }

  /** A payment that matches nothing: a deposit or an invoice paid twice, left unlettered. */
  private unallocatedPayment(invoice: Invoice): void {
    if (invoice.usd !== null) return;
    const isDuplicate = this.rng.chance(0.5);
    this.schedule(this.calendar.businessDay(invoice.day + this.rng.int(5, 40)), {
      kind: 'payment',
      customer: invoice.customer,
      receivable: isDuplicate ? invoice.total : Math.max(10_000, Math.round(invoice.total * 0.003) * 100),
      usd: null,
      pieces: isDuplicate ? [invoice.piece, '(doublon)'] : [],
      note: isDuplicate ? 'Virement' : 'Acompte',
      letter: '',
      letterDay: -1,
      lines: 2,
    });
  }

  /** Bank receipt; a USD payment books the exchange difference against the invoice's euro amount. */
  private payment(event: PaymentEvent, d: number): void {
    const c = this.customer(event.customer);
    const refs = event.pieces.length > 2 ? `- ${event.pieces.length} factures` : event.pieces.join(' ');
    const label = `${event.note} ${c.name} ${refs}`.trim();
    const bank = event.usd === null ? event.receivable : this.calendar.toEuros(event.usd, d);
    const gap = event.receivable - bank;
    const head: EntryHead = { journal: 'BQ', day: d, piece: this.nextPiece('RG', d), pieceDay: d, label };
    if (event.usd !== null) head.currency = 'USD';
    const settled = event.letter === '' ? null : event;
    this.entry(head, [
      { account: BANK, debit: bank, original: event.usd },
      { account: RECEIVABLE, customer: c, credit: event.receivable, settled, original: neg(event.usd) },
      ...(gap > 0 ? [{ account: FX_LOSS, debit: gap }] : gap < 0 ? [{ account: FX_GAIN, credit: -gap }] : []),
    ]);
  }

  private creditNote(event: CreditNoteEvent, d: number): void {
    const { invoice } = event;
    const c = this.customer(invoice.customer);
    const label = `Avoir ${c.name} s/ ${invoice.piece}`;
    const amounts = creditNoteAmounts(invoice, event.percent);
    const settled = event.letter === '' ? null : event;
    this.entry({ journal: 'VE', day: d, piece: this.nextPiece('AV', d), pieceDay: d, label }, [
      { account: RECEIVABLE, customer: c, credit: amounts.total, settled },
      ...amounts.lines.map((r) => ({ account: r.account, debit: r.amount })),
      ...(amounts.vat > 0 ? [{ account: VAT, debit: amounts.vat }] : []),
    ]);
  }

  /** Writes one entry under the next entry number. */
  private entry(head: EntryHead, postings: Posting[]): void {
    this.entryNumber++;
    const stats = this.stats;
    const entryDate = this.calendar.compactDate(head.day);
    const pieceDate = this.calendar.compactDate(head.pieceDay);
    for (const p of postings) {
      const debit = p.debit ?? 0;
      const credit = p.credit ?? 0;
      stats.lines++;
      stats.totalDebit += debit;
      stats.totalCredit += credit;
      if (p.customer !== undefined) {
        stats.receivableLines++;
        if (this.seen[p.customer.index] === 0) {
          this.seen[p.customer.index] = 1;
          stats.customers++;
        }
      }
      const settled = p.settled ?? null;
      const line: FecLine = {
        journalCode: head.journal,
        journalLabel: JOURNALS[head.journal],
        entryNumber: this.entryNumber,
        entryDate,
        accountNumber: p.account[0],
        accountLabel: p.account[1],
        auxAccount: p.customer?.code ?? '',
        auxLabel: p.customer?.name ?? '',
        pieceRef: p.piece ?? head.piece,
        pieceDate: p.pieceDay === undefined ? pieceDate : this.calendar.compactDate(p.pieceDay),
        label: p.label ?? head.label,
        debit,
        credit,
        letteringCode: settled?.letter ?? '',
        letteringDate: settled === null ? '' : this.calendar.compactDate(settled.letterDay),
        originalAmount: p.original ?? null,
        currency: p.original === undefined || p.original === null ? '' : (head.currency ?? ''),
      };
      this.sink(line);
    }
  }

  private schedule(day: number, event: LedgerEvent): void {
    if (day > this.endDay) return;
    if (event.kind !== 'invoice') this.pendingLines += event.lines;
    const bucket = this.buckets[day];
    if (bucket === undefined) this.buckets[day] = [event];
    else bucket.push(event);
  }

  /** The next lettering code of a customer: unique within the customer. */
  private newLetter(customer: number): string {
    const n = this.letterCounts[customer] ?? 0;
    this.letterCounts[customer] = n + 1;
    return letteringCode(n);
  }

  /** FA2025-000123: numbered per prefix and calendar year, in the order pieces are written. */
  private nextPiece(prefix: 'FA' | 'AV' | 'RG', day: number): string {
    const key = `${prefix}${this.calendar.isoDate(day).slice(0, 4)}`;
    const n = (this.pieceNumbers.get(key) ?? 0) + 1;
    this.pieceNumbers.set(key, n);
    return `${key}-${String(n).padStart(6, '0')}`;
  }

  /** Days until the next invoice of a customer: exponential, so first invoices are spread like the others. */
  private nextGap(customer: number): number {
    const mean = 30.44 / (this.customer(customer).monthlyInvoices * this.settings.rateFactor);
    return (this.invoiceClocks[customer] as SeededRandom).exponentialDays(mean);
  }

  private customer(index: number): LedgerCustomer {
    return this.settings.customers[index] as LedgerCustomer;
  }
}

function neg(amount: Cents | null): Cents | null {
  return amount === null ? null : -amount;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
