import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { signInAsDemo } from './sign-in';

async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(/e-?mail/i).fill(email);
  await page.getByLabel(/mot de passe|password/i).fill('demo');
  await page.getByRole('button', { name: /connexion|se connecter|sign in/i }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

test('COL-5 a portfolio user sees only their customers, and the dashboard totals match the API', async ({
  page,
}) => {
  await signInAs(page, 'user@encours.test');
  const mine = await (await page.request.get('/api/customers?pageSize=200')).json();
  expect(mine.total).toBeGreaterThan(0);
  for (const customer of mine.items) expect(customer.salesRep).toBe('Julien Lefèvre');

  await page.goto('/customers');
  await expect(page.getByTestId('customers-count')).toHaveAttribute('data-count', String(mine.total));

  const api = await (await page.request.get('/api/dashboard')).json();
  expect(api.isPortfolio).toBe(true);
  expect(api.currencies[0].balance).toBe(mine.totals[0].balance);
  await page.goto('/');
  const balance = page.getByTestId('dashboard-balance').locator('[data-cents]');
  await expect(balance).toHaveAttribute('data-cents', String(api.currencies[0].balance));
  await expect(page.getByTestId('dashboard-overdue').locator('[data-cents]')).toHaveAttribute(
    'data-cents',
    String(api.currencies[0].overdue),
  );
  // Every debtor of the top list is one of the user's customers.
  const accounts = new Set(mine.items.map((c: { account: string }) => c.account));
  for (const debtor of api.topDebtors) expect(accounts.has(debtor.account)).toBe(true);

  // The admin sees more than the portfolio.
  await page.context().clearCookies();
  await signInAsDemo(page);
  const all = await (await page.request.get('/api/customers?pageSize=1')).json();
  expect(all.total).toBeGreaterThan(mine.total);
});

test('VIS-7 an admin downloads the XLSX of an account situation and it opens with its totals lines', async ({
  page,
}) => {
  await signInAsDemo(page);
  const top = await (await page.request.get('/api/customers?sort=overdue&pageSize=1')).json();
  const customer = top.items[0];
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByTestId('record-name')).toContainText(customer.name);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /xlsx/i }).click();
  const file = await (await download).path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const labels: string[] = [];
  sheet.eachRow((row) => labels.push(String(row.getCell(1).value ?? '')));
  // The demo admin reads French: the last two lines are the totals and the balance (VIS-7).
  expect(labels.slice(-2)).toEqual(['Totaux', 'Solde']);
  expect(sheet.rowCount).toBeGreaterThan(3);
});

for (const { width, height } of [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
]) {
  test(`VIS-3 the dashboard renders its charts at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await signInAsDemo(page);
    await page.goto('/');
    await expect(page.getByTestId('dashboard-balance')).toBeVisible();
    // One bar per bucket of the default bounds, and the two lines of the evolution.
    await expect(page.getByTestId('dashboard-aging').locator('.recharts-bar-rectangle')).toHaveCount(5);
    await expect(page.getByTestId('dashboard-evolution').locator('.recharts-line-curve')).toHaveCount(2);
    await expect(page.getByTestId('top-debtors').getByRole('listitem')).toHaveCount(10);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `.tmp/e2e-results/screens/dashboard-${width}.png`, fullPage: true });
  });
}
