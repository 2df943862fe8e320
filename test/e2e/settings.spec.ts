import { expect, test } from '@playwright/test';
import { signInAsDemo } from './sign-in';

test('TPL-1 an admin picks the default template language in Settings; the API keeps it', async ({ page }) => {
  await signInAsDemo(page);
  await page.goto('/settings');
  const select = page.getByLabel('Langue des modèles par défaut');
  await expect(select).toHaveValue('fr');
  await expect(select.locator('option')).toContainText(['français', 'anglais']);
  try {
    await select.selectOption('en');
    await page.getByTestId('organization-settings').getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByTestId('organization-settings').getByRole('status')).toBeVisible();
    const saved = await (await page.request.get('/api/organization/settings')).json();
    expect(saved.templateLanguage).toBe('en');
  } finally {
    const { csrfToken } = await (await page.request.get('/api/auth/me')).json();
    const reset = await page.request.patch('/api/organization/settings', {
      headers: { 'x-csrf-token': csrfToken },
      data: { templateLanguage: 'fr' },
    });
    expect(reset.status()).toBe(200);
  }
});
