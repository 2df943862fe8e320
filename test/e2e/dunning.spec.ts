import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { signInAsDemo } from './sign-in';

interface TodoLine {
  key: string;
  customerId: string;
  account: string;
  name: string;
  channel: string;
  exclusion: string | null;
  rowStatus: string | null;
}
interface Todo {
  companyId: string;
  lines: TodoLine[];
}
interface Step {
  kind: string;
  days: number;
  templateId: string | null;
}
interface Profile {
  id: string;
  name: string;
  isDefault: boolean;
  scenario: { name: string; withEmail: { isEnabled: boolean; steps: Step[] }; withoutEmail: unknown };
}

async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(/e-?mail/i).fill(email);
  await page.getByLabel(/mot de passe|password/i).fill('demo');
  await page.getByRole('button', { name: /connexion|se connecter|sign in/i }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

/** A second person, in a browser context of their own (their own session cookie). */
async function openAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, email);
  return page;
}

async function json<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

async function defaultProfile(request: APIRequestContext): Promise<Profile> {
  const { items } = await json<{ items: Profile[] }>(request, '/api/dunning/profiles');
  const profile = items.find((p) => p.isDefault);
  expect(profile).toBeDefined();
  return profile!;
}

async function reminderEmailCount(request: APIRequestContext): Promise<number> {
  const { items } = await json<{ items: { kind: string }[] }>(request, '/api/mail-messages?pageSize=200');
  return items.filter((m) => m.kind === 'reminder').length;
}

test('DUN-9 an admin edits the scenario, a user sends from the to-do, the outbox and the customer record show it, and sending again sends nothing (DUN-13)', async ({
  page,
  browser,
}) => {
  await signInAsDemo(page);
  const saved = await defaultProfile(page.request);
  expect(saved.name).toBe('Standard');
  const r1 = saved.scenario.withEmail.steps[1]!;
  expect(r1).toMatchObject({ kind: 'reminder', days: 5, templateId: 'standard-r1' });

  try {
    await test.step('(a) the admin changes R1 in Settings › Reminders; a refusal is shown by its step', async () => {
      await page.goto('/settings');
      await page.locator('main a[href="/settings/dunning"]').click();
      await expect(page).toHaveURL(/\/settings\/dunning/);
      const step = page.getByTestId('step-withEmail-1');
      await expect(step.getByLabel('Jours', { exact: true })).toHaveValue('5');

      // Without a template, the API refuses the email step: the message sits by that step.
      await step.getByLabel('Modèle', { exact: true }).selectOption('');
      await page.getByTestId('scenario-save').click();
      await expect(step.getByTestId('step-errors')).toContainText(/besoin d’un modèle/);
      await expect(page.getByTestId('step-withEmail-2').getByTestId('step-errors')).toHaveCount(0);
      expect((await defaultProfile(page.request)).scenario.withEmail.steps[1]?.templateId).toBe(
        'standard-r1',
      );

      await step.getByLabel('Modèle', { exact: true }).selectOption('standard-r1');
      await step.getByLabel('Jours', { exact: true }).fill('6');
      await page.getByTestId('scenario-save').click();
      await expect(page.getByTestId('scenario-saved')).toBeVisible();
      await expect(step.getByTestId('step-errors')).toHaveCount(0);
      const after = await defaultProfile(page.request);
      expect(after.scenario.withEmail.steps[1]).toMatchObject({ days: 6, templateId: 'standard-r1' });
      // Nothing else moved.
      expect({ ...after.scenario.withEmail.steps[1], days: 5 }).toEqual(r1);
      expect(after.scenario.withoutEmail).toEqual(saved.scenario.withoutEmail);
    });

    await test.step('(b) the to-do lists the reminders the API returns', async () => {
      const todo = await json<Todo>(page.request, '/api/dunning/todo');
      expect(todo.lines.length).toBeGreaterThan(0);
      await page.goto('/dunning');
      await expect(page.getByTestId('todo-count')).toHaveAttribute('data-count', String(todo.lines.length));
      const visibleLines = page.locator('[data-testid="todo-line"]:visible');
      // The first hundred lines of each step are drawn at once.
      const groups = await page
        .locator('[data-testid^="todo-group-"][data-count]')
        .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
      expect(groups.reduce((a, b) => a + b, 0)).toBe(todo.lines.length);
      await expect(visibleLines).toHaveCount(groups.reduce((a, n) => a + Math.min(n, 100), 0));
      const known = todo.lines[0]!;
      const line = page.locator(`[data-testid="todo-line"][data-key="${known.key}"]:visible`);
      await expect(line).toContainText(known.name);
      await expect(line).toContainText(known.account);
      await expect(line.getByRole('link', { name: known.name })).toHaveAttribute(
        'href',
        `/customers/${known.customerId}`,
      );
    });

    const outboxBefore = await reminderEmailCount(page.request);
    const user = await openAs(browser, 'user@encours.test');
    const todo = await json<Todo>(user.request, '/api/dunning/todo');
    const chosen = todo.lines
      .filter((l) => l.channel === 'email' && !l.exclusion && !l.rowStatus)
      .slice(0, 2);
    expect(chosen).toHaveLength(2);
    const previews = await Promise.all(
      chosen.map((l) =>
        json<{ to: string[]; subject: string }>(
          user.request,
          `/api/dunning/preview?companyId=${todo.companyId}&key=${l.key}`,
        ),
      ),
    );

    await test.step('(c) a portfolio user picks two email lines and sends them from the page', async () => {
      await user.goto('/dunning?channel=email');
      await expect(user.getByTestId('todo-count')).toHaveAttribute('data-count', String(todo.lines.length));
      await user.getByRole('button', { name: /tout désélectionner|select none/i }).click();
      await expect(user.getByTestId('todo-selected')).toHaveAttribute('data-count', '0');
      for (const l of chosen) {
        await user
          .locator(`[data-testid="todo-line"][data-key="${l.key}"]:visible`)
          .getByRole('checkbox')
          .check();
      }
      await expect(user.getByTestId('todo-selected')).toHaveAttribute('data-count', '2');
      // The preview says what goes.
      await user
        .locator(`[data-testid="todo-line"][data-key="${chosen[0]!.key}"]:visible`)
        .getByRole('button', { name: /aperçu|preview/i })
        .click();
      await expect(user.getByTestId('preview-subject')).toHaveText(previews[0]!.subject);
      await user.keyboard.press('Escape');
      await expect(user.getByTestId('reminder-preview')).toHaveCount(0);

      await user.locator('[data-testid="todo-send"]:visible').click();
      const results = user.getByTestId('send-results');
      // No SMTP server in this set-up: the emails wait in the outbox.
      await expect(results.getByTestId('send-status-outbox')).toHaveAttribute('data-count', '2');
      await expect(results.locator('[data-testid^="send-status-"]')).toHaveCount(1);
      // The to-do is read again: the two reminders went, the others are still due.
      for (const l of chosen) await expect(user.locator(`[data-key="${l.key}"]`)).toHaveCount(0);
      await expect(user.getByTestId('todo-count')).toHaveAttribute(
        'data-count',
        String(todo.lines.length - 2),
      );
    });

    await test.step('(d) Settings › Emails sent shows the two reminders', async () => {
      expect(await reminderEmailCount(page.request)).toBe(outboxBefore + 2);
      await page.goto('/settings/outbox');
      for (const preview of previews) {
        const row = page.getByTestId('outbox-row').filter({ hasText: preview.subject }).filter({
          hasText: preview.to[0]!,
        });
        await expect(row).toHaveCount(1);
        await expect(row).toContainText('Relance');
      }
    });

    await test.step('(e) the customer record shows the reminder in its Reminders card', async () => {
      const l = chosen[0]!;
      await user.goto(`/customers/${l.customerId}`);
      const card = user.getByTestId('record-reminders');
      const reminder = card.getByTestId('customer-reminder').filter({ hasText: previews[0]!.subject });
      await expect(reminder).toHaveCount(1);
      await expect(reminder).toHaveAttribute('data-status', 'sent');
      await expect(reminder).toContainText(/envoyée par un utilisateur|sent by a user/i);
      const api = await json<{ items: { subject: string | null; total: number; actor: string }[] }>(
        user.request,
        `/api/customers/${l.customerId}/reminders`,
      );
      const item = api.items.find((r) => r.subject === previews[0]!.subject);
      expect(item?.actor).toBe('user');
      await expect(reminder.locator('[data-cents]')).toHaveAttribute('data-cents', String(item?.total));
    });

    await test.step('(f) sending the same keys again through the API sends nothing', async () => {
      const me = await json<{ csrfToken: string }>(user.request, '/api/auth/me');
      const again = await user.request.post('/api/dunning/send', {
        headers: { 'x-csrf-token': me.csrfToken },
        data: { companyId: todo.companyId, keys: chosen.map((l) => l.key) },
      });
      expect(again.status()).toBe(200);
      const body = (await again.json()) as {
        results: { key: string; status: string }[];
        letterBatchId: null;
      };
      expect(body.results.map((r) => r.key)).toEqual(chosen.map((l) => l.key));
      for (const r of body.results) expect(['notDue', 'alreadySent']).toContain(r.status);
      expect(body.letterBatchId).toBeNull();
      expect(await reminderEmailCount(page.request)).toBe(outboxBefore + 2);
    });

    await test.step('a viewer reads the to-do without a send button', async () => {
      const viewer = await openAs(browser, 'viewer@encours.test');
      await viewer.goto('/dunning');
      await expect(viewer.getByTestId('todo-count')).toHaveAttribute('data-count', /\d+/);
      await expect(viewer.locator('[data-testid="todo-line"]:visible').first()).toBeVisible();
      await expect(viewer.getByTestId('todo-send')).toHaveCount(0);
      await expect(viewer.locator('[data-testid="todo-line"] input[type="checkbox"]')).toHaveCount(0);
      await viewer.context().close();
    });
    await user.context().close();
  } finally {
    // Leave the demo's Standard scenario as the other browser tests expect it.
    const me = await json<{ csrfToken: string }>(page.request, '/api/auth/me');
    const restored = await page.request.put(`/api/dunning/profiles/${saved.id}`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { name: saved.name, scenario: saved.scenario },
    });
    expect(restored.status()).toBe(200);
  }
});

for (const { width, height } of [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
]) {
  test(`DUN-9 the reminders pages fit a ${width} px wide screen`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await signInAsDemo(page);
    for (const path of ['/dunning', '/settings/dunning']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expect(page.getByTestId(path === '/dunning' ? 'todo-count' : 'scenario-editor')).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} at ${width} px`).toBeLessThanOrEqual(0);
      const name = path.replace(/\W+/g, '-').replace(/^-/, '');
      // What the eye meets first, and the whole page.
      await page.screenshot({ path: `.tmp/e2e-results/screens/${name}-${width}.png` });
      await page.screenshot({ path: `.tmp/e2e-results/screens/${name}-${width}-full.png`, fullPage: true });
    }
  });
}

test('DUN-9 the to-do filters by portfolio and by channel, kept in the URL, and matches the API', async ({
  page,
}) => {
  await signInAsDemo(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  type Line = TodoLine & { salesRep: string | null; collector: string | null; profileId: string };
  const todo = await json<{ companyId: string; lines: Line[] }>(page.request, '/api/dunning/todo');
  const owner = todo.lines.find((l) => l.salesRep)?.salesRep;
  expect(owner, 'a demo customer with a sales rep has a reminder due').toBeTruthy();
  const ofOwner = todo.lines.filter((l) => l.salesRep === owner || l.collector === owner);
  expect(ofOwner.length).toBeGreaterThan(0);
  expect(ofOwner.length).toBeLessThan(todo.lines.length);

  await page.goto('/dunning');
  const visibleLines = page.locator('[data-testid="todo-line"]:visible');
  await expect(visibleLines).toHaveCount(todo.lines.length);
  await page.getByTestId('todo-owner').selectOption(owner!);
  await expect(page).toHaveURL(/owner=/);
  await expect(visibleLines).toHaveCount(ofOwner.length);
  const shown = await visibleLines.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
  expect(shown.sort()).toEqual(ofOwner.map((l) => l.key).sort());

  // Reloaded, the page keeps the filter; one more on the channel narrows it further.
  await page.reload();
  await expect(visibleLines).toHaveCount(ofOwner.length);
  const channel = ofOwner[0]!.channel;
  await page.getByTestId('todo-channel').selectOption(channel);
  await expect(visibleLines).toHaveCount(ofOwner.filter((l) => l.channel === channel).length);
  await page.screenshot({ path: '.tmp/e2e-results/screens/dunning-filtered-1440.png' });
});
