import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar';
import { applyReminders } from './actions';
import { DUNNING_LEVELS, levelRank } from './levels';
import { listLevelSteps } from './next-step';
import {
  type DunningCustomer,
  type DunningItem,
  nextCreditLevel,
  type PlannerInput,
  planReminders,
} from './planner';
import { type Scenario, type ScenarioStep, STANDARD_SCENARIO } from './scenario';

const today = '2024-04-30';
const ago = (days: number) => addDays(today, -days);

/** True one time in ten. */
const rare = fc.integer({ min: 0, max: 9 }).map((n) => n === 0);

const stepArb = (kind: ScenarioStep['kind'], basis: fc.Arbitrary<ScenarioStep['basis']>) =>
  fc.record({
    kind: fc.constant(kind),
    channel: fc.constantFrom<ScenarioStep['channel']>('email', 'phone'),
    templateId: fc.constant('tpl'),
    days: fc.integer({ min: 0, max: 20 }),
    basis,
    cc: fc.constant([]),
    isAutomatic: fc.boolean(),
    maySkip: fc.boolean(),
    isEnabled: rare.map((isOff) => !isOff),
  });

/** Variants of every shape DUN-3 and DUN-4 allow: reminders after the due date, or all after the document date. */
const variantArb = fc.oneof(
  fc
    .tuple(
      stepArb('notice', fc.constant(null)),
      stepArb('reminder', fc.constant('dueDate')),
      fc.array(stepArb('reminder', fc.constantFrom('previousReminder', 'dueDate')), { maxLength: 6 }),
      stepArb('thankYou', fc.constant(null)),
    )
    .map(([notice, r1, rest, thankYou]) => [notice, r1, ...rest, thankYou]),
  fc
    .tuple(
      fc.array(stepArb('reminder', fc.constant('documentDate')), { minLength: 1, maxLength: 7 }),
      stepArb('thankYou', fc.constant(null)),
    )
    .map(([reminders, thankYou]) => [...reminders, thankYou]),
);

const scenarioArb: fc.Arbitrary<Scenario> = fc.oneof(
  fc.constant(STANDARD_SCENARIO),
  fc.tuple(variantArb, variantArb).map(([withEmail, withoutEmail]) => ({
    name: 'generated',
    withEmail: { isEnabled: true, steps: withEmail },
    withoutEmail: { isEnabled: true, steps: withoutEmail },
  })),
);

const customerArb = (key: string): fc.Arbitrary<DunningCustomer> =>
  fc.record({
    key: fc.constant(key),
    profileId: fc.constant('p'),
    hasEmail: fc.boolean(),
    isStopped: rare,
    isDisputed: fc.boolean(),
  });

/** A value one time in five, else `null`. */
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: arb, weight: 1 });

const itemArb = fc
  .record({
    customerKey: fc.constantFrom('C1', 'C2', 'C3'),
    amount: fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 500_000 }), weight: 4 },
      { arbitrary: fc.integer({ min: -100_000, max: -1 }), weight: 1 },
    ),
    dueDaysAgo: fc.integer({ min: -20, max: 250 }),
    termDays: fc.integer({ min: 0, max: 60 }),
    level: fc.oneof(
      { arbitrary: fc.constant('none' as const), weight: 3 },
      { arbitrary: fc.constantFrom(...DUNNING_LEVELS), weight: 2 },
    ),
    lastReminderDaysAgo: fc.option(fc.integer({ min: 0, max: 60 }), { freq: 5 }),
    isStopped: rare,
    isDisputed: rare,
    isInCollection: rare,
    hasAutomaticPayment: rare,
    promiseDaysAgo: sometimes(fc.integer({ min: -10, max: 10 })),
    settlement: sometimes(
      fc.record({ daysAgo: fc.integer({ min: 0, max: 10 }), isByLettering: fc.boolean() }),
    ),
    isThanked: fc.boolean(),
  })
  .map(
    (r): Omit<DunningItem, 'key'> => ({
      customerKey: r.customerKey,
      amount: r.amount,
      dueDate: ago(r.dueDaysAgo),
      documentDate: ago(r.dueDaysAgo + r.termDays),
      level: r.level,
      lastReminderDate:
        r.level === 'none' || r.lastReminderDaysAgo === null ? null : ago(r.lastReminderDaysAgo),
      isStopped: r.isStopped,
      isDisputed: r.isDisputed,
      isInCollection: r.isInCollection,
      hasAutomaticPayment: r.hasAutomaticPayment,
      promises:
        r.promiseDaysAgo === null
          ? []
          : [{ amount: 10_000, date: ago(r.promiseDaysAgo), isCancelled: false }],
      settlement: r.settlement && {
        date: ago(r.settlement.daysAgo),
        isByLettering: r.settlement.isByLettering,
      },
      isThanked: r.isThanked,
    }),
  );

const inputArb: fc.Arbitrary<PlannerInput> = fc
  .record({
    scenario: scenarioArb,
    customers: fc.tuple(customerArb('C1'), customerArb('C2'), customerArb('C3')),
    items: fc.array(itemArb, { maxLength: 25 }),
    grouping: fc.constantFrom('perLevel' as const, 'accountSituation' as const),
    threshold: fc.constantFrom(0, 10_000, 100_000),
    excludeUpcomingPromises: fc.boolean(),
    remindCustomersInCredit: fc.boolean(),
  })
  .map((r) => ({
    today,
    now: `${today}T02:00:00Z`,
    lastSuccessfulSyncAt: `${ago(1)}T22:00:00Z`,
    scenarios: { p: r.scenario },
    customers: r.customers,
    items: r.items.map((item, i) => ({ ...item, key: `I${i}` })),
    options: {
      grouping: r.grouping,
      threshold: r.threshold,
      excludeUpcomingPromises: r.excludeUpcomingPromises,
      remindCustomersInCredit: r.remindCustomersInCredit,
    },
  }));

describe('planReminders — laws', () => {
  it('DUN-5 levels never skip: a debit passes only over steps that may be skipped (or a notice whose time is over), a credit goes to its next level', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planReminders(input);
        const byKey = new Map(input.items.map((i) => [i.key, i]));
        for (const reminder of plan.reminders) {
          const customer = input.customers.find((c) => c.key === reminder.customerKey)!;
          const scenario = input.scenarios.p!;
          const steps = listLevelSteps(customer.hasEmail ? scenario.withEmail : scenario.withoutEmail);
          for (const { itemKey, level } of reminder.levelUps) {
            const before = byKey.get(itemKey)!;
            expect(levelRank(level)).toBeGreaterThan(levelRank(before.level));
            if (before.amount < 0) {
              expect(level).toBe(nextCreditLevel(before.level));
              continue;
            }
            const passed = steps.filter(
              (s) => levelRank(s.level) > levelRank(before.level) && levelRank(s.level) < levelRank(level),
            );
            for (const s of passed) expect(s.step.maySkip || s.step.kind === 'notice').toBe(true);
          }
        }
      }),
    );
  });

  it('DUN-8 a settled item never gets a reminder', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const settled = new Set(input.items.filter((i) => i.settlement !== null).map((i) => i.key));
        for (const reminder of planReminders(input).reminders) {
          if (reminder.kind === 'thankYou') continue;
          for (const key of reminder.itemKeys) expect(settled.has(key)).toBe(false);
        }
      }),
    );
  });

  it('DUN-5 DUN-6 once the reminders are recorded, the planner finds nothing new the same day', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const first = planReminders(input);
        const items = applyReminders(input.items, first.reminders, input.today);
        expect(planReminders({ ...input, items }).reminders).toEqual([]);
      }),
    );
  });
});
