import { describe, expect, it } from 'vitest';
import { addDays, type CalendarDate } from '../calendar';
import { applyManualAction, applyReminders } from './actions';
import {
  type DunningCustomer,
  type DunningItem,
  type DunningOptions,
  type DunningPlan,
  planReminders,
} from './planner';
import {
  applyDocumentDateToReminders,
  type Scenario,
  type ScenarioStep,
  STANDARD_SCENARIO,
} from './scenario';

const today = '2024-04-30';
const ago = (days: number) => addDays(today, -days);

const customer = (key: string, fields: Partial<DunningCustomer> = {}): DunningCustomer => ({
  key,
  profileId: 'std',
  hasEmail: true,
  isStopped: false,
  isDisputed: false,
  ...fields,
});

/** An open debit of 1,000 € of C1, documented 30 days before its due date. */
const item = (key: string, fields: Partial<DunningItem> = {}): DunningItem => {
  const dueDate = fields.dueDate ?? ago(30);
  return {
    key,
    customerKey: 'C1',
    amount: 100_000,
    documentDate: addDays(dueDate, -30),
    dueDate,
    level: 'none',
    lastReminderDate: null,
    isStopped: false,
    isDisputed: false,
    isInCollection: false,
    hasAutomaticPayment: false,
    promises: [],
    settlement: null,
    isThanked: false,
    ...fields,
  };
};

const emailStep = (fields: Partial<ScenarioStep>): ScenarioStep => ({
  kind: 'reminder',
  channel: 'email',
  templateId: 'tpl',
  days: 0,
  basis: 'dueDate',
  cc: [],
  isAutomatic: true,
  maySkip: false,
  isEnabled: true,
  ...fields,
});

/** R1…R7 by email at due + 5, + 15, … + 65: every date of a very late invoice has come. */
const byDueDate = (r1: Partial<ScenarioStep> = {}): Scenario => ({
  name: 'By due date',
  withEmail: {
    isEnabled: true,
    steps: Array.from({ length: 7 }, (_, n) => emailStep({ days: 5 + 10 * n, ...(n === 0 ? r1 : {}) })),
  },
  withoutEmail: { isEnabled: false, steps: [] },
});

interface Run {
  customers?: DunningCustomer[];
  scenario?: Scenario;
  options?: Partial<DunningOptions>;
  on?: CalendarDate;
  now?: string;
  lastSync?: string | null;
}

const plan = (items: DunningItem[], run: Run = {}): DunningPlan =>
  planReminders({
    today: run.on ?? today,
    now: run.now ?? `${run.on ?? today}T02:00:00Z`,
    lastSuccessfulSyncAt:
      run.lastSync === undefined ? `${addDays(run.on ?? today, -1)}T22:00:00Z` : run.lastSync,
    scenarios: { std: run.scenario ?? STANDARD_SCENARIO },
    customers: run.customers ?? [customer('C1')],
    items,
    options: run.options,
  });

/** Reminders as [level, item keys] in plan order. */
const due = (p: DunningPlan) => p.reminders.map((r) => [r.level, r.itemKeys]);
const excluded = (p: DunningPlan) => p.exclusions.map((e) => [e.reason, e.itemKeys]);

describe('planReminders — triggers (DUN-4)', () => {
  it.each<[string, CalendarDate, unknown[]]>([
    [
      'DUN-4 the notice fires X days before the due date (due in 5 days, X = 5)',
      addDays(today, 5),
      [['notice', ['F1']]],
    ],
    ['DUN-4 no notice 6 days before the due date', addDays(today, 6), []],
    ['DUN-4 the notice still goes on the due date itself', today, [['notice', ['F1']]]],
    ['DUN-4 a notice is never sent late: overdue by 1 day, nothing (R1 waits for due + 5)', ago(1), []],
    ['DUN-4 R1 goes 5 days after the due date, without the notice that was missed', ago(5), [['R1', ['F1']]]],
  ])('%s', (_rule, dueDate, expected) => {
    expect(due(plan([item('F1', { dueDate })]))).toEqual(expected);
  });

  it('DUN-4 with the document date, reminders count from the document date and no notice goes', () => {
    const docBasis: Scenario = {
      ...STANDARD_SCENARIO,
      withEmail: applyDocumentDateToReminders(STANDARD_SCENARIO.withEmail),
    };
    // Documented 29 days ago, due 2 days ago: document + 5 has come, due + 5 has not.
    const late = item('F1', { documentDate: ago(29), dueDate: ago(2) });
    expect(due(plan([late], { scenario: docBasis }))).toEqual([['R1', ['F1']]]);
    expect(due(plan([late]))).toEqual([]);
    const soon = item('F2', { documentDate: ago(20), dueDate: addDays(today, 3) });
    expect(due(plan([soon]))).toEqual([['notice', ['F2']]]);
    expect(due(plan([soon], { scenario: docBasis }))).toEqual([]);
  });
});

describe('planReminders — one step at a time (DUN-5)', () => {
  it('DUN-5 R2 is never due before R1 is done, even when its date has long come', () => {
    expect(due(plan([item('F1', { dueDate: ago(100) })], { scenario: byDueDate() }))).toEqual([
      ['R1', ['F1']],
    ]);
  });

  it('DUN-5 R2 after the previous reminder waits 10 days from the day R1 was done', () => {
    const atR1 = (days: number) =>
      item('F1', { dueDate: ago(100), level: 'R1', lastReminderDate: ago(days) });
    expect(due(plan([atR1(9)]))).toEqual([]);
    expect(due(plan([atR1(10)]))).toEqual([['R2', ['F1']]]);
  });

  it('DUN-5 with R1 "may be skipped", R2 is due at its own date', () => {
    const scenario = byDueDate({ maySkip: true });
    // R1 at due + 5, R2 at due + 15.
    expect(due(plan([item('F1', { dueDate: ago(14) })], { scenario }))).toEqual([['R1', ['F1']]]);
    expect(due(plan([item('F1', { dueDate: ago(15) })], { scenario }))).toEqual([['R2', ['F1']]]);
    expect(due(plan([item('F1', { dueDate: ago(15) })], { scenario: byDueDate() }))).toEqual([
      ['R1', ['F1']],
    ]);
  });

  it('DUN-5 an invoice 200 days late climbs one level per run', () => {
    let items = [item('F1', { dueDate: ago(200) })];
    const levels: unknown[] = [];
    for (let day = 0; day < 9; day++) {
      const on = addDays(today, day);
      const p = plan(items, { scenario: byDueDate(), on });
      levels.push(p.reminders.map((r) => r.level).join(','));
      items = applyReminders(items, p.reminders, on);
    }
    expect(levels).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', '', '']);
  });

  it('DUN-5 a disabled step does not exist: R1 leads straight to R3', () => {
    const scenario = byDueDate();
    scenario.withEmail = {
      ...scenario.withEmail,
      steps: scenario.withEmail.steps.map((s, i) => (i === 1 ? { ...s, isEnabled: false } : s)),
    };
    const atR1 = item('F1', { dueDate: ago(100), level: 'R1', lastReminderDate: ago(1) });
    expect(due(plan([atR1], { scenario }))).toEqual([['R3', ['F1']]]);
  });
});

describe('planReminders — thank-you (DUN-6)', () => {
  const paid = (paidDaysAgo: number, fields: Partial<DunningItem> = {}) =>
    item('F1', {
      level: 'R1',
      lastReminderDate: ago(20),
      settlement: { date: ago(paidDaysAgo), isByLettering: true },
      ...fields,
    });

  it.each<[string, DunningItem, boolean]>([
    ['DUN-6 the thank-you goes X days after payment (X = 2)', paid(2), true],
    ['DUN-6 no thank-you before X days', paid(1), false],
    [
      'DUN-6 only for a settlement by lettering',
      paid(5, { settlement: { date: ago(5), isByLettering: false } }),
      false,
    ],
    ['DUN-6 only once', paid(5, { isThanked: true }), false],
    ['DUN-6 decision: not for an invoice nobody chased (level none)', paid(5, { level: 'none' }), false],
  ])('%s', (_rule, settled, expected) => {
    const p = plan([settled]);
    expect(p.reminders.filter((r) => r.kind === 'thankYou').map((r) => r.itemKeys)).toEqual(
      expected ? [['F1']] : [],
    );
  });

  it('DUN-6 once recorded, the thank-you does not go again the next days', () => {
    const first = plan([paid(2)]);
    const items = applyReminders([paid(2)], first.reminders, today);
    expect(items[0]?.isThanked).toBe(true);
    expect(plan(items, { on: addDays(today, 1) }).reminders).toEqual([]);
  });
});

describe('planReminders — grouping (DUN-7)', () => {
  /** Five items reaching R4, one reaching R3 and one reaching R1, in the Standard scenario. */
  const mixed = [
    ...['A', 'B', 'C', 'D', 'E'].map((k) =>
      item(k, { dueDate: ago(60), level: 'R3', lastReminderDate: ago(10) }),
    ),
    item('F', { dueDate: ago(60), level: 'R2', lastReminderDate: ago(10) }),
    item('G', { dueDate: ago(5) }),
  ];

  it('DUN-7 items at R4 (5), R3 (1) and R1 (1) give three reminders per level', () => {
    expect(due(plan(mixed))).toEqual([
      ['R1', ['G']],
      ['R3', ['F']],
      ['R4', ['A', 'B', 'C', 'D', 'E']],
    ]);
  });

  it('DUN-7 the same items give one reminder at R4 in account-situation mode, each item one level up', () => {
    const p = plan(mixed, { options: { grouping: 'accountSituation' } });
    expect(due(p)).toEqual([['R4', ['A', 'B', 'C', 'D', 'E', 'F', 'G']]]);
    expect(p.reminders[0]?.total).toBe(700_000);
    expect(p.reminders[0]?.levelUps.map((u) => u.level)).toEqual(['R4', 'R4', 'R4', 'R4', 'R4', 'R3', 'R1']);
  });

  it('DUN-7 a credit at R2 is in the R2 reminder, not in the R3 one', () => {
    const items = [
      item('F2', { dueDate: ago(60), level: 'R1', lastReminderDate: ago(10) }),
      item('F3', { dueDate: ago(60), level: 'R2', lastReminderDate: ago(10) }),
      item('AV', { amount: -20_000, dueDate: ago(50), level: 'R1', lastReminderDate: ago(10) }),
    ];
    const p = plan(items);
    expect(due(p)).toEqual([
      ['R2', ['F2', 'AV']],
      ['R3', ['F3']],
    ]);
    expect(p.reminders[0]?.total).toBe(80_000);
  });

  it('DUN-7 a credit note is never in a notice and is in R1', () => {
    const creditNote = item('AV', { amount: -20_000, dueDate: ago(3) });
    const notice = plan([item('F1', { dueDate: addDays(today, 2) }), creditNote]);
    expect(due(notice)).toEqual([['notice', ['F1']]]);
    const r1 = plan([item('F1', { dueDate: ago(5) }), creditNote]);
    expect(due(r1)).toEqual([['R1', ['F1', 'AV']]]);
    expect(r1.reminders[0]?.total).toBe(80_000);
  });

  it('DUN-7 account situation: a notice still goes on its own', () => {
    const p = plan([item('F1', { dueDate: addDays(today, 2) }), item('F2', { dueDate: ago(5) })], {
      options: { grouping: 'accountSituation' },
    });
    expect(due(p)).toEqual([
      ['notice', ['F1']],
      ['R1', ['F2']],
    ]);
  });
});

describe('planReminders — exclusions (DUN-8)', () => {
  const dueR1 = (fields: Partial<DunningItem> = {}) => item('F1', { dueDate: ago(10), ...fields });

  it.each<[string, DunningItem[], Run, unknown[]]>([
    [
      'DUN-8 item paid by an automatic payment method',
      [dueR1({ hasAutomaticPayment: true })],
      {},
      [['automaticPayment', ['F1']]],
    ],
    ['DUN-8 item on STOP', [dueR1({ isStopped: true })], {}, [['itemStop', ['F1']]]],
    [
      'DUN-8 customer on STOP',
      [dueR1()],
      { customers: [customer('C1', { isStopped: true })] },
      [['customerStop', ['F1']]],
    ],
    [
      'DUN-8 item below the per-item minimum',
      [dueR1({ amount: 4_000 })],
      { options: { itemMinimum: 5_000 } },
      [['belowItemMinimum', ['F1']]],
    ],
    [
      'DUN-8 item whose only promises are still upcoming (option on)',
      [dueR1({ promises: [{ amount: 100_000, date: addDays(today, 10), isCancelled: false }] })],
      { options: { excludeUpcomingPromises: true } },
      [['upcomingPromise', ['F1']]],
    ],
    [
      'DUN-8 item already settled',
      [dueR1({ settlement: { date: ago(1), isByLettering: false } })],
      {},
      [['settled', ['F1']]],
    ],
    ['DUN-8 item in collection', [dueR1({ isInCollection: true })], {}, [['inCollection', ['F1']]]],
    ['DUN-8 item in dispute', [dueR1({ isDisputed: true })], {}, [['itemDispute', ['F1']]]],
    [
      'DUN-8 customer whose profile has no active scenario',
      [dueR1()],
      { customers: [customer('C1', { profileId: 'none' })] },
      [['noActiveScenario', ['F1']]],
    ],
    [
      'DUN-8 customer whose variant is switched off',
      [dueR1()],
      { customers: [customer('C1', { hasEmail: false })], scenario: byDueDate() },
      [['noActiveScenario', ['F1']]],
    ],
    [
      'DUN-8 customer in credit (balance < 0)',
      [dueR1(), item('PAY', { amount: -150_000, dueDate: ago(40), level: 'R5' })],
      {},
      [['customerInCredit', ['F1']]],
    ],
  ])('%s', (_rule, items, run, expected) => {
    const p = plan(items, run);
    expect(p.reminders).toEqual([]);
    expect(excluded(p)).toEqual(expected);
  });

  it('DUN-8 an excluded item leaves the others of the customer in the reminder', () => {
    const p = plan([dueR1({ isStopped: true }), item('F2', { dueDate: ago(10) })]);
    expect(due(p)).toEqual([['R1', ['F2']]]);
    expect(excluded(p)).toEqual([['itemStop', ['F1']]]);
  });

  it('DUN-8 a late promise does not hold the item back', () => {
    const late = dueR1({ promises: [{ amount: 100_000, date: ago(1), isCancelled: false }] });
    expect(due(plan([late], { options: { excludeUpcomingPromises: true } }))).toEqual([['R1', ['F1']]]);
    const upcoming = dueR1({ promises: [{ amount: 100_000, date: addDays(today, 10), isCancelled: false }] });
    expect(due(plan([upcoming]))).toEqual([['R1', ['F1']]]);
  });

  it('DUN-8 customers in credit are reminded when the option says so', () => {
    const items = [dueR1(), item('PAY', { amount: -150_000, dueDate: ago(40), level: 'R5' })];
    expect(due(plan(items, { options: { remindCustomersInCredit: true } }))).toEqual([['R1', ['F1']]]);
  });

  it.each<[string, number, string | null]>([
    ['DUN-8 threshold 100 €: a total of 50 € is not sent automatically', 5_000, 'belowThreshold'],
    ['DUN-8 ceiling 10,000 €: a total of 20,000 € goes to a person', 2_000_000, 'aboveCeiling'],
    ['DUN-8 a total of 500 € between them is sent', 50_000, null],
    ['DUN-8 a total equal to the ceiling is sent', 1_000_000, null],
  ])('%s', (_rule, amount, reason) => {
    const p = plan([dueR1({ amount })], { options: { threshold: 10_000, ceiling: 1_000_000 } });
    expect(p.toSendAutomatically.map((r) => r.total)).toEqual(reason ? [] : [amount]);
    expect(p.exclusions.map((e) => [e.reason, e.reminder?.total])).toEqual(reason ? [[reason, amount]] : []);
  });

  it('DUN-8 a customer in dispute is reminded and marked (D); an item in dispute is not', () => {
    const p = plan(
      [
        dueR1({ customerKey: 'C1' }),
        item('F2', { customerKey: 'C2', dueDate: ago(10) }),
        item('F3', { customerKey: 'C2', dueDate: ago(10), isDisputed: true }),
      ],
      { customers: [customer('C1', { isDisputed: true }), customer('C2')] },
    );
    expect(p.reminders.map((r) => [r.customerKey, r.itemKeys, r.isDisputed])).toEqual([
      ['C1', ['F1'], true],
      ['C2', ['F2'], false],
    ]);
    expect(excluded(p)).toEqual([['itemDispute', ['F3']]]);
  });
});

describe('applyManualAction (DUN-11)', () => {
  const items = [
    item('F1', { level: 'R2', lastReminderDate: ago(3) }),
    item('F2', { level: 'R2', lastReminderDate: ago(3) }),
    item('F3', { level: 'none' }),
  ];

  it('DUN-11 a call that counts for the scenario moves the selected items up one level', () => {
    const after = applyManualAction(items, { itemKeys: ['F1', 'F3'], countsForScenario: true, date: today });
    expect(after.map((i) => [i.key, i.level, i.lastReminderDate])).toEqual([
      ['F1', 'R3', today],
      ['F2', 'R2', ago(3)],
      ['F3', 'R1', today],
    ]);
  });

  it('DUN-11 a one-off call changes nothing', () => {
    expect(
      applyManualAction(items, { itemKeys: ['F1', 'F3'], countsForScenario: false, date: today }),
    ).toEqual(items);
  });

  it('DUN-11 the next step counts from the call: R4 waits 10 days after it', () => {
    const after = applyManualAction(items, { itemKeys: ['F1'], countsForScenario: true, date: today });
    expect(due(plan(after.slice(0, 1), { on: addDays(today, 9) }))).toEqual([]);
    expect(due(plan(after.slice(0, 1), { on: addDays(today, 10) }))).toEqual([['R4', ['F1']]]);
  });
});

describe('planReminders — freshness gate and tasks (DUN-12, DUN-3)', () => {
  const items = [item('F1', { dueDate: ago(10) })];
  const now = `${today}T02:00:00Z`;
  const hoursAgo = (h: number) => new Date(Date.parse(now) - h * 3_600_000).toISOString();

  it.each<[string, number | null, number | undefined, boolean]>([
    ['DUN-12 last successful sync 25 h ago → nothing sent and an alert', 25, undefined, false],
    ['DUN-12 last successful sync 23 h ago → sent', 23, undefined, true],
    ['DUN-12 window 72 h and sync 50 h ago → sent', 50, 72, true],
    ['DUN-12 never synced → nothing sent and an alert', null, undefined, false],
  ])('%s', (_rule, hours, freshnessHours, isSent) => {
    const p = plan(items, {
      now,
      lastSync: hours === null ? null : hoursAgo(hours),
      options: freshnessHours ? { freshnessHours } : {},
    });
    expect(p.toSendAutomatically.map((r) => r.itemKeys)).toEqual(isSent ? [['F1']] : []);
    expect(p.freshness.isFresh).toBe(isSent);
    expect(p.freshness.alert === null).toBe(isSent);
    expect(due(p)).toEqual([['R1', ['F1']]]);
  });

  it('DUN-3 a phone step and a manual letter become tasks, not automatic sendings', () => {
    const p = plan([
      item('F3', { dueDate: ago(60), level: 'R2', lastReminderDate: ago(10) }),
      item('F4', { dueDate: ago(60), level: 'R3', lastReminderDate: ago(10) }),
    ]);
    expect(p.tasks.map((t) => [t.channel, t.level, t.itemKeys, t.dueDate])).toEqual([
      ['phone', 'R3', ['F3'], today],
      ['letter', 'R4', ['F4'], today],
    ]);
    expect(p.toSendAutomatically).toEqual([]);
  });
});
