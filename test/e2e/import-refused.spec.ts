import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signInAsDemo } from './sign-in';

const HEADER =
  'JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise';

test('IMP-6 ACC-4 a FEC with a bad amount is refused, and the French page names the line', async ({
  page,
}) => {
  const file = join(mkdtempSync(join(tmpdir(), 'encours-e2e-')), 'FEC-casse.txt');
  writeFileSync(
    file,
    [
      HEADER,
      'VE\tVentes\t1\t20240105\t411000\tClients\tC1\tClient 1\tF1\t20240105\tFacture\t120,00\t0,00\t\t\t20240105\t\t',
      'VE\tVentes\t2\t20240106\t411000\tClients\tC1\tClient 1\tF2\t20240106\tFacture\t12.5.0\t0,00\t\t\t20240106\t\t',
    ].join('\n'),
  );
  await signInAsDemo(page);
  // The demo admin's language is French.
  await page.goto('/import');
  await page.getByTestId('import-file-input').setInputFiles(file);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-status')).toHaveAttribute('data-status', 'failed', {
    timeout: 60_000,
  });
  await expect(page.getByText('1 ligne est incorrecte : rien n’a été importé.')).toBeVisible();
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('Debit');
  await expect(errors).toContainText('« 12.5.0 » n’est pas un montant.');
});
