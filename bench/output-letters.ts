import { deflateSync } from 'node:zlib';
import { addDays, type CalendarDate, daysBetween } from '../src/domain/calendar';
import type { Letterhead } from '../src/server/documents/pdf-page';
import type { Letter, LetterItem } from '../src/server/documents/reminder-letters';
import { renderReminderTemplate } from '../src/server/modules/dunning/reminder-templates';

/**
 * The letters of the output bench: `count` customers of one company, each with 1 to 8 open items
 * (a few with 20 to 60, whose letter runs over several pages), one in ten a formal notice, one in
 * five in English, their text rendered by the default templates as the send service renders it.
 */

export const BENCH_TODAY: CalendarDate = '2026-11-20';

/** A small deterministic generator (mulberry32): the same letters at every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STREETS = [
  'rue des Lilas',
  'avenue Jean Jaurès',
  'boulevard Voltaire',
  'chemin des Vignes',
  'place de la Mairie',
];
const TOWNS: [string, string][] = [
  ['69003', 'Lyon'],
  ['75011', 'Paris'],
  ['13006', 'Marseille'],
  ['33000', 'Bordeaux'],
  ['59000', 'Lille'],
  ['44000', 'Nantes'],
];
const FORMS = ['SARL', 'SAS', 'SA', 'EURL', 'SNC'];

/** A PNG logo of 240 × 80 pixels, drawn with no library: a blue band and a grey one. */
export function benchLogoPng(): Buffer {
  // Raw scanlines (filter byte 0, then RGB), deflated as PNG asks.
  const width = 240;
  const height = 80;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const isBand = x < 80;
      raw[row + 1 + x * 3] = isBand ? 29 : 220;
      raw[row + 2 + x * 3] = isBand ? 78 : 224;
      raw[row + 3 + x * 3] = isBand ? 216 : 230;
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const BENCH_SVG_LOGO = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60"><rect width="60" height="60" rx="10" fill="#1d4ed8"/><circle cx="30" cy="30" r="14" fill="#fff"/><text x="70" y="40" font-size="30" fill="#111">ACME</text></svg>',
);

export function benchLetterhead(logo: 'png' | 'svg' | 'none'): Letterhead {
  return {
    companyName: 'Acme Industrie',
    currency: 'EUR',
    address: { line1: '3 avenue du Parc', postalCode: '69006', city: 'Lyon' },
    phone: '04 72 00 00 00',
    email: 'compta@acme.test',
    place: 'Lyon',
    signatoryName: 'Claire Martin',
    signatoryTitle: 'Responsable du crédit clients',
    legalForm: 'SAS',
    shareCapital: 5_000_000,
    siren: '123456789',
    rcsCity: 'Lyon',
    vatNumber: 'FR12123456789',
    logo:
      logo === 'png'
        ? { type: 'image/png', data: benchLogoPng() }
        : logo === 'svg'
          ? { type: 'image/svg+xml', data: BENCH_SVG_LOGO }
          : null,
  };
}

/** The bench's letters, their text rendered by the templates (what the send service does first). */
export function* benchLetters(count: number): Generator<Letter> {
  const next = random(5);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  for (let n = 0; n < count; n++) {
    const itemCount = next() < 0.02 ? 20 + Math.floor(next() * 41) : 1 + Math.floor(next() * 8);
    const items: LetterItem[] = [];
    for (let i = 0; i < itemCount; i++) {
      const documentDate = addDays(BENCH_TODAY, -(40 + Math.floor(next() * 300)));
      const dueDate = addDays(documentDate, 30);
      const amount = 1_000 + Math.floor(next() * 2_500_000);
      const isPartial = next() < 0.15;
      items.push({
        piece: `FA-${documentDate.slice(0, 4)}-${String(10_000 + n * 7 + i).padStart(6, '0')}`,
        documentDate,
        dueDate,
        amount,
        remaining: isPartial ? Math.floor(amount / 2) : amount,
        daysLate: daysBetween(dueDate, BENCH_TODAY),
      });
    }
    const language = next() < 0.2 ? 'en' : 'fr';
    const isFormal = next() < 0.1;
    const account = `411${String(n).padStart(6, '0')}`;
    const name = `${pick(['Durand', 'Martin', 'Bernard', 'Petit', 'Robert', 'Richard', 'Moreau'])} ${pick(['Bâtiment', 'Distribution', 'Services', 'Industrie', 'Négoce'])} ${pick(FORMS)}`;
    const total = items.reduce((s, i) => s + i.remaining, 0);
    const rendered = renderReminderTemplate(isFormal ? 'standard-formal-notice' : 'standard-r2', language, {
      company: { name: 'Acme Industrie', currency: 'EUR' },
      customer: { account, name },
      reminder: { level: isFormal ? 'R4' : 'R2', total, itemCount },
      items: items.map((i) => ({
        piece: i.piece,
        documentDate: i.documentDate,
        dueDate: i.dueDate,
        amount: i.remaining,
        daysLate: i.daysLate,
      })),
      today: BENCH_TODAY,
    });
    const [postalCode, city] = pick(TOWNS);
    yield {
      kind: isFormal ? 'formalNotice' : 'reminder',
      language,
      currency: 'EUR',
      customerAccount: account,
      recipientName: name,
      recipientAddress: {
        line1: next() < 0.3 ? 'Service comptabilité fournisseurs' : null,
        line2: `${1 + Math.floor(next() * 120)} ${pick(STREETS)}`,
        postalCode,
        city,
      },
      date: BENCH_TODAY,
      subject: rendered.subject,
      body: rendered.text,
      items,
    };
  }
}
