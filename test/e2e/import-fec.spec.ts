import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const FEC = join(import.meta.dirname, '../../../shared/data/fec/neolegal__111111111FEC20221231.TXT');

test('a credit manager signs in, imports a FEC and sees its 34 customers and their total', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL(/sign-in/);
  await page.getByLabel(/e-?mail/i).fill('demo@encours.test');
  await page.getByLabel(/mot de passe|password/i).fill('demo');
  await page.getByRole('button', { name: /connexion|se connecter|sign in/i }).click();
  await expect(page).not.toHaveURL(/sign-in/);

  await page.goto('/import');
  // A company of its own for this ledger, created from the Import page.
  await page.getByTestId('new-company-code').fill('NEOLEGAL');
  await page.getByTestId('new-company-name').fill('Neolegal boissons');
  await page.getByTestId('new-company-submit').click();
  await expect(page.getByTestId('import-company')).toHaveValue(/.+/);
  await page.getByTestId('import-company').selectOption({ label: 'NEOLEGAL — Neolegal boissons' });
  await page.getByTestId('import-file-input').setInputFiles(FEC);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-status')).toHaveAttribute('data-status', 'succeeded', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('import-report-customers')).toHaveText('34');

  await page.goto('/customers');
  await page.getByTestId('customers-company').selectOption({ label: 'NEOLEGAL — Neolegal boissons' });
  await expect(page.getByTestId('customers-count')).toContainText('34');
  // 14,416.52 € outstanding, formatted for the French locale.
  await expect(page.getByTestId('customers-total-balance')).toHaveText(/14\s?416,52\s?€/);
});
