import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isBlankPage,
  pdfPageCount,
  pdfPageTexts,
  pdfText,
  pdfWordBoxes,
  renderPagePng,
} from '../../../test/support/pdf-tools';
import { renderReminderTemplate } from '../modules/dunning/reminder-templates';
import { ADDRESS_WINDOW, addressLines, type Letterhead, legalFooter } from './pdf-page';
import { type Letter, type LetterItem, renderLettersPdf, splitBodyAtItems } from './reminder-letters';

const TODAY = '2023-07-31';
/** A 2 × 1 PNG, red and blue. */
const PNG_2X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DA8J+BAQAF/wH/2iGmsQAAAABJRU5ErkJggg==';

const ITEMS: LetterItem[] = [
  {
    piece: 'FA-2023-0412',
    documentDate: '2023-05-02',
    dueDate: '2023-06-01',
    amount: 123456,
    remaining: 123456,
    daysLate: 60,
  },
  {
    piece: 'FA-2023-0533',
    documentDate: '2023-06-10',
    dueDate: '2023-07-10',
    amount: 250000,
    remaining: 100000,
    daysLate: 21,
  },
  {
    piece: 'AV-2023-0012',
    documentDate: '2023-06-15',
    dueDate: '2023-06-15',
    amount: -15000,
    remaining: -15000,
    daysLate: 46,
  },
  {
    piece: 'FA-2023-0601',
    documentDate: '2023-07-20',
    dueDate: '2023-08-19',
    amount: 9900,
    remaining: 9900,
    daysLate: -19,
  },
];

// A square and the word ACME: an SVG logo, drawn as vectors on every letter.
const SVG_LOGO = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60"><rect width="60" height="60" rx="10" fill="#1d4ed8"/><text x="70" y="40" font-size="30">ACME</text></svg>',
);

const LETTERHEAD: Letterhead = {
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
  logo: { type: 'image/svg+xml', data: SVG_LOGO },
};

function letter(
  templateId: string,
  options: { items?: LetterItem[]; name?: string; language?: 'fr' | 'en' } = {},
): Letter {
  const items = options.items ?? ITEMS;
  const language = options.language ?? 'fr';
  const total = items.reduce((s, i) => s + i.remaining, 0);
  const rendered = renderReminderTemplate(templateId, language, {
    company: { name: 'Acme Industrie', currency: 'EUR' },
    customer: { account: '411DUPONT', name: options.name ?? 'Dupont SARL' },
    reminder: { level: 'R1', total, itemCount: items.length },
    items: items.map((i) => ({
      piece: i.piece,
      documentDate: i.documentDate,
      dueDate: i.dueDate,
      amount: i.remaining,
      daysLate: Math.max(0, i.daysLate),
    })),
    today: TODAY,
  });
  return {
    kind: templateId.includes('formal-notice') ? 'formalNotice' : 'reminder',
    language,
    currency: 'EUR',
    customerAccount: '411DUPONT',
    recipientName: options.name ?? 'Dupont SARL',
    recipientAddress: {
      line1: 'Service comptabilité',
      line2: '12 rue des Lilas',
      postalCode: '69003',
      city: 'Lyon',
    },
    date: TODAY,
    subject: rendered.subject,
    body: rendered.text,
    items,
  };
}

/** `n` items, enough to spill a letter over several pages. */
function manyItems(n: number): LetterItem[] {
  return Array.from({ length: n }, (_, k) => ({
    piece: `FA-2023-${String(1000 + k)}`,
    documentDate: '2023-05-02',
    dueDate: '2023-06-01',
    amount: 10_000 + k,
    remaining: 10_000 + k,
    daysLate: 60,
  }));
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('TPL-4 a reminder letter', () => {
  it('TPL-4 prints the letterhead, place and date, subject, the items as a table with totals, the signature, the footer and 1/1', async () => {
    const pdf = await renderLettersPdf([letter('standard-r1')], LETTERHEAD, { duplex: false });
    expect(pdfPageCount(pdf)).toBe(1);
    const text = squash(pdfText(pdf));
    for (const expected of [
      'Acme Industrie',
      '3 avenue du Parc',
      '69006 LYON',
      'Dupont SARL',
      '12 rue des Lilas',
      '69003 LYON',
      'Fait à Lyon, le 31 juillet 2023',
      'Objet : Acme Industrie : factures échues, compte 411DUPONT',
      'Compte client : 411DUPONT',
      'Sauf erreur de notre part',
      'Pièce Date Échéance Montant Reste dû Jours de retard',
      'FA-2023-0412 02/05/2023 01/06/2023 1 234,56 € 1 234,56 € 60',
      'FA-2023-0533 10/06/2023 10/07/2023 2 500,00 € 1 000,00 € 21',
      'AV-2023-0012 15/06/2023 15/06/2023 -150,00 € -150,00 € 46',
      // Not due yet: no days late.
      'FA-2023-0601 20/07/2023 19/08/2023 99,00 € 99,00 € —',
      // 1,234.56 + 2,500 − 150 + 99 and 1,234.56 + 1,000 − 150 + 99.
      'Total 3 683,56 € 2 183,56 €',
      'Cordialement',
      'Claire Martin',
      'Responsable du crédit clients',
      'Acme Industrie SAS au capital de 50 000,00 € · RCS Lyon 123 456 789 · TVA intracommunautaire FR12123456789',
      '1/1',
    ]) {
      expect(text).toContain(expected);
    }
    // The template's list of items became the table: not printed twice.
    expect(text).not.toContain('- FA-2023-0412');
    // Not a formal notice.
    expect(text).not.toContain('L441-10');
  });

  it('TPL-4 puts the recipient in the part of the sheet that the DL envelope window always shows', async () => {
    const pdf = await renderLettersPdf([letter('standard-r1')], LETTERHEAD, { duplex: false });
    // Whatever is printed right of 100 mm between 39 and 95 mm from the top: what the window may
    // show when the sheet slides down or up in the envelope.
    const around = pdfWordBoxes(pdf, 1).filter((w) => w.xMax > 100 && w.yMax > 39 && w.yMin < 95);
    expect(around.map((w) => w.word).join(' ')).toBe(
      'Dupont SARL Service comptabilité 12 rue des Lilas 69003 LYON',
    );
    for (const w of around) {
      // Window 100–190 mm × 50–84 mm, whichever way the folded sheet slides in the envelope.
      expect(w.xMin).toBeGreaterThanOrEqual(ADDRESS_WINDOW.x - 0.5);
      expect(w.xMax).toBeLessThanOrEqual(190);
      expect(w.yMin).toBeGreaterThanOrEqual(50);
      expect(w.yMax).toBeLessThanOrEqual(84);
    }
  });

  it('TPL-4 a formal notice says registered mail and the legal mentions L441-10 and D441-5 with 40 € per late invoice', async () => {
    const pdf = await renderLettersPdf([letter('standard-formal-notice')], LETTERHEAD, { duplex: false });
    const text = squash(pdfText(pdf));
    expect(text).toContain('LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION');
    expect(text).toContain('Objet : Mise en demeure de payer, compte 411DUPONT');
    expect(text).toContain('Pénalités de retard et indemnité forfaitaire');
    expect(text).toContain('article L441-10 du Code de commerce');
    expect(text).toContain('majoré de 10 points');
    expect(text).toContain('article D441-5 du Code de commerce');
    // Two invoices are open past their due date: the credit note and the invoice not yet due do not count.
    expect(text).toContain('soit 2 × 40 € = 80,00 € pour les factures échues ci-dessus');
    expect(text).toContain('Total 3 683,56 € 2 183,56 €');
  });

  it('TPL-4 an English formal notice says the same in English', async () => {
    const pdf = await renderLettersPdf([letter('standard-formal-notice', { language: 'en' })], LETTERHEAD, {
      duplex: false,
    });
    const text = squash(pdfText(pdf));
    expect(text).toContain('Lyon, 31 July 2023');
    expect(text).toContain('REGISTERED LETTER WITH ACKNOWLEDGEMENT OF RECEIPT');
    expect(text).toContain('Document Date Due date Amount Remaining Days late');
    expect(text).toContain('Total 3,683.56 € 2,183.56 €');
    expect(text).toContain('that is 2 × €40 = 80.00 €');
  });

  it('TPL-4 a long letter goes on over pages numbered 1/n…n/n, the table header repeated', async () => {
    const items = manyItems(70);
    const pdf = await renderLettersPdf([letter('standard-r1', { items })], LETTERHEAD, { duplex: false });
    const pages = pdfPageTexts(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pdfPageCount(pdf)).toBe(pages.length);
    pages.forEach((page, i) => {
      expect(page).toMatch(new RegExp(`\\b${i + 1}/${pages.length}\\s*$`));
      expect(squash(page)).toContain('Pièce Date Échéance Montant Reste dû');
    });
    const all = squash(pages.join(' '));
    for (const item of items) expect(all).toContain(item.piece);
    const total = items.reduce((s, i) => s + i.remaining, 0);
    expect(total).toBe(702_415);
    expect(all).toContain('Total 7 024,15 € 7 024,15 €');
    // The signature is on the last page.
    expect(pages.at(-1)).toContain('Claire Martin');
  });

  it('TPL-4 a batch to print starts each letter on an odd page: a blank back after a letter of odd length', async () => {
    const letters = [
      letter('standard-r1', { name: 'Alpha SARL', items: ITEMS }),
      letter('standard-r1', { name: 'Bravo SAS', items: manyItems(45) }),
      letter('standard-r1', { name: 'Charlie SA', items: manyItems(90) }),
      letter('standard-formal-notice', { name: 'Delta EURL', items: ITEMS }),
    ];
    const singles = await Promise.all(
      letters.map(async (l) => pdfPageCount(await renderLettersPdf([l], LETTERHEAD, { duplex: false }))),
    );
    expect(singles).toEqual([1, 2, 3, 1]);
    const pdf = await renderLettersPdf(letters, LETTERHEAD, { duplex: true });
    // 1 + blank, 2, 3 + blank, 1: the letters start on pages 1, 3, 5 and 9.
    expect(pdfPageCount(pdf)).toBe(9);
    const pages = pdfPageTexts(pdf);
    const starts = [1, 3, 5, 9];
    const names = ['Alpha SARL', 'Bravo SAS', 'Charlie SA', 'Delta EURL'];
    starts.forEach((page, i) => {
      expect(page % 2).toBe(1);
      expect(pages[page - 1]).toContain(names[i]);
      expect(pages[page - 1]).toContain('Fait à Lyon');
    });
    expect(isBlankPage(pdf, 2)).toBe(true);
    expect(isBlankPage(pdf, 8)).toBe(true);
    for (const page of [1, 3, 4, 5, 6, 7, 9]) expect(isBlankPage(pdf, page)).toBe(false);
    // Each letter numbers its own pages.
    expect(pages[3]).toMatch(/\b2\/2\s*$/);
    expect(pages[6]).toMatch(/\b3\/3\s*$/);
    expect(pages[8]).toMatch(/\b1\/1\s*$/);
  });

  it('TPL-4 renders the first page of a letter and of a formal notice to PNG (.tmp/pdf-results)', async () => {
    for (const [name, templateId] of [
      ['letter-reminder', 'standard-r1'],
      ['letter-formal-notice', 'standard-formal-notice'],
    ] as const) {
      const pdf = await renderLettersPdf([letter(templateId)], LETTERHEAD, { duplex: false });
      const png = renderPagePng(pdf, 1, name, 100);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      // 100 dpi A4: 827 × 1169 pixels (width and height in the IHDR chunk).
      expect(png.readUInt32BE(16)).toBe(827);
      expect(png.readUInt32BE(20)).toBe(1170);
      expect(isBlankPage(pdf, 1)).toBe(false);
    }
  });

  it('TPL-4 a PNG or JPEG logo is embedded once for a whole batch', async () => {
    const png = Buffer.from(PNG_2X1, 'base64');
    const withLogo = { ...LETTERHEAD, logo: { type: 'image/png' as const, data: png } };
    const letters = Array.from({ length: 20 }, () => letter('standard-r1'));
    const pdf = await renderLettersPdf(letters, withLogo, { duplex: false });
    const images = pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? [];
    expect(images).toHaveLength(1);
    expect(pdfPageCount(pdf)).toBe(20);
  });

  it('TPL-4 an SVG logo never makes the server read a file it links to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'encours-logo-'));
    const png = join(dir, 'secret.png');
    writeFileSync(png, Buffer.from(PNG_2X1, 'base64'));
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="${png}" width="10" height="10"/></svg>`;
    const inline = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="data:image/png;base64,${PNG_2X1}" width="10" height="10"/></svg>`;
    const images = async (logo: string) => {
      const letterhead = { ...LETTERHEAD, logo: { type: 'image/svg+xml' as const, data: Buffer.from(logo) } };
      const pdf = await renderLettersPdf([letter('standard-r1')], letterhead, { duplex: false });
      return (pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length;
    };
    try {
      expect(await images(svg)).toBe(0);
      // The same image inside the SVG is drawn: the check above is not vacuous.
      expect(await images(inline)).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('TPL-4 letter parts', () => {
  it.each([
    [
      'the default templates: the list and its total',
      'Bonjour,\n\nLes factures :\n\n- F1 du 01/01/2023 : 10,00 €\n- F2 du 02/01/2023 : 5,00 €\nTotal : 15,00 €\n\nMerci.\n\nCordialement,',
      { before: 'Bonjour,\n\nLes factures :', after: 'Merci.\n\nCordialement,' },
    ],
    ['no list: the table follows the text', 'Bonjour,\n\nMerci.', null],
    ['a list without a total', 'Intro\n- a\n- b\nEnd', { before: 'Intro', after: 'End' }],
  ])('splits the body around %s', (_case, body, expected) => {
    expect(splitBodyAtItems(body)).toEqual(expected);
  });

  it('writes the address as NF Z 10-011 asks: town and foreign country in capitals, 6 lines at most', () => {
    expect(
      addressLines('Dupont', { line1: '1 rue A', postalCode: '75001', city: 'Paris', country: 'France' }),
    ).toEqual(['Dupont', '1 rue A', '75001 PARIS']);
    expect(
      addressLines('Müller GmbH', {
        line1: 'Hauptstraße 5',
        postalCode: '10115',
        city: 'Berlin',
        country: 'Germany',
      }),
    ).toEqual(['Müller GmbH', 'Hauptstraße 5', '10115 BERLIN', 'GERMANY']);
    expect(
      addressLines('N', { line1: 'a', line2: 'b', postalCode: '1', city: 'c', country: 'Belgique' }, 4),
    ).toEqual(['N', 'b', '1 C', 'BELGIQUE']);
  });

  it('writes the legal footer from what is known', () => {
    expect(legalFooter({ companyName: 'Acme', currency: 'EUR', address: {} })).toBe('Acme');
    expect(
      legalFooter({
        companyName: 'Acme',
        currency: 'EUR',
        address: {},
        legalForm: 'SARL',
        siren: '123456789',
      }),
    ).toBe('Acme SARL · SIREN 123 456 789');
    // A name that ends with its form does not say it twice.
    const morel = { companyName: 'Ateliers Morel SAS', currency: 'EUR', address: {}, legalForm: 'sas' };
    expect(legalFooter({ ...morel, shareCapital: 100 })).toBe('Ateliers Morel SAS au capital de 1,00\u00A0€');
    expect(legalFooter({ ...morel, companyName: 'SASU Morel' })).toBe('SASU Morel sas');
  });
});
