import { expect, type Page, test } from '@playwright/test';
import { type SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server';
import { signInAsDemo } from './sign-in';

let smtp: SmtpTestServer;
test.beforeAll(async () => {
  smtp = await startSmtpTestServer({ user: 'relances', pass: 'secret-smtp' });
});
test.afterAll(async () => {
  await smtp.close();
});

test('TPL-5 an admin sets the mail server, a test email arrives from the sender; a wrong password shows the refusal', async ({
  page,
}) => {
  const port = /:(\d+)$/.exec(smtp.url)![1]!;
  await signInAsDemo(page);
  try {
    await page.goto('/settings');
    await page.locator('main a[href="/settings/email"]').click();
    await expect(page.getByTestId('mail-route')).toHaveAttribute('data-route', 'outbox');

    const form = page.getByTestId('smtp-form');
    // A missing host and sender are named before anything is sent.
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(form.getByText('Un nom de serveur ou une adresse IP.')).toBeVisible();
    await expect(form.getByText('Une adresse e-mail.', { exact: true })).toBeVisible();

    await form.getByLabel('Serveur SMTP').fill('127.0.0.1');
    await form.getByLabel('Sécurité').selectOption('none');
    await expect(form.getByLabel('Port')).toHaveValue('25');
    await form.getByLabel('Port').fill(port);
    await form.getByLabel('Identifiant').fill('relances');
    await form.getByLabel('Mot de passe', { exact: true }).fill('secret-smtp');
    await form.getByLabel('Nom de l’expéditeur').fill('Relances Groupe Morel');
    await form.getByLabel('Adresse de l’expéditeur').fill('relances@morel.test');
    await form.getByLabel('Adresse de réponse de l’entreprise').fill('compta@morel.test');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByTestId('mail-route')).toHaveAttribute('data-route', 'own');
    await expect(page.getByTestId('mail-route')).toContainText(`127.0.0.1:${port}`);
    await expect(form.getByText('Un mot de passe est enregistré (chiffré).', { exact: false })).toBeVisible();

    const tester = page.getByTestId('smtp-test');
    await tester.getByLabel('Destinataire').fill('claire@morel.test');
    await tester.getByRole('button', { name: 'Envoyer le test' }).click();
    await expect(page.getByTestId('smtp-test-result')).toHaveAttribute('data-delivered', 'true');
    const mail = await smtp.nextMessage();
    expect(mail.recipients).toEqual(['claire@morel.test']);
    expect(mail.parsed.from?.value).toEqual([
      { name: 'Relances Groupe Morel', address: 'relances@morel.test' },
    ]);

    for (const width of [390, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `no sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `.tmp/e2e-results/screens/settings-email-${width}.png`, fullPage: true });
    }

    await form.getByLabel('Mot de passe', { exact: true }).fill('wrong');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(form.getByRole('status')).toHaveText('Enregistré.');
    await tester.getByRole('button', { name: 'Envoyer le test' }).click();
    await expect(page.getByTestId('smtp-test-result')).toHaveAttribute('data-delivered', 'false');
    await expect(page.getByTestId('smtp-test-result')).toContainText('535');
  } finally {
    // The other browser tests expect the demo's emails in the outbox.
    const removed = await page.request.delete('/api/settings/smtp', {
      headers: { 'x-csrf-token': await csrfToken(page) },
    });
    expect(removed.status()).toBe(204);
  }
});

async function csrfToken(page: Page): Promise<string> {
  const me = await page.request.get('/api/auth/me');
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}
