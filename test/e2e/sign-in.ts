import { expect, type Page } from '@playwright/test';

/** Signs in through the page as the demo admin (whose language is French). */
export async function signInAsDemo(page: Page): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(/e-?mail/i).fill('demo@encours.test');
  await page.getByLabel(/mot de passe|password/i).fill('demo');
  await page.getByRole('button', { name: /connexion|se connecter|sign in/i }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}
