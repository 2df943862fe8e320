import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signInAsDemo } from './sign-in';

test('IMP-1 a customers CSV whose name column is not recognised is mapped by hand, then imported', async ({
  page,
}) => {
  const file = join(mkdtempSync(join(tmpdir(), 'encours-e2e-')), 'clients.csv');
  writeFileSync(
    file,
    [
      'Code client;Dénomination sociale complète;E-mail;Conditions de paiement',
      'ZX001;Fromagerie Zephyrine du Jura;compta@fromagerie.test;45 jours fin de mois',
      'ZX002;Scierie des Vosges;;30 jours net',
    ].join('\n'),
  );
  await signInAsDemo(page);

  await page.goto('/import');
  await page.getByTestId('import-source-customers').check({ force: true });
  await page.getByTestId('import-file-input').setInputFiles(file);
  // The account was recognised; the name was not: the page asks for it.
  const name = page.getByLabel(/^Nom/);
  await expect(name).toHaveValue('');
  await expect(page.getByLabel(/^Compte client/)).toHaveValue('Code client');
  await name.selectOption('Dénomination sociale complète');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-status')).toHaveAttribute('data-status', 'succeeded', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('import-report-customers')).toHaveText('2');

  await page.goto('/customers?search=Zephyrine');
  await expect(page.getByTestId('customers-count')).toHaveAttribute('data-count', '1');
  await expect(page.getByText('Fromagerie Zephyrine du Jura').first()).toBeVisible();
});
