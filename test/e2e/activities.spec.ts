import { type APIRequestContext, expect, test } from '@playwright/test';
import { signInAsDemo } from './sign-in';

interface TodoLine {
  key: string;
  account: string;
  name: string;
  channel: string;
  exclusion: string | null;
  rowStatus: string | null;
}

async function json<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

test('DUN-14 the Activities page shows a reminder email as it was sent, rendered in a sandboxed frame, and the letter as its PDF', async ({
  page,
}) => {
  await signInAsDemo(page);
  // Send one email reminder and one letter from the to-do, as a user does (DUN-9).
  const todo = await json<{ companyId: string; lines: TodoLine[] }>(page.request, '/api/dunning/todo');
  const ready = todo.lines.filter((l) => !l.exclusion && !l.rowStatus);
  const email = ready.find((l) => l.channel === 'email');
  const letter = ready.find((l) => l.channel === 'letter');
  expect(email, 'a demo customer has an email reminder due').toBeDefined();
  const me = await json<{ csrfToken: string }>(page.request, '/api/auth/me');
  const sent = await page.request.post('/api/dunning/send', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { companyId: todo.companyId, keys: [email!.key, ...(letter ? [letter.key] : [])] },
  });
  expect(sent.status()).toBe(200);

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/activities');
  await expect(page.getByRole('heading', { name: 'Activités', level: 1 })).toBeVisible();
  await expect(page.locator('nav a[href="/activities"]').first()).toBeAttached();

  await test.step('filters live in the URL and survive a reload', async () => {
    await page.getByTestId('activities-channel').selectOption('email');
    await expect(page).toHaveURL(/channel=email/);
    await page.getByTestId('activities-search').fill(email!.account);
    await expect(page).toHaveURL(new RegExp(`search=${encodeURIComponent(email!.account)}`));
    await page.reload();
    await expect(page.getByTestId('activities-channel')).toHaveValue('email');
    await expect(page.getByTestId('activities-search')).toHaveValue(email!.account);
    const rows = page.getByTestId('activity-row');
    await expect(rows.first()).toBeVisible();
    for (const channel of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-channel')))) {
      expect(channel).toBe('email');
    }
  });

  await test.step('the email opens with its recipients, status and the HTML part in a sandboxed frame', async () => {
    await page.getByTestId('activity-row').first().click();
    await expect(page).toHaveURL(/open=/);
    const detail = page.getByTestId('activity-detail');
    await expect(detail.getByTestId('activity-status')).toHaveAttribute('data-status', 'sent');
    // The demo has no mail server: the page says the message waits in the outbox.
    await expect(detail.getByTestId('activity-outbox-note')).toBeVisible();
    const frame = detail.getByTestId('activity-email-html');
    // No script runs in the message (no allow-scripts); it is sized to its content, no inner scroll.
    await expect(frame).toHaveAttribute('sandbox', 'allow-same-origin');
    const body = page.frameLocator('[data-testid="activity-email-html"]').locator('body');
    await expect(body).toContainText(/\d/);
    const opened = await json<{ email: { subject: string; text: string; html: string } }>(
      page.request,
      `/api/activities/${new URL(page.url()).searchParams.get('open')}`,
    );
    await expect(detail.getByRole('heading', { name: opened.email.subject })).toBeVisible();
    // The frame shows the HTML part as recorded: its first words of text are there.
    const firstLine = opened.email.text
      .split('\n')
      .find((l) => l.trim().length > 3)!
      .trim();
    await expect(body).toContainText(firstLine.slice(0, 20));
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await expect(detail).toBeVisible();
      await expect
        .poll(async () => {
          const box = await frame.boundingBox();
          const content = await body.evaluate((b) => b.getBoundingClientRect().bottom);
          // Sized to the message: all of it shows, with no tall blank space under a short one.
          return box !== null && box.height >= content && box.height <= Math.max(content + 40, 124);
        })
        .toBe(true);
      await frame.screenshot({ path: `.tmp/e2e-results/screens/activities-email-frame-${width}.png` });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `no sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: `.tmp/e2e-results/screens/activities-email-${width}.png`,
        fullPage: true,
      });
    }
    await detail.getByRole('button', { name: 'Texte' }).click();
    await expect(detail.getByTestId('activity-email-text')).toContainText(firstLine);
    // On a phone the list comes back with the back button.
    await detail.getByRole('button', { name: 'Retour à la liste' }).click();
    await expect(page.getByTestId('activities-list')).toBeVisible();
    await page.screenshot({ path: '.tmp/e2e-results/screens/activities-list-390.png', fullPage: true });
  });

  if (letter) {
    await test.step('the letter opens as the PDF produced', async () => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`/activities?channel=letter&search=${encodeURIComponent(letter.account)}`);
      await page.getByTestId('activity-row').first().click();
      const link = page.getByTestId('activity-document');
      await expect(link).toBeVisible();
      const pdf = await page.request.get((await link.getAttribute('href'))!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await page.screenshot({ path: '.tmp/e2e-results/screens/activities-letter-1440.png', fullPage: true });
    });
  }
});
