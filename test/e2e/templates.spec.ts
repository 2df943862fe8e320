import { expect, type Page, test } from '@playwright/test';
import { signInAsDemo } from './sign-in';

/**
 * TPL-1, TPL-2: Settings › Templates at a phone's width and a desktop's. An admin edits a
 * template, gets the refusal of an unknown variable at its line and column, saves a valid one,
 * sees it in the live preview on a real customer, then restores the default.
 */
for (const width of [390, 1440]) {
  test(`TPL-1 TPL-2 template editor at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
    await signInAsDemo(page);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto('/settings/templates?template=standard-r2&language=fr');
    const subject = page.getByTestId('template-preview-subject');
    await expect(subject).toContainText('deuxième relance');
    const account = (await subject.textContent())!.replace(/^.*compte /, '').trim();
    const shot = (name: string) =>
      page.screenshot({ path: `.tmp/e2e-results/screens/templates-${name}-${width}.png` });
    const shotFull = (name: string) =>
      page.screenshot({
        path: `.tmp/e2e-results/screens/templates-${name}-${width}-full.png`,
        fullPage: true,
      });
    await shotFull('start');

    // TPL-2: an unknown variable is refused at save, at its line and column.
    await page.getByTestId('template-text').fill('Bonjour,\n  {{ client.nom }}\nMerci.');
    await page.getByTestId('template-save').click();
    const problem = page.getByTestId('template-problem');
    await expect(problem).toContainText('Ligne 2, colonne 6 : variable inconnue client.nom');
    await expect(problem).toContainText('{{ client.nom }}');
    // The preview says why it cannot show the draft.
    await expect(page.getByText(/Corrigez le modèle pour voir l’aperçu/)).toBeVisible();
    await problem.scrollIntoViewIfNeeded();
    await shot('refused');

    // A valid template is saved and the preview shows it on the customer.
    await page
      .getByTestId('template-subject')
      .fill('Rappel e2e {{ customer.account }} · {{ reminder.total | money }}');
    await page
      .getByTestId('template-text')
      .fill(
        'Bonjour {{ customer.name }},\n\n{% for item in items %}- {{ item.piece }} : {{ item.amount | money }}\n{% endfor %}\nMerci.',
      );
    await page.getByTestId('template-save').click();
    await expect(page.getByRole('status').filter({ hasText: 'Enregistré.' })).toBeVisible();
    await expect(problem).toHaveCount(0);
    await expect(page.getByTestId('template-source')).toHaveText('Version de l’organisation');
    await expect(subject).toContainText(`Rappel e2e ${account} · `);
    const frame = page.frameLocator('[data-testid="template-preview-html"]');
    await expect(frame.locator('body')).toContainText('Bonjour ');
    await expect(frame.locator('li').first()).toBeVisible();
    await subject.scrollIntoViewIfNeeded();
    await shot('saved');
    await shotFull('saved');
    // The list marks the organization's own version.
    await expect(page.getByTestId('templates-list').getByRole('button', { name: 'FR •' })).toBeVisible();

    // Restore the default: the other browser tests send the built-in texts.
    await page.getByRole('button', { name: 'Rétablir le modèle par défaut' }).click();
    await expect(page.getByTestId('template-source')).toHaveText('Fourni');
    await expect(subject).toContainText('deuxième relance');
  });
}

test('TPL-1 a viewer reads the templates without editing them', async ({ browser }) => {
  const page: Page = await (await browser.newContext()).newPage();
  await page.goto('/sign-in');
  await page.getByLabel(/e-?mail/i).fill('viewer@encours.test');
  await page.getByLabel(/mot de passe|password/i).fill('demo');
  await page.getByRole('button', { name: /connexion|se connecter|sign in/i }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  await page.goto('/settings/templates?template=standard-r1&language=en');
  await expect(page.getByTestId('template-preview-subject')).toContainText('overdue invoices');
  await expect(page.getByTestId('template-text')).toBeDisabled();
  await expect(page.getByTestId('template-save')).toHaveCount(0);
});
