import { expect, type Page, test } from '@playwright/test';

async function signIn(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel(/e-?mail/i).fill('demo@encours.test');
  await page.getByLabel(/mot de passe|password/i).fill('demo');
  await page.getByRole('button', { name: /connexion|se connecter|sign in/i }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

for (const { width, height } of [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
]) {
  test(`ACC-4 pages fit a ${width} px wide screen without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await signIn(page);
    for (const path of ['/', '/customers', '/import']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} at ${width} px`).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: `.tmp/e2e-results/screens/${path.replace(/\W/g, '') || 'home'}-${width}.png`,
        fullPage: true,
      });
    }
    // The demo's customers are listed with their amounts.
    await page.goto('/customers');
    await expect(page.getByTestId('customers-count')).toContainText(/\d/);
  });
}
