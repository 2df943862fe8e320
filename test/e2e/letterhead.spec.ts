import { expect, test } from '@playwright/test';
import { signInAsDemo } from './sign-in';

const SVG_LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60"><rect width="60" height="60" rx="10" fill="#1d4ed8"/><text x="70" y="40" font-size="30">ACME</text></svg>';

test('TPL-4 an admin sets a company letterhead: a refused file says why, the SVG logo shows, the footer and the sample letter print it', async ({
  page,
}) => {
  await signInAsDemo(page);
  await page.goto('/settings');
  await page.locator('main a[href="/settings/letterhead"]').click();
  await expect(page).toHaveURL(/\/settings\/letterhead/);
  const form = page.getByTestId('letterhead-form');

  // A file that is not an image is refused by the server, in its words.
  await page.getByTestId('letterhead-logo-input').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('hello'),
  });
  await expect(page.getByText('PNG, JPEG or SVG', { exact: false }).last()).toBeVisible();
  await page.getByTestId('letterhead-logo-input').setInputFiles({
    name: 'logo.svg',
    mimeType: 'image/svg+xml',
    buffer: Buffer.from(SVG_LOGO),
  });
  await expect(page.getByTestId('letterhead-logo')).toBeVisible();
  expect(
    await page.getByTestId('letterhead-logo').evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).toBeGreaterThan(0);

  await form.getByLabel('Adresse, ligne 1').fill('3 avenue du Parc');
  await form.getByLabel('Code postal').fill('69006');
  await form.getByLabel('Ville', { exact: true }).fill('Lyon');
  await form.getByLabel('Lieu', { exact: true }).fill('Lyon');
  await form.getByLabel('Signataire', { exact: true }).fill('Claire Martin');
  await form.getByLabel('Fonction du signataire').fill('Responsable du crédit clients');
  await form.getByLabel('Forme juridique (SAS, SARL…)').fill('SAS');
  await form.getByLabel('Capital social').fill('abc');
  await expect(form.getByText('Un montant, par exemple 50000 ou 50000,00.')).toBeVisible();
  await form.getByLabel('Capital social').fill('50 000,00');
  await form.getByLabel('SIREN', { exact: true }).fill('123 456 789');
  await form.getByLabel('Ville du RCS').fill('Lyon');
  await form.getByLabel('N° de TVA intracommunautaire').fill('FR12123456789');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form.getByRole('status')).toContainText('Enregistré');
  await expect(page.getByTestId('letterhead-footer')).toContainText('RCS Lyon 123 456 789');
  await expect(form.getByLabel('Capital social')).toHaveValue('50000,00');

  // The sample letter is a PDF on this letterhead.
  const href = await form.getByRole('link', { name: 'Lettre d’exemple (français)' }).getAttribute('href');
  const preview = await page.request.get(href!);
  expect(preview.status()).toBe(200);
  expect(preview.headers()['content-type']).toBe('application/pdf');
  expect((await preview.body()).subarray(0, 5).toString()).toBe('%PDF-');

  for (const width of [390, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `no sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: `.tmp/e2e-results/screens/settings-letterhead-${width}.png`,
      fullPage: true,
    });
  }
});
