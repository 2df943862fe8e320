import { expect, test } from '@playwright/test';
import { signInAsDemo } from './sign-in';

for (const { width, height } of [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
]) {
  test(`ACC-4 pages fit a ${width} px wide screen without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await signInAsDemo(page);
    for (const path of ['/', '/customers', '/due-dates', '/alerts', '/syncs', '/settings', '/import']) {
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
