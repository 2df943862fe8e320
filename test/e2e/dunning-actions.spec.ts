import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { signInAsDemo } from './sign-in';

/**
 * Issue 4 points 3 and 4 in the browser: individual actions on the customer record (DUN-11,
 * DUN-8, CSH-1), the mass reminder by criteria (DUN-10, DUN-13), the action list, and a viewer
 * who sees but cannot act. Each journey leaves the demo as it found it where it can.
 */

interface TodoLine {
  key: string;
  customerId: string;
  account: string;
  name: string;
  channel: string;
  level: string | null;
  pieces: string[];
  exclusion: string | null;
  rowStatus: string | null;
}
interface Todo {
  companyId: string;
  lines: TodoLine[];
  excluded: { account: string; reason: string }[];
}
interface DunningItem {
  entryKey: string;
  pieceRef: string;
  amount: number;
  level: string;
  promises: { amount: number; date: string; status: string }[];
}
interface CustomerDunning {
  profileId: string;
  stopReason: string | null;
  items: DunningItem[];
  actions: { kind: string; outcome: string | null; comment: string | null; countsForScenario: boolean }[];
}
interface CriteriaResult {
  customers: { account: string; hasEmail: boolean }[];
  total: number;
}
interface Task {
  id: string;
  account: string;
  salesRep: string | null;
  status: string;
  comment: string | null;
  doneByName: string | null;
}
interface Profile {
  id: string;
  name: string;
  isDefault: boolean;
  scenario: {
    name: string;
    withEmail: { isEnabled: boolean; steps: Record<string, unknown>[] };
    withoutEmail: unknown;
  };
}

async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(/e-?mail/i).fill(email);
  await page.getByLabel(/mot de passe|password/i).fill('demo');
  await page.getByRole('button', { name: /connexion|se connecter|sign in/i }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

/** A person in a browser context of their own (their own session cookie). */
async function openAs(browser: Browser, email: string, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signInAs(page, email);
  return page;
}

async function json<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

/** A change through the API, with the session's CSRF token. */
async function send(
  request: APIRequestContext,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  data?: unknown,
): Promise<{ status: number; body: unknown }> {
  const { csrfToken } = await json<{ csrfToken: string }>(request, '/api/auth/me');
  const response = await request.fetch(url, { method, headers: { 'x-csrf-token': csrfToken }, data });
  const text = await response.text();
  return { status: response.status(), body: text ? JSON.parse(text) : null };
}

async function reminderEmailCount(request: APIRequestContext): Promise<number> {
  const { items } = await json<{ items: { kind: string }[] }>(request, '/api/mail-messages?pageSize=200');
  return items.filter((m) => m.kind === 'reminder').length;
}

/** R1 email lines of the caller's to-do that would go today, one per customer. */
async function sendableLines(request: APIRequestContext): Promise<{ todo: Todo; lines: TodoLine[] }> {
  const todo = await json<Todo>(request, '/api/dunning/todo');
  const seen = new Set<string>();
  const lines = todo.lines.filter((l) => {
    const ok =
      l.channel === 'email' && l.level === 'R1' && !l.exclusion && !l.rowStatus && !seen.has(l.account);
    seen.add(l.account);
    return ok;
  });
  return { todo, lines };
}

async function noSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, what).toBeLessThanOrEqual(0);
}

test('DUN-11 DUN-8 CSH-1 a user puts a customer on STOP and records a call with a promise; the to-do no longer lists the customer', async ({
  page,
  browser,
}) => {
  await signInAsDemo(page);
  const user = await openAs(browser, 'user@encours.test');
  const { lines } = await sendableLines(user.request);
  const line = lines[0]!;
  expect(line).toBeDefined();
  const stateUrl = `/api/customers/${line.customerId}/dunning`;
  try {
    await user.goto(`/customers/${line.customerId}`);
    const card = user.getByTestId('record-dunning');
    const stop = card.getByTestId('customer-stop');
    await expect(stop).toHaveAttribute('data-state', 'off');

    await test.step('STOP on the customer, with its reason', async () => {
      await card.getByTestId('customer-stop-toggle').click();
      const dialog = user.getByTestId('stop-dialog');
      // Without a reason, nothing is sent.
      await dialog.getByTestId('stop-submit').click();
      await expect(dialog.getByText(/motif en quelques mots|say why/i)).toBeVisible();
      await dialog.getByLabel(/motif|reason/i).fill('Échéancier en cours');
      await dialog.getByTestId('stop-submit').click();
      await expect(dialog).toHaveCount(0);
      await expect(stop).toHaveAttribute('data-state', 'on');
      await expect(stop).toContainText('Échéancier en cours');
      expect((await json<CustomerDunning>(user.request, stateUrl)).stopReason).toBe('Échéancier en cours');
      // DUN-8: its reminder due today is held back, with the reason.
      const todo = await json<Todo>(user.request, '/api/dunning/todo');
      expect(todo.lines.filter((l) => l.account === line.account)).toEqual([]);
      expect(todo.excluded.find((e) => e.account === line.account)?.reason).toBe('customerStop');
    });

    const before = await json<CustomerDunning>(user.request, stateUrl);
    const item = before.items.find((i) => line.pieces.includes(i.pieceRef) && i.amount > 10_000)!;
    expect(item).toBeDefined();

    await test.step('a call on one item that counts for the scenario, with a promise of 100 on 10 May', async () => {
      const row = card.locator(`[data-testid="dunning-item"][data-key="${item.entryKey}"]`);
      await row.getByRole('checkbox').check();
      await expect(card.getByTestId('dunning-selection')).toHaveAttribute('data-count', '1');
      await card.getByTestId('act-call').click();
      const dialog = user.getByTestId('action-dialog');
      await dialog.getByLabel(/résultat|outcome/i).selectOption('reached');
      await dialog.getByLabel(/commentaire|comment/i).fill('Règlement promis pour le 10');
      await dialog.getByLabel(/promis de payer|promised to pay/i).check();
      // A date already past is refused in the form.
      await dialog.getByLabel(/promis pour le|promised for/i).fill('2024-04-01');
      await dialog.getByTestId('action-submit').click();
      await expect(dialog.getByText(/à partir d’aujourd’hui|from today on/i)).toBeVisible();
      await dialog.getByLabel(/promis pour le|promised for/i).fill('2024-05-10');
      await dialog.getByLabel(/montant|amount/i).fill('100');
      await dialog.getByTestId('action-submit').click();
      await expect(dialog).toHaveCount(0);

      await expect(row.getByTestId('promise')).toHaveAttribute('data-status', 'expected');
      await expect(row).toHaveAttribute('data-promise-tone', 'expected');
      const last = card.getByTestId('dunning-action').first();
      await expect(last).toHaveAttribute('data-kind', 'call');
      await expect(last).toContainText('Règlement promis pour le 10');

      const after = await json<CustomerDunning>(user.request, stateUrl);
      const moved = after.items.find((i) => i.entryKey === item.entryKey)!;
      // DUN-11: it counted, so the item went one level up.
      expect(moved.level).not.toBe(item.level);
      expect(moved.promises).toEqual([
        { id: expect.any(String), amount: 10_000, date: '2024-05-10', status: 'expected' },
      ]);
      expect(after.actions[0]).toMatchObject({
        kind: 'call',
        outcome: 'reached',
        comment: 'Règlement promis pour le 10',
        countsForScenario: true,
      });
    });

    await test.step('an email written on the record goes to the outbox as written (DUN-11)', async () => {
      const before = await reminderEmailCount(page.request);
      const row = card.locator(`[data-testid="dunning-item"][data-key="${item.entryKey}"]`);
      await row.getByRole('checkbox').check();
      await card.getByTestId('act-email').click();
      const dialog = user.getByTestId('action-dialog');
      // Addressed to the customer's email, the items listed in the text.
      await expect(dialog.getByLabel(/^à$|^to$/i)).toHaveValue(/@/);
      await expect(dialog.getByLabel(/^message$/i)).toHaveValue(new RegExp(item.pieceRef));
      await dialog.getByLabel(/ponctuelle|one-off/i).check();
      await dialog.getByLabel(/^objet$|^subject$/i).fill('Votre facture en retard (e2e)');
      // TPL-5: the statement of account on demand.
      await dialog.getByLabel(/relevé de compte|account statement/i).check();
      await dialog.getByTestId('action-submit').click();
      await expect(dialog).toHaveCount(0);
      await expect(card.getByTestId('dunning-action').first()).toHaveAttribute('data-kind', 'email');
      expect(await reminderEmailCount(page.request)).toBe(before + 1);
      const { items } = await json<{ items: { subject: string }[] }>(
        page.request,
        '/api/mail-messages?pageSize=200',
      );
      expect(items.some((m) => m.subject === 'Votre facture en retard (e2e)')).toBe(true);
      // The Activities page shows the statement among the email's attachments.
      const activities = await json<{ items: { id: string; subject: string | null }[] }>(
        page.request,
        '/api/activities?channel=email&pageSize=100',
      );
      const sent = activities.items.find((a) => a.subject === 'Votre facture en retard (e2e)')!;
      const detail = await json<{ email: { attachments: { kind: string }[] } | null }>(
        page.request,
        `/api/activities/${sent.id}`,
      );
      expect(detail.email?.attachments.map((a) => a.kind)).toContain('statement');
    });

    await test.step('the to-do page no longer lists the customer', async () => {
      await user
        .getByTestId('record-reminders')
        .getByRole('link', { name: /relances du jour|reminders due today/i })
        .click();
      await expect(user).toHaveURL(/\/dunning$/);
      const todo = await json<Todo>(user.request, '/api/dunning/todo');
      await expect(user.getByTestId('todo-count')).toHaveAttribute('data-count', String(todo.lines.length));
      await expect(user.locator(`[data-testid="todo-line"][data-account="${line.account}"]`)).toHaveCount(0);
      expect(todo.lines.filter((l) => l.account === line.account)).toEqual([]);
    });
  } finally {
    expect((await send(user.request, 'PATCH', stateUrl, { stopReason: null })).status).toBe(204);
    await user.context().close();
  }
});

test('DUN-10 DUN-13 a mass reminder by criteria sends one email per customer; sending again sends nothing', async ({
  page,
  browser,
}) => {
  await signInAsDemo(page);
  const user = await openAs(browser, 'user@encours.test');
  const { companies } = await json<{ companies: { id: string }[] }>(user.request, '/api/companies');
  const expected = await json<CriteriaResult>(
    user.request,
    `/api/dunning/criteria?companyId=${companies[0]!.id}&minDaysLate=90&minAmount=100000`,
  );
  expect(expected.customers.length).toBeGreaterThan(0);

  await user.goto('/dunning');
  await user
    .getByTestId('dunning-tabs')
    .getByRole('link', { name: /par critères|by criteria/i })
    .click();
  await expect(user).toHaveURL(/\/dunning\/criteria/);
  await user.getByLabel(/retard \(jours\) de|days late from/i).fill('90');
  await user.getByLabel(/^montant de$|^amount from$/i).fill('1 000');
  await user.getByTestId('criteria-search').click();
  await expect(user).toHaveURL(/minDaysLate=90/);
  await expect(user).toHaveURL(/minAmount=100000/);
  const results = user.getByTestId('criteria-results');
  await expect(user.getByTestId('criteria-count')).toHaveAttribute(
    'data-count',
    String(expected.customers.length),
  );
  await expect(user.getByTestId('criteria-total')).toHaveAttribute('data-cents', String(expected.total));
  // An email cannot go to a customer without an address: those are left unticked.
  for (const c of expected.customers.filter((x) => !x.hasEmail)) {
    await results
      .locator(`[data-testid="criteria-customer"][data-account="${c.account}"]`)
      .getByRole('checkbox')
      .uncheck();
  }
  const n = expected.customers.filter((x) => x.hasEmail).length;
  expect(n).toBeGreaterThan(0);

  const panel = user.getByTestId('criteria-send');
  await panel.getByLabel(/modèle|template/i).selectOption('standard-r2');
  await panel.getByLabel(/canal|channel/i).selectOption('email');
  const before = await reminderEmailCount(page.request);
  await panel.getByTestId('criteria-send-button').click();
  const summary = user.getByTestId('send-results');
  await expect(summary.getByTestId('send-status-outbox')).toHaveAttribute('data-count', String(n));
  await expect(summary.locator('[data-testid^="send-status-"]')).toHaveCount(1);
  expect(await reminderEmailCount(page.request)).toBe(before + n);

  // DUN-13: the same customers, template and items again: nothing goes.
  await panel.getByTestId('criteria-send-button').click();
  await expect(summary.getByTestId('send-status-alreadySent')).toHaveAttribute('data-count', String(n));
  await expect(summary.locator('[data-testid^="send-status-"]')).toHaveCount(1);
  expect(await reminderEmailCount(page.request)).toBe(before + n);

  // The customer record names who sent the reminder (DUN-14).
  const first = expected.customers.find((x) => x.hasEmail)!;
  await results
    .locator(`[data-testid="criteria-customer"][data-account="${first.account}"]`)
    .getByRole('link')
    .click();
  const reminder = user.getByTestId('record-reminders').getByTestId('customer-reminder').first();
  await expect(reminder.getByTestId('reminder-user')).toContainText('Julien Lefèvre');
  await user.context().close();
});

test('issue 4 point 4 a call step lands in the action list, for the customer’s sales rep; marking it done keeps the comment', async ({
  page,
  browser,
}) => {
  await signInAsDemo(page);
  const { items: profiles } = await json<{ items: Profile[] }>(page.request, '/api/dunning/profiles');
  const standard = profiles.find((p) => p.isDefault)!;
  // A profile whose R1 is a call: a task for a person, not an email.
  const steps = standard.scenario.withEmail.steps.map((step, i) =>
    i === 1 ? { ...step, channel: 'phone', templateId: null, isAutomatic: false } : step,
  );
  const created = await send(page.request, 'POST', '/api/dunning/profiles', {
    name: 'Appels e2e',
    scenario: {
      ...standard.scenario,
      name: 'Appels e2e',
      withEmail: { ...standard.scenario.withEmail, steps },
    },
  });
  expect(created.status).toBe(200);
  const callProfile = created.body as Profile;

  const user = await openAs(browser, 'user@encours.test');
  try {
    const { todo, lines } = await sendableLines(user.request);
    const line = lines[lines.length - 1]!;

    await test.step('the user moves a customer to that profile from its record', async () => {
      await user.goto(`/customers/${line.customerId}`);
      await user.getByTestId('record-dunning').getByTestId('customer-profile').selectOption(callProfile.id);
      await expect
        .poll(
          async () =>
            (await json<CustomerDunning>(user.request, `/api/customers/${line.customerId}/dunning`))
              .profileId,
        )
        .toBe(callProfile.id);
    });

    const call = (await json<Todo>(user.request, '/api/dunning/todo')).lines.find(
      (l) => l.account === line.account && l.channel === 'phone',
    )!;
    expect(call).toBeDefined();
    const sent = await send(user.request, 'POST', '/api/dunning/send', {
      companyId: todo.companyId,
      keys: [call.key],
    });
    expect((sent.body as { results: { status: string }[] }).results.map((r) => r.status)).toEqual([
      'waiting',
    ]);
    const [task] = (await json<{ items: Task[] }>(user.request, '/api/dunning/tasks')).items.filter(
      (x) => x.account === line.account,
    );
    expect(task?.salesRep).toBe('Julien Lefèvre');

    await user.goto('/dunning');
    await user
      .getByTestId('dunning-tabs')
      .getByRole('link', { name: /liste d’actions|action list/i })
      .click();
    await expect(user).toHaveURL(/\/dunning\/tasks$/);
    const row = user.locator(`[data-testid="task"][data-account="${line.account}"]`);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(line.name);
    await expect(row.getByTestId('task-owners')).toContainText('Julien Lefèvre');
    await row.getByTestId('task-close').click();
    await row.getByLabel(/commentaire|comment/i).fill('Joint la comptable, virement vendredi');
    await row.getByTestId('task-done').click();
    await expect(row).toHaveCount(0);

    await user
      .getByTestId('task-status')
      .getByRole('button', { name: /^faites$|^done$/i })
      .click();
    await expect(user).toHaveURL(/status=done/);
    const done = user.locator(`[data-testid="task"][data-id="${task!.id}"]`);
    await expect(done).toHaveAttribute('data-status', 'done');
    await expect(done).toContainText('Joint la comptable, virement vendredi');
    await expect(done).toContainText('Julien Lefèvre');
    const closed = (await json<{ items: Task[] }>(user.request, '/api/dunning/tasks?status=done')).items.find(
      (x) => x.id === task!.id,
    );
    expect(closed).toMatchObject({
      status: 'done',
      doneByName: 'Julien Lefèvre',
      comment: 'Joint la comptable, virement vendredi',
    });
  } finally {
    const removed = await send(
      page.request,
      'DELETE',
      `/api/dunning/profiles/${callProfile.id}?moveTo=${standard.id}`,
    );
    expect(removed.status).toBe(204);
    await user.context().close();
  }
});

test('DUN-1 Settings › Reminders says in words why a profile is refused (409 profile_name_taken)', async ({
  page,
}) => {
  await signInAsDemo(page);
  await page.goto('/settings/dunning');
  await page.getByLabel(/nouveau profil|new profile/i).fill('Standard');
  await page.getByRole('button', { name: /^créer$|^create$/i }).click();
  const error = page.getByTestId('profile-error');
  await expect(error).toHaveAttribute('data-code', 'profile_name_taken');
  await expect(error).toHaveText(/un profil porte déjà ce nom|a profile already has this name/i);
  const { items } = await json<{ items: Profile[] }>(page.request, '/api/dunning/profiles');
  expect(items.filter((p) => p.name === 'Standard')).toHaveLength(1);
});

test('COL-5 a viewer reads the dunning of a customer, the criteria and the action list without any action button', async ({
  browser,
}) => {
  const viewer = await openAs(browser, 'viewer@encours.test');
  const todo = await json<Todo>(viewer.request, '/api/dunning/todo');
  const line = todo.lines[0]!;
  await viewer.goto(`/customers/${line.customerId}`);
  const card = viewer.getByTestId('record-dunning');
  await expect(card.getByTestId('dunning-item').first()).toBeVisible();
  await expect(card.getByTestId('customer-stop')).toBeVisible();
  await expect(card.getByRole('checkbox')).toHaveCount(0);
  await expect(card.getByRole('button')).toHaveCount(0);
  await expect(card.getByTestId('customer-profile')).toHaveCount(0);

  await viewer.goto('/dunning/criteria?search=1&minDaysLate=60');
  await expect(viewer.getByTestId('criteria-customer').first()).toBeVisible();
  await expect(viewer.getByTestId('criteria-send')).toHaveCount(0);
  await expect(viewer.getByTestId('criteria-results').getByRole('checkbox')).toHaveCount(0);

  await viewer.goto('/dunning/tasks?status=done');
  await expect(viewer.getByTestId('task').first()).toBeVisible();
  await viewer.goto('/dunning/tasks');
  await expect(viewer.getByTestId('task-count')).toHaveAttribute('data-count', /\d+/);
  await expect(viewer.getByTestId('task-close')).toHaveCount(0);
  await viewer.context().close();
});

for (const { width, height } of [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
]) {
  test(`DUN-10 DUN-11 the customer's dunning, the criteria and the action list fit a ${width} px wide screen`, async ({
    browser,
  }) => {
    const user = await openAs(browser, 'user@encours.test', { width, height });
    const { lines } = await sendableLines(user.request);
    const shot = (name: string, fullPage = false) =>
      user.screenshot({
        path: `.tmp/e2e-results/screens/${name}-${width}${fullPage ? '-full' : ''}.png`,
        fullPage,
      });

    // CSH-1: one item with a late promise (orange), one with a promise to come (blue), and a call.
    const id = lines[0]!.customerId;
    const state = await json<CustomerDunning>(user.request, `/api/customers/${id}/dunning`);
    const [late, coming] = state.items.filter((i) => i.amount > 0);
    expect(coming).toBeDefined();
    if (late!.promises.length === 0) {
      const url = `/api/customers/${id}/dunning`;
      const late20 = { entryKey: late!.entryKey, amount: late!.amount, date: '2024-04-20' };
      expect((await send(user.request, 'POST', `${url}/promises`, late20)).status).toBe(204);
      const half = { entryKey: coming!.entryKey, amount: Math.ceil(coming!.amount / 2), date: '2024-05-15' };
      expect((await send(user.request, 'POST', `${url}/promises`, half)).status).toBe(204);
      const call = {
        kind: 'call',
        entryKeys: [late!.entryKey],
        countsForScenario: false,
        outcome: 'noAnswer',
        comment: 'Messagerie : rappeler lundi',
      };
      expect((await send(user.request, 'POST', `${url}/actions`, call)).status).toBe(204);
    }
    await user.goto(`/customers/${id}`);
    const card = user.getByTestId('record-dunning');
    await expect(card.locator(`[data-key="${late!.entryKey}"]`)).toHaveAttribute('data-promise-tone', 'late');
    await expect(card.locator(`[data-key="${coming!.entryKey}"]`)).toHaveAttribute(
      'data-promise-tone',
      'expected',
    );
    await user.waitForLoadState('networkidle');
    await noSidewaysScroll(user, `record at ${width} px`);
    await card.scrollIntoViewIfNeeded();
    await card.getByTestId('dunning-item').first().getByRole('checkbox').check();
    await card.screenshot({ path: `.tmp/e2e-results/screens/record-dunning-${width}.png` });
    await shot('customer-record', true);
    await card.getByTestId('act-call').click();
    await user
      .getByTestId('action-dialog')
      .getByLabel(/promis de payer|promised to pay/i)
      .check();
    await shot('record-call-dialog');
    await user.keyboard.press('Escape');
    await expect(user.getByTestId('action-dialog')).toHaveCount(0);

    await user.goto('/dunning/criteria?search=1&minDaysLate=60');
    await expect(user.getByTestId('criteria-customer').first()).toBeVisible();
    await user.waitForLoadState('networkidle');
    await noSidewaysScroll(user, `criteria at ${width} px`);
    await shot('dunning-criteria');
    await shot('dunning-criteria', true);

    await user.goto('/dunning/tasks?status=done');
    await expect(user.getByTestId('task').first()).toBeVisible();
    await user.waitForLoadState('networkidle');
    await noSidewaysScroll(user, `tasks at ${width} px`);
    await shot('dunning-tasks', true);
    await user.context().close();
  });
}
