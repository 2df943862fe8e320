import { addDays, type CalendarDate } from '../calendar';
import type { Cents } from '../money';
import { type FreshnessVerdict, resolveFreshness } from './freshness';
import { type DunningLevel, levelRank, reminderLevel } from './levels';
import { type LevelStep, listLevelSteps, resolveDueStep } from './next-step';
import { hasOnlyUpcomingPromises, type ItemPromise } from './promises';
import type { Channel, Scenario, ScenarioStep, ScenarioVariant, StepKind } from './scenario';

/** A customer account as the planner sees it. */
export interface DunningCustomer {
  /** The customer account (compte auxiliaire); unique within the company. */
  key: string;
  /** Profile whose scenario applies (DUN-1); the caller has already put the default in. */
  profileId: string;
  /** At least one email address: the customer gets the "with email" variant (DUN-2). */
  hasEmail: boolean;
  isStopped: boolean;
  isDisputed: boolean;
}

/** An open item (or a recently settled one, for the thank-you) with its dunning state. */
export interface DunningItem {
  key: string;
  customerKey: string;
  /** Open amount: > 0 a debit, < 0 a credit. For a settled item, the amount it was settled for. */
  amount: Cents;
  documentDate: CalendarDate;
  dueDate: CalendarDate;
  level: DunningLevel;
  /** Date of the last step that moved this item's level, `null` if none. */
  lastReminderDate: CalendarDate | null;
  isStopped: boolean;
  isDisputed: boolean;
  isInCollection: boolean;
  /** Paid by an automatic payment method (direct debit…), as the company's settings say (DUN-8). */
  hasAutomaticPayment: boolean;
  promises: readonly ItemPromise[];
  /** Set once the item is fully settled: the payment date and whether lettering settled it (DUN-6). */
  settlement: { date: CalendarDate; isByLettering: boolean } | null;
  /** The thank-you for this item has gone (DUN-6: only once). */
  isThanked: boolean;
}

export const GROUPING_MODES = ['perLevel', 'accountSituation'] as const;
export type GroupingMode = (typeof GROUPING_MODES)[number];

/** Company options of the planner (DUN-7, DUN-8, DUN-12). Amounts in cents; 0 means "no minimum". */
export interface DunningOptions {
  grouping: GroupingMode;
  /** Debits below this amount are left out (DUN-8). */
  itemMinimum: Cents;
  /** Reminders whose total is below this are not sent automatically (DUN-8). */
  threshold: Cents;
  /** Reminders whose total is above this go to a person (DUN-8); `null` for no ceiling. */
  ceiling: Cents | null;
  /** Leave out items whose only promises are still upcoming (DUN-8, CSH-1). */
  excludeUpcomingPromises: boolean;
  /** Remind customers whose balance is below zero (DUN-8: off by default). */
  remindCustomersInCredit: boolean;
  /** Hours since the last successful sync within which the nightly run may send (DUN-12). */
  freshnessHours: number;
}

export const DEFAULT_DUNNING_OPTIONS: Readonly<DunningOptions> = Object.freeze({
  grouping: 'perLevel',
  itemMinimum: 0,
  threshold: 0,
  ceiling: null,
  excludeUpcomingPromises: false,
  remindCustomersInCredit: false,
  freshnessHours: 24,
});

export interface PlannerInput {
  today: CalendarDate;
  /** ISO instant of the run, for the freshness gate only. */
  now: string;
  /** ISO instant at which the last successful sync of the company finished, `null` if never. */
  lastSuccessfulSyncAt: string | null;
  /** Scenario per profile id. */
  scenarios: Readonly<Record<string, Scenario>>;
  customers: readonly DunningCustomer[];
  items: readonly DunningItem[];
  options?: Partial<DunningOptions>;
}

/** An item whose level a recorded reminder moves. */
export interface LevelUp {
  itemKey: string;
  level: DunningLevel;
}

/** One reminder (or thank-you) to send to one customer. */
export interface PlannedReminder {
  /** Same customer, step kind, level and items → same key (the base of DUN-13). */
  key: string;
  customerKey: string;
  kind: StepKind;
  /** Index of the step in the customer's variant. */
  stepIndex: number;
  /** Level the reminder stands for; `null` for a thank-you. */
  level: DunningLevel | null;
  channel: Channel;
  templateId: string | null;
  cc: readonly string[];
  /** Sent by the nightly run; otherwise a task for a person. */
  isAutomatic: boolean;
  /** An email that carries the customer's statement of account (TPL-5). */
  attachStatement: boolean;
  itemKeys: string[];
  /** Sum of the items' amounts, credits included. */
  total: Cents;
  /** The customer is in dispute: the reminder is shown with "(D)" (DUN-8). */
  isDisputed: boolean;
  /** Items whose level moves when the reminder is recorded; empty for a thank-you. */
  levelUps: LevelUp[];
}

export const EXCLUSION_REASONS = [
  'noActiveScenario',
  'customerStop',
  'customerInCredit',
  'settled',
  'inCollection',
  'itemStop',
  'itemDispute',
  'automaticPayment',
  'belowItemMinimum',
  'upcomingPromise',
  'belowThreshold',
  'aboveCeiling',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** Something left out of the reminders, shown unchecked with its reason (DUN-8). */
export interface Exclusion {
  reason: ExclusionReason;
  customerKey: string;
  /** The items left out: one for an item reason, those a step would have reached for a customer reason. */
  itemKeys: string[];
  /** For the threshold and the ceiling: the reminder a person may still send. */
  reminder: PlannedReminder | null;
}

/** A step a person does: a call, an "other" action, or a manual email or letter (DUN-3). */
export interface DunningTask {
  reminderKey: string;
  customerKey: string;
  channel: Channel;
  level: DunningLevel | null;
  itemKeys: string[];
  dueDate: CalendarDate;
}

export interface DunningPlan {
  /** Every reminder due today, to show checked on the to-do lists (DUN-9). */
  reminders: PlannedReminder[];
  exclusions: Exclusion[];
  tasks: DunningTask[];
  freshness: FreshnessVerdict;
  /** What the nightly run sends: the automatic reminders, and none when the data is stale (DUN-12). */
  toSendAutomatically: PlannedReminder[];
}

/**
 * Plans one company's dunning for `today` (DUN-4…DUN-8, DUN-12): the reminders due, every
 * exclusion with its reason, the tasks and the freshness verdict.
 *
 * For each customer: the variant of its profile (with or without email, DUN-2); the one step each
 * open debit reaches today ({@link resolveDueStep}); customer exclusions, then item exclusions;
 * grouping (DUN-7); threshold and ceiling on each reminder total; thank-yous (DUN-6).
 *
 * Decisions where the spec is silent:
 * - Exclusions are reported only for what a step would have reached today (and, without an active
 *   scenario, for the customer's overdue debits), so a STOP stays quiet between steps. The first
 *   reason in {@link EXCLUSION_REASONS} order wins.
 * - A customer reason (no active scenario, STOP, balance below zero) holds back the thank-you too.
 * - A credit never starts a reminder. Per level it joins the reminder of the level it would reach
 *   next — none and notice lead to R1, since credits never appear in a notice — so a credit that
 *   went with R1 goes with R2 and not with R3. The per-item minimum applies to debits only.
 * - Account situation: notices still go per level, being about items not yet overdue. The
 *   reminder takes the highest level among the debits due, lists every overdue open item (credits
 *   included), and moves only the debits that were due; the others keep their level.
 * - A reminder whose total is zero or below is never sent ("belowThreshold"). Threshold and ceiling
 *   are inclusive: a total equal to either is sent. They do not apply to a thank-you.
 * - A thank-you goes, one per customer, for debits settled by lettering at least X days ago that
 *   had reached a level: thanking for invoices nobody chased would thank every customer for every
 *   payment, and a first sync would thank for years of history.
 * - A variant that is switched off, or a profile without a scenario, leaves its customers out
 *   ("noActiveScenario"); they do not fall back on the other variant.
 * - Reminders not flagged automatic, and every phone or other step, become tasks dated today.
 * @example planReminders({ today: '2024-04-30', now: '2024-04-30T02:00:00Z', lastSuccessfulSyncAt: '2024-04-29T22:00:00Z', scenarios: { std: STANDARD_SCENARIO }, customers: [], items: [] }).reminders // []
 */
export function planReminders(input: PlannerInput): DunningPlan {
  const options: DunningOptions = { ...DEFAULT_DUNNING_OPTIONS, ...input.options };
  const itemsByCustomer = new Map<string, DunningItem[]>();
  for (const item of input.items) {
    const list = itemsByCustomer.get(item.customerKey);
    if (list) list.push(item);
    else itemsByCustomer.set(item.customerKey, [item]);
  }
  const reminders: PlannedReminder[] = [];
  const exclusions: Exclusion[] = [];
  for (const customer of input.customers) {
    const scenario = input.scenarios[customer.profileId];
    const variant = scenario ? (customer.hasEmail ? scenario.withEmail : scenario.withoutEmail) : null;
    const plan = planCustomer(
      customer,
      variant?.isEnabled ? variant : null,
      itemsByCustomer.get(customer.key) ?? [],
      options,
      input.today,
    );
    reminders.push(...plan.reminders);
    exclusions.push(...plan.exclusions);
  }
  const freshness = resolveFreshness(input.lastSuccessfulSyncAt, input.now, options.freshnessHours);
  const tasks = reminders
    .filter((r) => !r.isAutomatic)
    .map((r) => ({
      reminderKey: r.key,
      customerKey: r.customerKey,
      channel: r.channel,
      level: r.level,
      itemKeys: r.itemKeys,
      dueDate: input.today,
    }));
  const toSendAutomatically = freshness.isFresh ? reminders.filter((r) => r.isAutomatic) : [];
  return { reminders, exclusions, tasks, freshness, toSendAutomatically };
}

interface CustomerPlan {
  reminders: PlannedReminder[];
  exclusions: Exclusion[];
}

/** A debit and the step it reaches today. */
interface DueDebit {
  item: DunningItem;
  target: LevelStep;
}

function planCustomer(
  customer: DunningCustomer,
  variant: ScenarioVariant | null,
  items: readonly DunningItem[],
  options: DunningOptions,
  today: CalendarDate,
): CustomerPlan {
  const out: CustomerPlan = { reminders: [], exclusions: [] };
  const steps = variant ? listLevelSteps(variant) : [];
  const due: DueDebit[] = [];
  for (const item of items) {
    if (item.amount <= 0) continue;
    const target = resolveDueStep(item, steps, today);
    if (target) due.push({ item, target });
  }
  const thanks = variant ? findThankYouItems(variant, items, today) : [];

  const customerReason = resolveCustomerExclusion(customer, variant, items, options);
  if (customerReason) {
    const itemKeys =
      customerReason === 'noActiveScenario'
        ? items.filter((i) => i.settlement === null && i.amount > 0 && i.dueDate < today).map((i) => i.key)
        : [...due.map((d) => d.item.key), ...thanks.map((i) => i.key)];
    if (itemKeys.length > 0)
      out.exclusions.push({ reason: customerReason, customerKey: customer.key, itemKeys, reminder: null });
    return out;
  }

  const kept = due.filter(({ item }) => !excludeItem(customer, item, options, today, out));
  const notices = kept.filter((d) => d.target.step.kind === 'notice');
  const overdue = kept.filter((d) => d.target.step.kind !== 'notice');
  const groups =
    options.grouping === 'perLevel'
      ? groupPerLevel(kept)
      : [
          ...groupPerLevel(notices),
          ...groupAccountSituation(customer, overdue, due, items, options, today, out),
        ];
  for (const group of groups) {
    if (options.grouping === 'perLevel' && group.target.step.kind !== 'notice') {
      for (const credit of joiningCredits(customer, group.target.level, items, options, today, out)) {
        group.members.push(credit);
        group.levelUps.push({ itemKey: credit.key, level: group.target.level });
      }
    }
    addReminder(customer, group, options, out);
  }
  if (thanks.length > 0 && variant) addThankYou(customer, variant, thanks, out);
  return out;
}

/** The customer reason that holds back every step, first match wins (DUN-8). */
function resolveCustomerExclusion(
  customer: DunningCustomer,
  variant: ScenarioVariant | null,
  items: readonly DunningItem[],
  options: DunningOptions,
): ExclusionReason | null {
  if (!variant?.steps.some((s) => s.isEnabled)) return 'noActiveScenario';
  if (customer.isStopped) return 'customerStop';
  if (!options.remindCustomersInCredit) {
    let balance = 0;
    for (const item of items) if (item.settlement === null) balance += item.amount;
    if (balance < 0) return 'customerInCredit';
  }
  return null;
}

/**
 * The item reason that leaves an item out (DUN-8), first match wins, or `null`.
 * @example resolveItemExclusion({ ...item, isDisputed: true }, DEFAULT_DUNNING_OPTIONS, '2024-04-30') // 'itemDispute'
 */
export function resolveItemExclusion(
  item: DunningItem,
  options: Pick<DunningOptions, 'itemMinimum' | 'excludeUpcomingPromises'>,
  today: CalendarDate,
): ExclusionReason | null {
  if (item.settlement !== null) return 'settled';
  if (item.isInCollection) return 'inCollection';
  if (item.isStopped) return 'itemStop';
  if (item.isDisputed) return 'itemDispute';
  if (item.hasAutomaticPayment) return 'automaticPayment';
  if (item.amount > 0 && item.amount < options.itemMinimum) return 'belowItemMinimum';
  if (options.excludeUpcomingPromises && hasOnlyUpcomingPromises(item.promises, today))
    return 'upcomingPromise';
  return null;
}

/** Records the item's exclusion in `out` and says whether there was one. */
function excludeItem(
  customer: DunningCustomer,
  item: DunningItem,
  options: DunningOptions,
  today: CalendarDate,
  out: CustomerPlan,
): boolean {
  const reason = resolveItemExclusion(item, options, today);
  if (reason)
    out.exclusions.push({ reason, customerKey: customer.key, itemKeys: [item.key], reminder: null });
  return reason !== null;
}

/** Items of one reminder before its checks: the step it stands for, its items, the levels it moves. */
interface Group {
  target: LevelStep;
  members: DunningItem[];
  levelUps: LevelUp[];
}

/** DUN-7 per level: one group per step reached, in step order. */
function groupPerLevel(due: readonly DueDebit[]): Group[] {
  const byStep = new Map<number, Group>();
  for (const { item, target } of due) {
    let group = byStep.get(target.index);
    if (!group) {
      group = { target, members: [], levelUps: [] };
      byStep.set(target.index, group);
    }
    group.members.push(item);
    group.levelUps.push({ itemKey: item.key, level: target.level });
  }
  return [...byStep.values()].sort((a, b) => a.target.index - b.target.index);
}

/**
 * DUN-7 account situation: one group at the highest level due, with every overdue open item.
 * `due` are the debits kept; `reached` every debit a step reached, excluded or not (already reported).
 */
function groupAccountSituation(
  customer: DunningCustomer,
  due: readonly DueDebit[],
  reached: readonly DueDebit[],
  items: readonly DunningItem[],
  options: DunningOptions,
  today: CalendarDate,
  out: CustomerPlan,
): Group[] {
  if (due.length === 0) return [];
  let top = due[0]!.target;
  for (const { target } of due) if (target.index > top.index) top = target;
  const reachedKeys = new Set(reached.map((d) => d.item.key));
  const others = items.filter(
    (i) =>
      !reachedKeys.has(i.key) &&
      i.settlement === null &&
      i.dueDate < today &&
      !excludeItem(customer, i, options, today, out),
  );
  return [
    {
      target: top,
      members: [...due.map((d) => d.item), ...others],
      levelUps: due.map((d) => ({ itemKey: d.item.key, level: d.target.level })),
    },
  ];
}

/**
 * The level a credit reaches next (DUN-7): none and notice lead to R1, Rn to Rn+1, R7 stays.
 * @example nextCreditLevel('none') // 'R1'
 */
export function nextCreditLevel(level: DunningLevel): DunningLevel {
  const rank = levelRank(level);
  return rank <= 1 ? 'R1' : (reminderLevel(rank) ?? 'R7');
}

/** Open credits that join a reminder of `level`, per level (DUN-7); the excluded ones are recorded. */
function joiningCredits(
  customer: DunningCustomer,
  level: DunningLevel,
  items: readonly DunningItem[],
  options: DunningOptions,
  today: CalendarDate,
  out: CustomerPlan,
): DunningItem[] {
  return items.filter(
    (i) =>
      i.amount < 0 &&
      i.settlement === null &&
      nextCreditLevel(i.level) === level &&
      !excludeItem(customer, i, options, today, out),
  );
}

/** Builds the reminder of a group and sends it to the reminders or, past threshold or ceiling, to the exclusions. */
function addReminder(
  customer: DunningCustomer,
  group: Group,
  options: DunningOptions,
  out: CustomerPlan,
): void {
  const { step, index, level } = group.target;
  const reminder = makeReminder(customer, step.kind, index, level, step, group.members, group.levelUps);
  const reason: ExclusionReason | null =
    reminder.total <= 0 || reminder.total < options.threshold
      ? 'belowThreshold'
      : options.ceiling !== null && reminder.total > options.ceiling
        ? 'aboveCeiling'
        : null;
  if (reason)
    out.exclusions.push({ reason, customerKey: customer.key, itemKeys: reminder.itemKeys, reminder });
  else out.reminders.push(reminder);
}

/** DUN-6: debits settled by lettering, thanked not yet, whose thank-you date has come. */
function findThankYouItems(
  variant: ScenarioVariant,
  items: readonly DunningItem[],
  today: CalendarDate,
): DunningItem[] {
  const step = variant.steps.find((s) => s.kind === 'thankYou' && s.isEnabled);
  if (!step) return [];
  return items.filter(
    (i) =>
      i.amount > 0 &&
      i.level !== 'none' &&
      !i.isThanked &&
      i.settlement?.isByLettering === true &&
      addDays(i.settlement.date, step.days) <= today,
  );
}

function addThankYou(
  customer: DunningCustomer,
  variant: ScenarioVariant,
  candidates: readonly DunningItem[],
  out: CustomerPlan,
): void {
  const index = variant.steps.findIndex((s) => s.kind === 'thankYou' && s.isEnabled);
  const members = candidates.filter((i) => {
    if (i.isStopped)
      out.exclusions.push({
        reason: 'itemStop',
        customerKey: customer.key,
        itemKeys: [i.key],
        reminder: null,
      });
    return !i.isStopped;
  });
  if (members.length === 0) return;
  out.reminders.push(makeReminder(customer, 'thankYou', index, null, variant.steps[index]!, members, []));
}

function makeReminder(
  customer: DunningCustomer,
  kind: StepKind,
  stepIndex: number,
  level: DunningLevel | null,
  step: ScenarioStep,
  members: readonly DunningItem[],
  levelUps: LevelUp[],
): PlannedReminder {
  const itemKeys = members.map((i) => i.key);
  let total = 0;
  for (const item of members) total += item.amount;
  return {
    key: JSON.stringify([customer.key, kind, level, [...itemKeys].sort()]),
    customerKey: customer.key,
    kind,
    stepIndex,
    level,
    channel: step.channel,
    templateId: step.templateId,
    cc: step.cc,
    isAutomatic: step.isAutomatic && (step.channel === 'email' || step.channel === 'letter'),
    attachStatement: step.channel === 'email' && step.attachStatement === true,
    itemKeys,
    total,
    isDisputed: customer.isDisputed,
    levelUps,
  };
}
