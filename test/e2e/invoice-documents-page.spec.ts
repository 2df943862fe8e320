import { expect, type Page, test } from '@playwright/test';
import type { MissingDocuments } from '../../src/contracts/invoice-documents';
import { fakePdf, zipOf } from '../support/invoice-zip';
import { signInAsDemo } from './sign-in';

const SCREENS = '.tmp/e2e-results/screens';

/** What the screen shows (`name.png`) and the whole page (`name-full.png`). */
async function screens(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENS}/${name}.png` });
  await page.screenshot({ path: `${SCREENS}/${name}-full.png`, fullPage: true });
}

/** Every open item of a company without a PDF, read through the API a page at a time. */
async function allMissing(page: Page, companyId: string): Promise<MissingDocuments['items']> {
  const items: MissingDocuments['items'] = [];
  for (let n = 1; ; n += 1) {
    const response = await page.request.get(
      `/api/companies/${companyId}/invoice-documents/missing?page=${n}&pageSize=1000`,
    );
    const body = (await response.json()) as MissingDocuments;
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return items;
  }
}

test('issue 5 point 4: a credit manager uploads a ZIP of invoice PDFs from the Invoice PDFs page and the piece leaves the missing list', async ({
  page,
}) => {
  await signInAsDemo(page);
  const { companies } = await (await page.request.get('/api/companies')).json();
  const company = companies.find((c: { code: string }) => c.code === 'SERVICES');
  const before = await allMissing(page, company.id);
  expect(before.length).toBeGreaterThan(0);
  // The first item of the list: it shows on the first page, whatever the screen.
  const piece = before[0]!.pieceRef;
  const itemsOfPiece = before.filter((i) => i.pieceRef === piece).length;

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await page.getByRole('link', { name: 'Factures PDF' }).first().click();
  await expect(page).toHaveURL(/\/invoice-documents/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Factures PDF');
  await page.getByTestId('invoice-documents-company').selectOption(company.id);
  await expect(page).toHaveURL(new RegExp(`companyId=${company.id}`));
  const count = page.getByTestId('missing-documents-count');
  await expect(count).toHaveAttribute('data-count', String(before.length));
  const table = page.getByTestId('missing-documents-table');
  await expect(table.locator(`tr[data-piece="${piece}"]`).first()).toBeVisible();
  await expect(page.getByTestId('invoice-upload')).toContainText('metadata.json');
  await screens(page, 'invoice-documents-page-1440');

  // A file that is not a ZIP is refused whole, with the server's reason; the drop zone stays.
  const input = page.getByTestId('invoice-upload').locator('input[type="file"]');
  await input.setInputFiles({
    name: 'factures.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from('hello'),
  });
  await expect(page.getByTestId('invoice-upload-error')).toContainText('refusé en entier');
  await expect(page.getByTestId('invoice-upload-error')).toContainText('not a readable ZIP');

  const zip = await zipOf({
    'metadata.json': JSON.stringify({
      documents: [
        { file: 'factures/invoice.pdf', pieces: [piece] },
        { file: 'unknown.pdf', pieces: ['NO-SUCH-PIECE'] },
        { file: 'absent.pdf', pieces: ['ALSO-NOT-HERE'] },
      ],
    }),
    'factures/invoice.pdf': fakePdf(piece, 4000),
    'unknown.pdf': fakePdf('unknown'),
    'notes.txt': 'not named in metadata.json',
  });
  await input.setInputFiles({ name: 'factures-avril.zip', mimeType: 'application/zip', buffer: zip });

  const report = page.getByTestId('invoice-upload-report');
  await expect(page.getByTestId('invoice-upload-stored')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('invoice-upload-stored')).toHaveText('1 document enregistré');
  await expect(page.getByTestId('invoice-upload-stored-list')).toContainText(piece);
  const rejected = page.getByTestId('invoice-upload-rejected-list');
  await expect(rejected.locator('li[data-reason="unknown_piece"]')).toContainText(
    'Pièce NO-SUCH-PIECE absente de la comptabilité',
  );
  await expect(rejected.locator('li[data-reason="missing_file"]')).toContainText('absent.pdf');
  await expect(report.getByTestId('invoice-upload-ignored')).toContainText('notes.txt');

  // The missing list is read again: the piece is gone from it, and from the count.
  await expect(count).toHaveAttribute('data-count', String(before.length - itemsOfPiece));
  await expect(table.locator(`tr[data-piece="${piece}"]`)).toHaveCount(0);
  const after = await allMissing(page, company.id);
  expect(after.some((i) => i.pieceRef === piece)).toBe(false);
  await screens(page, 'invoice-documents-report-1440');

  // The CSV export holds the list as it is now.
  const csv = await page.request.get(
    (await page.getByTestId('missing-documents-export-csv').getAttribute('href'))!,
  );
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split('\n').filter((line) => line.trim() !== '')).toHaveLength(after.length + 1);

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('missing-documents-cards')).toBeVisible();
  await expect(page.getByTestId('invoice-upload-report')).toBeVisible();
  // Nothing sticks out sideways at phone width.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screens(page, 'invoice-documents-report-390');
  await page.getByTestId('missing-documents-count').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/invoice-documents-list-390.png` });
  await page.getByRole('button', { name: 'Envoyer un autre ZIP' }).click();
  await expect(page.getByTestId('invoice-upload').locator('input[type="file"]')).toBeAttached();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENS}/invoice-documents-page-390.png` });
});

test('issue 5 point 4: a viewer reads the missing list but is offered no upload', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel(/e-?mail/i).fill('viewer@encours.test');
  await page.getByLabel(/mot de passe|password/i).fill('demo');
  await page.getByRole('button', { name: /connexion|se connecter|sign in/i }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  await page.goto('/invoice-documents');
  // The viewer reads English.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Invoice PDFs');
  await expect(page.getByTestId('invoice-upload-viewer-note')).toBeVisible();
  await expect(page.getByTestId('invoice-upload').locator('input[type="file"]')).toHaveCount(0);
  await expect(page.getByTestId('missing-documents-count')).toHaveText(/open items? without a PDF/);
});
