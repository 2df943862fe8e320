import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTACTS_CSV_HEADER,
  CUSTOMERS_CSV_HEADER,
  type GeneratedLedgerStats,
  type GeneratorOptions,
  writeContactsCsv,
  writeCustomersCsv,
  writeFec,
} from './ledger-generator';

const FEC_HEADER =
  'JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise';

const DEMO: GeneratorOptions = { seed: 7, customers: 150, startDate: '2024-11-01', endDate: '2026-11-20' };

interface Line {
  journal: string;
  entry: string;
  date: string;
  account: string;
  customer: string;
  customerName: string;
  piece: string;
  pieceDate: string;
  debit: number;
  credit: number;
  letter: string;
  letterDate: string;
  validDate: string;
  original: string;
  currency: string;
}

/** Re-reads a FEC with the simplest code possible, independent of the generator. */
function readFec(text: string): { header: string; lines: Line[] } {
  const [header = '', ...records] = text.split('\n');
  expect(records.pop()).toBe(''); // the last record ends with LF
  const cents = (amount: string) => {
    expect(amount).toMatch(/^\d+,\d\d$/);
    return Number(amount.replace(',', ''));
  };
  const lines = records.map((record) => {
    const f = record.split('\t');
    expect(f).toHaveLength(18);
    return {
      journal: f[0] ?? '',
      entry: f[2] ?? '',
      date: f[3] ?? '',
      account: f[4] ?? '',
      customer: f[6] ?? '',
      customerName: f[7] ?? '',
      piece: f[8] ?? '',
      pieceDate: f[9] ?? '',
      debit: cents(f[11] ?? ''),
      credit: cents(f[12] ?? ''),
      letter: f[13] ?? '',
      letterDate: f[14] ?? '',
      validDate: f[15] ?? '',
      original: f[16] ?? '',
      currency: f[17] ?? '',
    };
  });
  return { header, lines };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function groupSums(lines: Line[], key: (l: Line) => string | null): Map<string, number> {
  const sums = new Map<string, number>();
  for (const l of lines) {
    const k = key(l);
    if (k !== null) sums.set(k, (sums.get(k) ?? 0) + l.debit - l.credit);
  }
  return sums;
}

let dir = '';
let stats: GeneratedLedgerStats;
let fecBytes: Buffer;
let fec: { header: string; lines: Line[] };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'encours-ledger-'));
  stats = await writeFec(join(dir, 'demo.txt'), DEMO);
  fecBytes = await readFile(join(dir, 'demo.txt'));
  fec = readFec(fecBytes.toString('utf8'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFec', () => {
  it('writes the 18 standard columns, TAB, UTF-8 without BOM, LF only, AAAAMMJJ dates', () => {
    expect(fec.header).toBe(FEC_HEADER);
    expect([...fecBytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(fecBytes.includes('\r')).toBe(false);
    expect(fecBytes.toString('utf8')).toContain('À nouveaux'); // accents survive as UTF-8
    for (const l of fec.lines) {
      expect(l.date).toMatch(/^\d{8}$/);
      expect(l.pieceDate).toMatch(/^\d{8}$/);
      expect(l.validDate).toBe(l.date); // ValidDate = entry date
      expect(l.letterDate === '').toBe(l.letter === ''); // DateLet only on lettered lines
    }
  });

  it('gives byte-identical files for the same seed and different files for another seed', async () => {
    await writeFec(join(dir, 'again.txt'), DEMO);
    await writeFec(join(dir, 'other.txt'), { ...DEMO, seed: 8 });
    expect(sha256(await readFile(join(dir, 'again.txt')))).toBe(sha256(fecBytes));
    expect(sha256(await readFile(join(dir, 'other.txt')))).not.toBe(sha256(fecBytes));
  });

  it('balances: total debit = total credit, and every entry balances on its own', () => {
    const debit = fec.lines.reduce((sum, l) => sum + l.debit, 0);
    const credit = fec.lines.reduce((sum, l) => sum + l.credit, 0);
    expect(debit).toBe(credit);
    expect(stats).toMatchObject({ lines: fec.lines.length, totalDebit: debit, totalCredit: credit });
    const unbalanced = [...groupSums(fec.lines, (l) => l.entry)].filter(([, sum]) => sum !== 0);
    expect(unbalanced).toEqual([]);
  });

  it('numbers entries sequentially in date order, opening entry first', () => {
    let previous = { entry: 0, date: '' };
    for (const l of fec.lines) {
      const entry = Number(l.entry);
      expect(entry === previous.entry || entry === previous.entry + 1).toBe(true);
      expect(l.date >= previous.date).toBe(true);
      previous = { entry, date: l.date };
    }
    expect(fec.lines[0]?.journal).toBe('AN');
  });

  it('letters settled invoices with their payments: each upper-case group on 411 sums to zero', () => {
    const receivable = fec.lines.filter((l) => l.account === '411000');
    const settled = groupSums(receivable, (l) =>
      /^[A-Z]+$/.test(l.letter) ? `${l.customer}/${l.letter}` : null,
    );
    expect(settled.size).toBeGreaterThan(500);
    expect([...settled].filter(([, sum]) => sum !== 0)).toEqual([]);
    // DateLet of a settled group is its last payment, the same on every line of the group.
    const dates = new Map<string, Set<string>>();
    const latest = new Map<string, string>();
    for (const l of receivable.filter((r) => /^[A-Z]+$/.test(r.letter))) {
      const key = `${l.customer}/${l.letter}`;
      dates.set(key, (dates.get(key) ?? new Set()).add(l.letterDate));
      if (l.date > (latest.get(key) ?? '')) latest.set(key, l.date);
    }
    for (const [key, set] of dates) expect([...set]).toEqual([latest.get(key)]);
    // Partial groups (lower case) leave a balance; nothing else is lettered outside 411.
    const partial = groupSums(receivable, (l) =>
      /^[a-z]+$/.test(l.letter) ? `${l.customer}/${l.letter}` : null,
    );
    expect([...partial.values()].every((sum) => sum > 0)).toBe(true);
    expect(fec.lines.filter((l) => l.account !== '411000' && l.letter !== '')).toEqual([]);
  });

  it('has what a credit manager expects to see: open, partial, unallocated, credit notes, USD, runs', () => {
    const receivable = fec.lines.filter((l) => l.account === '411000');
    const share = receivable.length / fec.lines.length;
    expect(share).toBeGreaterThan(0.36);
    expect(share).toBeLessThan(0.45);
    expect(fec.lines.length).toBeGreaterThan(8_000); // ~10,000 lines per demo company
    expect(fec.lines.length).toBeLessThan(12_000);
    const open = receivable.filter((l) => l.debit > 0 && l.letter === '');
    expect(open.some((l) => l.date >= '20261101')).toBe(true); // recent, not yet due
    expect(open.some((l) => l.date < '20260601')).toBe(true); // long overdue
    expect(receivable.some((l) => l.credit > 0 && l.letter === '' && l.journal === 'BQ')).toBe(true);
    expect(receivable.some((l) => /^[a-z]+$/.test(l.letter))).toBe(true);
    expect(receivable.some((l) => /^AV\d{4}-\d{6}$/.test(l.piece) && l.credit > 0)).toBe(true);
    expect(receivable.some((l) => /^RG\d{4}-\d{6}$/.test(l.piece))).toBe(true);
    const usd = receivable.filter((l) => l.currency === 'USD');
    expect(usd.length).toBeGreaterThan(0);
    expect(usd.every((l) => /^-?\d+,\d\d$/.test(l.original))).toBe(true);
    expect(receivable.filter((l) => l.currency === '').every((l) => l.original === '')).toBe(true);
    const perGroup = new Map<string, number>();
    for (const l of receivable.filter((r) => r.debit > 0 && r.letter !== '')) {
      const key = `${l.customer}/${l.letter}`;
      perGroup.set(key, (perGroup.get(key) ?? 0) + 1);
    }
    expect([...perGroup.values()].some((n) => n >= 3)).toBe(true); // one payment for several invoices
  });

  it('writes about targetLines lines when asked (here 50,000)', async () => {
    const bench = await writeFec(join(dir, 'bench.txt'), { ...DEMO, customers: 2_500, targetLines: 50_000 });
    expect(Math.abs(bench.lines - 50_000)).toBeLessThanOrEqual(10);
    const text = await readFile(join(dir, 'bench.txt'), 'utf8');
    expect(text.split('\n').length - 2).toBe(bench.lines);
  });
});

describe('writeCustomersCsv and writeContactsCsv', () => {
  it('writes the customers of the FEC, with French headers', async () => {
    expect(await writeCustomersCsv(join(dir, 'clients.csv'), DEMO)).toBe(150);
    const [header, ...rows] = (await readFile(join(dir, 'clients.csv'), 'utf8')).trimEnd().split('\n');
    expect(header).toBe(CUSTOMERS_CSV_HEADER.join(';'));
    expect(header).toBe(
      'Code client;Raison sociale;SIREN;Commercial;Recouvreur;Conditions de paiement;E-mail;Téléphone;Adresse;Code postal;Ville;Pays;Langue',
    );
    const names = new Map(rows.map((r) => r.split(';')).map((f) => [f[0], f[1]]));
    for (const l of fec.lines.filter((r) => r.customer !== ''))
      expect(names.get(l.customer)).toBe(l.customerName);
    for (const row of rows) {
      const f = row.split(';');
      expect(f).toHaveLength(13);
      expect([
        '30 jours net',
        '45 jours fin de mois',
        '60 jours net',
        'fin de mois + 10 jours',
        '',
      ]).toContain(f[5]);
      if (f[11] === 'FR') expect(f[2]).toMatch(/^\d{9}$/);
    }
  });

  it('leaves about 15 % of customers without an email', async () => {
    await writeCustomersCsv(join(dir, 'many.csv'), { ...DEMO, customers: 2_000 });
    const rows = (await readFile(join(dir, 'many.csv'), 'utf8')).trimEnd().split('\n').slice(1);
    const share = rows.filter((r) => r.split(';')[6] === '').length / rows.length;
    expect(share).toBeGreaterThan(0.12);
    expect(share).toBeLessThan(0.18);
  });

  it('writes contacts, several for some customers, one main contact each', async () => {
    const count = await writeContactsCsv(join(dir, 'contacts.csv'), DEMO);
    const [header, ...rows] = (await readFile(join(dir, 'contacts.csv'), 'utf8')).trimEnd().split('\n');
    expect(header).toBe('Code client;Nom;E-mail;Téléphone;Fonction;Principal');
    expect(header).toBe(CONTACTS_CSV_HEADER.join(';'));
    expect(rows).toHaveLength(count);
    const perCustomer = new Map<string, string[]>();
    for (const f of rows.map((r) => r.split(';'))) {
      perCustomer.set(f[0] ?? '', [...(perCustomer.get(f[0] ?? '') ?? []), f[5] ?? '']);
    }
    expect([...perCustomer.values()].some((flags) => flags.length >= 2)).toBe(true);
    for (const flags of perCustomer.values()) expect(flags.filter((f) => f === 'oui')).toHaveLength(1);
    const again = await writeContactsCsv(join(dir, 'contacts2.csv'), DEMO);
    expect(again).toBe(count);
    expect(sha256(await readFile(join(dir, 'contacts2.csv')))).toBe(
      sha256(await readFile(join(dir, 'contacts.csv'))),
    );
  });
});
