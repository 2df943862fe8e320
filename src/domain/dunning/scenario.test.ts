import { describe, expect, it } from 'vitest';
import {
  applyDocumentDateToReminders,
  resolveStepLevels,
  type ScenarioStep,
  type ScenarioVariant,
  STANDARD_SCENARIO,
  type VariantAudience,
  validateVariant,
} from './scenario';

const reminder = (fields: Partial<ScenarioStep> = {}): ScenarioStep => ({
  kind: 'reminder',
  channel: 'email',
  templateId: 'tpl',
  days: 10,
  basis: 'previousReminder',
  cc: [],
  isAutomatic: true,
  maySkip: false,
  isEnabled: true,
  ...fields,
});
const notice = (fields: Partial<ScenarioStep> = {}) =>
  reminder({ kind: 'notice', days: 5, basis: null, ...fields });
const thankYou = (fields: Partial<ScenarioStep> = {}) =>
  reminder({ kind: 'thankYou', days: 2, basis: null, ...fields });
const r1 = (fields: Partial<ScenarioStep> = {}) => reminder({ basis: 'dueDate', days: 5, ...fields });
const variant = (...steps: ScenarioStep[]): ScenarioVariant => ({ isEnabled: true, steps });
/** Notice, R1…R7 and a thank-you: the fullest variant DUN-3 allows. */
const fullSteps = () => [notice(), r1(), ...Array.from({ length: 6 }, () => reminder()), thankYou()];
const codesAt = (v: ScenarioVariant, audience: VariantAudience = 'withEmail') =>
  validateVariant(v, audience).map((e) => [e.code, e.stepIndex, e.field]);

describe('STANDARD_SCENARIO', () => {
  it('DUN-2 the Standard scenario: notice 5 days before due, R1 due + 5, R2 and R3 + 10, R4 + 10 by letter, thank-you after 2 days', () => {
    const { steps } = STANDARD_SCENARIO.withEmail;
    expect(steps.map((s) => [s.kind, s.channel, s.basis, s.days])).toEqual([
      ['notice', 'email', null, 5],
      ['reminder', 'email', 'dueDate', 5],
      ['reminder', 'email', 'previousReminder', 10],
      ['reminder', 'phone', 'previousReminder', 10],
      ['reminder', 'letter', 'previousReminder', 10],
      ['thankYou', 'email', null, 2],
    ]);
  });

  it('DUN-2 DUN-3 both variants of Standard are valid, and the one without email has no email step', () => {
    expect(validateVariant(STANDARD_SCENARIO.withEmail, 'withEmail')).toEqual([]);
    expect(validateVariant(STANDARD_SCENARIO.withoutEmail, 'withoutEmail')).toEqual([]);
    expect(STANDARD_SCENARIO.withoutEmail.steps.some((s) => s.channel === 'email')).toBe(false);
  });
});

describe('validateVariant', () => {
  it('DUN-3 the fullest variant (1 notice, 7 reminders, 1 thank-you) is valid', () => {
    expect(validateVariant(variant(...fullSteps()), 'withEmail')).toEqual([]);
  });

  it.each<[string, ScenarioVariant, VariantAudience, unknown[]]>([
    [
      'DUN-3 a variant with no enabled step is refused',
      variant(r1({ isEnabled: false }), reminder({ isEnabled: false })),
      'withEmail',
      [['noEnabledStep', null, 'isEnabled']],
    ],
    [
      'DUN-3 a variant with no step at all is refused',
      variant(),
      'withEmail',
      [['noEnabledStep', null, 'isEnabled']],
    ],
    [
      'DUN-3 a tenth step is refused, at its place',
      variant(...fullSteps(), thankYou()),
      'withEmail',
      [
        ['tooManySteps', 9, null],
        ['duplicateThankYou', 9, 'kind'],
      ],
    ],
    [
      'DUN-3 an eighth reminder is refused, at its place',
      variant(r1(), ...Array.from({ length: 7 }, () => reminder())),
      'withEmail',
      [['tooManyReminders', 7, 'kind']],
    ],
    [
      'DUN-3 a second notice is refused',
      variant(notice(), notice(), r1()),
      'withEmail',
      [['duplicateNotice', 1, 'kind']],
    ],
    [
      'DUN-3 the notice comes first and the thank-you last',
      variant(r1(), notice(), thankYou(), reminder()),
      'withEmail',
      [
        ['stepOutOfOrder', 1, 'kind'],
        ['stepOutOfOrder', 3, 'kind'],
      ],
    ],
    [
      'DUN-3 an email or letter step needs a template; a phone step does not',
      variant(
        r1({ templateId: null }),
        reminder({ channel: 'letter', templateId: '  ' }),
        reminder({ channel: 'phone', templateId: null, isAutomatic: false }),
      ),
      'withEmail',
      [
        ['templateRequired', 0, 'templateId'],
        ['templateRequired', 1, 'templateId'],
      ],
    ],
    [
      'DUN-3 a phone or other step cannot be automatic',
      variant(r1(), reminder({ channel: 'phone' }), reminder({ channel: 'other' })),
      'withEmail',
      [
        ['cannotBeAutomatic', 1, 'isAutomatic'],
        ['cannotBeAutomatic', 2, 'isAutomatic'],
      ],
    ],
    [
      'DUN-2 the variant for customers without an email address has no email step',
      variant(r1({ channel: 'letter' }), reminder()),
      'withoutEmail',
      [['emailWithoutAddress', 1, 'channel']],
    ],
    [
      'DUN-3 days are whole numbers of days, not negative',
      variant(r1({ days: -1 }), reminder({ days: 2.5 })),
      'withEmail',
      [
        ['invalidDays', 0, 'days'],
        ['invalidDays', 1, 'days'],
      ],
    ],
    [
      'DUN-4 a reminder says what it counts from; the notice and the thank-you do not',
      variant(notice({ basis: 'dueDate' }), r1({ basis: null }), thankYou({ basis: 'previousReminder' })),
      'withEmail',
      [
        ['basisNotAllowed', 0, 'basis'],
        ['basisRequired', 1, 'basis'],
        ['basisNotAllowed', 2, 'basis'],
      ],
    ],
    [
      'DUN-4 R1 cannot count from a previous reminder',
      variant(reminder(), reminder()),
      'withEmail',
      [['firstReminderNeedsDate', 0, 'basis']],
    ],
    [
      'DUN-4 once a reminder counts from the document date every reminder does, and the notice is off',
      variant(notice(), r1({ basis: 'documentDate' }), reminder(), reminder({ basis: 'dueDate' })),
      'withEmail',
      [
        ['mixedBasis', 2, 'basis'],
        ['mixedBasis', 3, 'basis'],
        ['noticeWithDocumentDate', 0, 'isEnabled'],
      ],
    ],
  ])('%s', (_rule, v, audience, expected) => {
    expect(codesAt(v, audience)).toEqual(expected);
  });

  it('DUN-3 a switched-off variant may have no enabled step', () => {
    expect(validateVariant({ isEnabled: false, steps: [r1({ isEnabled: false })] }, 'withEmail')).toEqual([]);
  });

  it('DUN-3 errors say where, counting steps from 1', () => {
    const [error] = validateVariant(variant(r1({ templateId: null })), 'withEmail');
    expect(error?.message).toBe('step 1: an email step needs a template');
  });
});

describe('applyDocumentDateToReminders', () => {
  it('DUN-4 choosing the document date for R1 moves every step to the document date and disables the notice', () => {
    const moved = applyDocumentDateToReminders(STANDARD_SCENARIO.withEmail);
    const reminders = moved.steps.filter((s) => s.kind === 'reminder');
    expect(reminders.map((s) => s.basis)).toEqual([
      'documentDate',
      'documentDate',
      'documentDate',
      'documentDate',
    ]);
    expect(moved.steps[0]).toMatchObject({ kind: 'notice', isEnabled: false });
    expect(validateVariant(moved, 'withEmail')).toEqual([]);
  });

  it('DUN-4 a step after the previous reminder keeps its spacing, counted from the document date', () => {
    const moved = applyDocumentDateToReminders(STANDARD_SCENARIO.withEmail);
    expect(moved.steps.map((s) => s.days)).toEqual([5, 5, 15, 25, 35, 2]);
  });
});

describe('resolveStepLevels', () => {
  it('DUN-5 the n-th reminder step is Rn, disabled steps included; the thank-you has no level', () => {
    expect(
      resolveStepLevels(variant(notice(), r1(), reminder({ isEnabled: false }), reminder(), thankYou())),
    ).toEqual(['notice', 'R1', 'R2', 'R3', null]);
  });
});
