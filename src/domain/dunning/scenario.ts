import { type DunningLevel, MAX_REMINDERS, reminderLevel } from './levels';

/** Kinds of scenario step (DUN-3): one notice before the due date, reminders R1…R7, one thank-you. */
export const STEP_KINDS = ['notice', 'reminder', 'thankYou'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** How a step reaches the customer (DUN-3). Phone and other steps are done by a person. */
export const CHANNELS = ['email', 'letter', 'phone', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * What the days of a reminder step count from (DUN-4): the previous reminder, the due date or the
 * document date. The notice always counts back from the due date and the thank-you forward from
 * the payment date, so they carry no basis.
 */
export const REMINDER_BASES = ['previousReminder', 'dueDate', 'documentDate'] as const;
export type ReminderBasis = (typeof REMINDER_BASES)[number];

/** Which customers a variant serves (DUN-2): those with at least one email address, or the others. */
export const VARIANT_AUDIENCES = ['withEmail', 'withoutEmail'] as const;
export type VariantAudience = (typeof VARIANT_AUDIENCES)[number];

/** Most steps a variant may hold (DUN-3): 1 notice + 7 reminders + 1 thank-you. */
export const MAX_STEPS = 9;

/** One step of a scenario variant (DUN-3, DUN-4). */
export interface ScenarioStep {
  kind: StepKind;
  channel: Channel;
  /** Required for email and letter steps; phone and other steps may go without. */
  templateId: string | null;
  /** Notice: days before the due date. Reminder: days after its `basis`. Thank-you: days after the payment date. */
  days: number;
  /** Reminders only; `null` on the notice and the thank-you. */
  basis: ReminderBasis | null;
  /** Users or addresses copied on the step. */
  cc: readonly string[];
  /** Sent by the nightly run (DUN-12); otherwise the step becomes a task for a person. */
  isAutomatic: boolean;
  /** The next step may go at its own date even when this one was not done (DUN-5). */
  maySkip: boolean;
  isEnabled: boolean;
  /**
   * Email steps: the customer's statement of account (PDF) goes with the email, beside the
   * invoices (TPL-5); absent on scenarios saved before it existed, which is `false`.
   */
  attachStatement?: boolean;
}

/** One of the two variants of a profile's scenario (DUN-2): its steps in order, notice first. */
export interface ScenarioVariant {
  /** A switched-off variant sends nothing to its customers. */
  isEnabled: boolean;
  steps: readonly ScenarioStep[];
}

/** The scenario of one profile (DUN-2). */
export interface Scenario {
  name: string;
  withEmail: ScenarioVariant;
  withoutEmail: ScenarioVariant;
}

function step(fields: Pick<ScenarioStep, 'kind' | 'channel' | 'days'> & Partial<ScenarioStep>): ScenarioStep {
  return {
    templateId: null,
    basis: fields.kind === 'reminder' ? 'previousReminder' : null,
    cc: [],
    isAutomatic: fields.channel === 'email' || fields.channel === 'letter',
    maySkip: false,
    isEnabled: true,
    ...fields,
  };
}

/**
 * The "Standard" scenario every organization gets from its first sync (DUN-2): notice 5 days before
 * the due date by email, R1 5 days after the due date, R2 and R3 10 days after the previous
 * reminder (R3 by phone), R4 10 days later as a formal notice (mise en demeure) by letter, and a
 * thank-you 2 days after payment.
 *
 * Decisions where DUN-2 is silent: the formal notice is a manual step, because a letter with legal
 * weight is read by a person before it goes; the variant for customers without an email address
 * sends no notice (a paper notice costs more than it brings), sends R1 and R2 as letters and no
 * thank-you (a thank-you letter is not worth its stamp).
 */
export const STANDARD_SCENARIO: Scenario = Object.freeze({
  name: 'Standard',
  withEmail: {
    isEnabled: true,
    steps: [
      step({ kind: 'notice', channel: 'email', days: 5, templateId: 'standard-notice' }),
      step({ kind: 'reminder', channel: 'email', days: 5, basis: 'dueDate', templateId: 'standard-r1' }),
      step({ kind: 'reminder', channel: 'email', days: 10, templateId: 'standard-r2' }),
      step({ kind: 'reminder', channel: 'phone', days: 10 }),
      step({
        kind: 'reminder',
        channel: 'letter',
        days: 10,
        templateId: 'standard-formal-notice',
        isAutomatic: false,
      }),
      step({ kind: 'thankYou', channel: 'email', days: 2, templateId: 'standard-thank-you' }),
    ],
  },
  withoutEmail: {
    isEnabled: true,
    steps: [
      step({
        kind: 'reminder',
        channel: 'letter',
        days: 5,
        basis: 'dueDate',
        templateId: 'standard-r1-letter',
      }),
      step({ kind: 'reminder', channel: 'letter', days: 10, templateId: 'standard-r2-letter' }),
      step({ kind: 'reminder', channel: 'phone', days: 10 }),
      step({
        kind: 'reminder',
        channel: 'letter',
        days: 10,
        templateId: 'standard-formal-notice',
        isAutomatic: false,
      }),
    ],
  },
});

/**
 * Level each step brings an item to, index for index: the notice `notice`, the n-th reminder step
 * `Rn` (disabled steps keep their number), the thank-you and any reminder past R7 `null`.
 * @example resolveStepLevels(STANDARD_SCENARIO.withEmail) // ['notice', 'R1', 'R2', 'R3', 'R4', null]
 */
export function resolveStepLevels(variant: ScenarioVariant): (DunningLevel | null)[] {
  let reminders = 0;
  return variant.steps.map((s) => {
    if (s.kind === 'notice') return 'notice';
    if (s.kind === 'thankYou') return null;
    reminders += 1;
    return reminderLevel(reminders);
  });
}

export const VARIANT_ERROR_CODES = [
  'noEnabledStep',
  'tooManySteps',
  'tooManyReminders',
  'duplicateNotice',
  'duplicateThankYou',
  'stepOutOfOrder',
  'templateRequired',
  'emailWithoutAddress',
  'cannotBeAutomatic',
  'invalidDays',
  'basisRequired',
  'basisNotAllowed',
  'firstReminderNeedsDate',
  'mixedBasis',
  'noticeWithDocumentDate',
] as const;
export type VariantErrorCode = (typeof VARIANT_ERROR_CODES)[number];

/** What is wrong in a variant, and where: `stepIndex` is 0-based, the message counts steps from 1. */
export interface VariantError {
  code: VariantErrorCode;
  stepIndex: number | null;
  field: keyof ScenarioStep | null;
  message: string;
}

/** Longest delay a step may wait, in days: ten years is already beyond any prescription. */
const MAX_STEP_DAYS = 3650;

/**
 * Checks a variant against DUN-2, DUN-3 and DUN-4 and lists every problem; empty when it is valid.
 *
 * - DUN-3: at most 9 steps, at most one notice (first) and one thank-you (last), at most 7
 *   reminders; a template on every email and letter step; an enabled variant has an enabled step.
 * - DUN-2: the variant for customers without an email address has no email step.
 * - DUN-4: reminder steps of a variant share one reference date. When one of them counts from the
 *   document date they all do and the notice is off (see {@link applyDocumentDateToReminders}).
 *
 * Decisions where the spec is silent: R1 must count from a date of the item (the due date or the
 * document date), since there is no reminder before it; phone and other steps cannot be automatic,
 * the nightly run cannot place a call; days are whole numbers from 0 to 3650; a switched-off
 * variant may have no enabled step.
 * @example validateVariant({ isEnabled: true, steps: [] }, 'withEmail')[0]?.code // 'noEnabledStep'
 */
export function validateVariant(variant: ScenarioVariant, audience: VariantAudience): VariantError[] {
  const errors: VariantError[] = [];
  const report = (
    code: VariantErrorCode,
    stepIndex: number | null,
    field: keyof ScenarioStep | null,
    text: string,
  ) =>
    errors.push({
      code,
      stepIndex,
      field,
      message: stepIndex === null ? text : `step ${stepIndex + 1}: ${text}`,
    });
  const { steps } = variant;
  let reminders = 0;
  let noticeIndex: number | null = null;
  let thankYouIndex: number | null = null;

  steps.forEach((s, i) => {
    if (i === MAX_STEPS) {
      report(
        'tooManySteps',
        i,
        null,
        `a variant has at most ${MAX_STEPS} steps (1 notice, 7 reminders, 1 thank-you)`,
      );
    }
    if (thankYouIndex !== null && s.kind !== 'thankYou') {
      report('stepOutOfOrder', i, 'kind', 'the thank-you must be the last step');
    }
    if (s.kind === 'notice') {
      if (noticeIndex !== null)
        report('duplicateNotice', i, 'kind', `a variant has one notice, already step ${noticeIndex + 1}`);
      else if (i > 0) report('stepOutOfOrder', i, 'kind', 'the notice must be the first step');
      noticeIndex ??= i;
    } else if (s.kind === 'reminder') {
      reminders += 1;
      if (reminders === MAX_REMINDERS + 1)
        report('tooManyReminders', i, 'kind', 'a variant has at most 7 reminders (R1…R7)');
    } else if (thankYouIndex !== null) {
      report(
        'duplicateThankYou',
        i,
        'kind',
        `a variant has one thank-you, already step ${thankYouIndex + 1}`,
      );
    } else {
      thankYouIndex = i;
    }
    if ((s.channel === 'email' || s.channel === 'letter') && !s.templateId?.trim()) {
      report('templateRequired', i, 'templateId', `an ${s.channel} step needs a template`);
    }
    if (audience === 'withoutEmail' && s.channel === 'email') {
      report(
        'emailWithoutAddress',
        i,
        'channel',
        'the variant for customers without an email address has no email step',
      );
    }
    if (s.isAutomatic && (s.channel === 'phone' || s.channel === 'other')) {
      report(
        'cannotBeAutomatic',
        i,
        'isAutomatic',
        `a ${s.channel} step is done by a person, it cannot be automatic`,
      );
    }
    if (!Number.isInteger(s.days) || s.days < 0 || s.days > MAX_STEP_DAYS) {
      report(
        'invalidDays',
        i,
        'days',
        `days must be a whole number from 0 to ${MAX_STEP_DAYS}, not ${s.days}`,
      );
    }
    if (s.kind === 'reminder' && s.basis === null) {
      report(
        'basisRequired',
        i,
        'basis',
        'a reminder counts from the previous reminder, the due date or the document date',
      );
    }
    if (s.kind !== 'reminder' && s.basis !== null) {
      report(
        'basisNotAllowed',
        i,
        'basis',
        `the ${s.kind === 'notice' ? 'notice counts back from the due date' : 'thank-you counts from the payment date'}`,
      );
    }
  });

  checkReferenceDate(steps, noticeIndex, report);
  if (variant.isEnabled && !steps.some((s) => s.isEnabled)) {
    report('noEnabledStep', null, 'isEnabled', 'a variant in use needs at least one enabled step');
  }
  return errors;
}

/** DUN-4: the reminders of a variant share one reference date, and the document date rules out the notice. */
function checkReferenceDate(
  steps: readonly ScenarioStep[],
  noticeIndex: number | null,
  report: (
    code: VariantErrorCode,
    stepIndex: number | null,
    field: keyof ScenarioStep | null,
    text: string,
  ) => void,
): void {
  const reminderIndexes = steps.flatMap((s, i) => (s.kind === 'reminder' ? [i] : []));
  const first = reminderIndexes[0];
  if (first !== undefined && steps[first]!.basis === 'previousReminder') {
    report(
      'firstReminderNeedsDate',
      first,
      'basis',
      'R1 has no previous reminder: count it from the due date or the document date',
    );
  }
  if (!reminderIndexes.some((i) => steps[i]!.basis === 'documentDate')) return;
  for (const i of reminderIndexes) {
    if (steps[i]!.basis !== 'documentDate' && steps[i]!.basis !== null) {
      report('mixedBasis', i, 'basis', 'once a reminder counts from the document date, every reminder does');
    }
  }
  if (noticeIndex !== null && steps[noticeIndex]!.isEnabled) {
    report(
      'noticeWithDocumentDate',
      noticeIndex,
      'isEnabled',
      'the notice is off when reminders count from the document date',
    );
  }
}

/**
 * Switches every reminder step to the document date and turns the notice off (DUN-4), as the
 * editor does when R1 is set to count from the document date.
 *
 * Decision: a step that counted from the due date keeps its days, now from the document date; a
 * step that counted from the previous reminder gets the days of the step before it plus its own, so
 * the spacing between reminders is kept as a minimum (each step still waits for the previous one).
 * @example applyDocumentDateToReminders(STANDARD_SCENARIO.withEmail).steps.map((s) => s.days) // [5, 5, 15, 25, 35, 2]
 */
export function applyDocumentDateToReminders(variant: ScenarioVariant): ScenarioVariant {
  let previousDays = 0;
  const steps = variant.steps.map((s): ScenarioStep => {
    if (s.kind === 'notice') return { ...s, isEnabled: false };
    if (s.kind !== 'reminder') return s;
    const days = s.basis === 'previousReminder' ? previousDays + s.days : s.days;
    previousDays = days;
    return { ...s, basis: 'documentDate', days };
  });
  return { ...variant, steps };
}
