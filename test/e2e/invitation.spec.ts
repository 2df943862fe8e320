import { expect, test } from '@playwright/test';
import { signInAsDemo } from './sign-in';

test('ACC-1 the demo admin invites someone, follows the link from the outbox, and the new user lands signed in', async ({
  page,
  context,
}) => {
  await signInAsDemo(page);
  await page.goto('/settings/users');
  await page.getByTestId('invite-open').click();
  const email = `lea-${Date.now().toString(36)}@example.test`;
  await page.getByTestId('invite-email').fill(email);
  await page.getByTestId('invite-name').fill('Léa Fontaine');
  await page.getByTestId('invite-role').selectOption('viewer');
  await page.getByTestId('invite-submit').click();
  // No SMTP server in this set-up: the invitation waits in the outbox.
  await expect(page.getByTestId('invite-outcome')).toContainText(email);
  await expect(page.locator(`[data-testid="user-row"][data-email="${email}"]`)).toContainText(/invité/i);

  await page.getByTestId('invite-outbox-link').click();
  await expect(page).toHaveURL(/\/settings\/outbox\?message=/);
  await expect(page.getByTestId('outbox-message')).toContainText(email);
  const link = page.getByTestId('outbox-link');
  await expect(link).toHaveAttribute('href', /\/invitation\?token=[\w-]{43}$/);

  // The link opens in a new tab, as it would from a mail client.
  const [invitee] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await expect(invitee.getByTestId('accept-form')).toContainText(email);
  await invitee.getByTestId('new-password').fill('une phrase assez longue');
  await invitee.getByTestId('new-password-confirmation').fill('une phrase assez longue');
  await invitee.getByTestId('accept-submit').click();

  await expect(invitee).toHaveURL(/:\d+\/$/);
  await expect(invitee.getByRole('button', { name: /Léa Fontaine/ })).toBeVisible();
  // Signed in as a viewer: the users page is not for them.
  await invitee.goto(new URL('/settings/users', invitee.url()).toString());
  await expect(invitee.getByTestId('not-allowed')).toBeVisible();

  // The link was for one use.
  await invitee.goto(await link.getAttribute('href').then((href) => href ?? ''));
  await expect(invitee.getByTestId('link-problem')).toHaveAttribute('data-code', 'token_used');
});
