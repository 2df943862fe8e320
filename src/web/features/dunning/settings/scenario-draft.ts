import type { Profile } from '../../../../contracts/dunning';
import type { DunningLevel } from '../../../../domain/dunning/levels';
import {
  applyDocumentDateToReminders,
  MAX_STEPS,
  resolveStepLevels,
  type VariantAudience,
} from '../../../../domain/dunning/scenario';
import { ApiError } from '../../../api/client';

/**
 * The scenario editor's working copy (DUN-2…DUN-4). Days and CC stay as typed until saved, so that
 * a half-typed "a@b.fr," or an emptied days box is not rewritten under the user's fingers.
 */

type Scenario = Profile['scenario'];
type Step = Scenario['withEmail']['steps'][number];

export type DraftStep = Omit<Step, 'days' | 'cc'> & { daysText: string; ccText: string };
export interface DraftVariant {
  isEnabled: boolean;
  steps: DraftStep[];
}
export type DraftScenario = Record<VariantAudience, DraftVariant>;

/** Built-in templates (see the server's reminder-templates): the picker offers these. */
export const TEMPLATE_IDS = [
  'standard-notice',
  'standard-r1',
  'standard-r2',
  'standard-r3',
  'standard-formal-notice',
  'standard-thank-you',
  'standard-r1-letter',
  'standard-r2-letter',
] as const;

/** A problem of the scenario, as the API reports it (400 `details.errors`) or as found before sending. */
export interface StepError {
  variant: VariantAudience;
  code: string;
  /** 0-based; `null` for the variant as a whole. */
  stepIndex: number | null;
  field: string | null;
  message: string;
}

export function toDraftStep(step: Step): DraftStep {
  const { days, cc, ...rest } = step;
  return { ...rest, daysText: String(days), ccText: cc.join(', ') };
}

export function toDraft(scenario: Scenario): DraftScenario {
  return {
    withEmail: { isEnabled: scenario.withEmail.isEnabled, steps: scenario.withEmail.steps.map(toDraftStep) },
    withoutEmail: {
      isEnabled: scenario.withoutEmail.isEnabled,
      steps: scenario.withoutEmail.steps.map(toDraftStep),
    },
  };
}

/**
 * "a@b.fr, c@d.fr ;e@f.fr" → ['a@b.fr', 'c@d.fr', 'e@f.fr'].
 * @example parseCc(' a@b.fr, ') // ['a@b.fr']
 */
export function parseCc(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Whole days from 0, as typed; `null` when it is not one. */
export function parseDays(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : null;
}

function fromDraftStep(step: DraftStep): Step {
  const { daysText, ccText, ...rest } = step;
  return { ...rest, days: parseDays(daysText) ?? 0, cc: parseCc(ccText) };
}

/**
 * The scenario to send, or the problems found before sending it (days that are not whole
 * numbers): the API would refuse the whole body without saying which step.
 */
export function fromDraft(name: string, draft: DraftScenario): { scenario: Scenario; errors: StepError[] } {
  const errors: StepError[] = [];
  for (const variant of ['withEmail', 'withoutEmail'] as const) {
    draft[variant].steps.forEach((step, stepIndex) => {
      if (parseDays(step.daysText) === null) {
        errors.push({ variant, code: 'invalidDays', stepIndex, field: 'days', message: '' });
      }
    });
  }
  const variantOf = (v: DraftVariant) => ({ isEnabled: v.isEnabled, steps: v.steps.map(fromDraftStep) });
  return {
    scenario: { name, withEmail: variantOf(draft.withEmail), withoutEmail: variantOf(draft.withoutEmail) },
    errors,
  };
}

/** The level each step brings items to (notice, R1…, `null` for the thank-you), from the domain. */
export function draftLevels(variant: DraftVariant): (DunningLevel | null)[] {
  return resolveStepLevels({ isEnabled: variant.isEnabled, steps: variant.steps.map(fromDraftStep) });
}

/** The built-in template that fits a step, for when its channel starts needing one. */
export function defaultTemplateFor(
  kind: Step['kind'],
  channel: Step['channel'],
  level: DunningLevel | null,
): string | null {
  if (channel !== 'email' && channel !== 'letter') return null;
  if (kind === 'notice') return 'standard-notice';
  if (kind === 'thankYou') return 'standard-thank-you';
  if (level === 'R1') return channel === 'letter' ? 'standard-r1-letter' : 'standard-r1';
  if (level === 'R2') return channel === 'letter' ? 'standard-r2-letter' : 'standard-r2';
  return channel === 'letter' ? 'standard-formal-notice' : 'standard-r3';
}

function isFirstReminder(steps: readonly DraftStep[], index: number): boolean {
  return steps.findIndex((s) => s.kind === 'reminder') === index;
}

/**
 * Changes one field of a step, with what follows from it: a phone or other step has no template
 * and is never automatic; a notice or thank-you has no basis, a reminder needs one; R1 counted
 * from the document date moves every reminder to it and turns the notice off (DUN-4).
 */
export function changeStep<K extends keyof DraftStep>(
  variant: DraftVariant,
  index: number,
  field: K,
  value: DraftStep[K],
): DraftVariant {
  const previous = variant.steps[index]!;
  const steps = variant.steps.map((s, i) => (i === index ? { ...s, [field]: value } : s));
  const step = steps[index]!;
  if (field === 'channel' || field === 'kind') {
    const level = draftLevels({ ...variant, steps })[index] ?? null;
    const previousLevel = draftLevels(variant)[index] ?? null;
    // A template the user chose stays; the one that came with the old channel or kind follows.
    const wasDefault =
      previous.templateId === defaultTemplateFor(previous.kind, previous.channel, previousLevel);
    if (step.channel === 'phone' || step.channel === 'other') {
      step.templateId = null;
      step.isAutomatic = false;
    } else if (!step.templateId || wasDefault) {
      step.templateId = defaultTemplateFor(step.kind, step.channel, level);
    }
  }
  if (field === 'kind') {
    step.basis =
      step.kind === 'reminder' ? (isFirstReminder(steps, index) ? 'dueDate' : 'previousReminder') : null;
  }
  if (field === 'basis' && value === 'documentDate' && isFirstReminder(steps, index)) {
    const applied = applyDocumentDateToReminders({
      isEnabled: variant.isEnabled,
      steps: steps.map(fromDraftStep),
    });
    return {
      ...variant,
      steps: applied.steps.map((s, i) => ({ ...toDraftStep(s as Step), ccText: steps[i]!.ccText })),
    };
  }
  return { ...variant, steps };
}

/** A new reminder step, placed before the thank-you when there is one. */
export function addStep(variant: DraftVariant, audience: VariantAudience): DraftVariant {
  if (variant.steps.length >= MAX_STEPS) return variant;
  const thankYou = variant.steps.findIndex((s) => s.kind === 'thankYou');
  const at = thankYou < 0 ? variant.steps.length : thankYou;
  const hasReminder = variant.steps.some((s, i) => i < at && s.kind === 'reminder');
  const channel = audience === 'withEmail' ? 'email' : 'letter';
  const step: DraftStep = {
    kind: 'reminder',
    channel,
    templateId: defaultTemplateFor('reminder', channel, hasReminder ? null : 'R1'),
    daysText: '10',
    basis: hasReminder ? 'previousReminder' : 'dueDate',
    ccText: '',
    isAutomatic: channel === 'email',
    maySkip: false,
    isEnabled: true,
    attachStatement: false,
  };
  const steps = [...variant.steps];
  steps.splice(at, 0, step);
  return { ...variant, steps };
}

export function removeStep(variant: DraftVariant, index: number): DraftVariant {
  return { ...variant, steps: variant.steps.filter((_, i) => i !== index) };
}

/** Swaps a step with its neighbour (`-1` up, `+1` down). */
export function moveStep(variant: DraftVariant, index: number, by: -1 | 1): DraftVariant {
  const to = index + by;
  if (to < 0 || to >= variant.steps.length) return variant;
  const steps = [...variant.steps];
  [steps[index], steps[to]] = [steps[to]!, steps[index]!];
  return { ...variant, steps };
}

function isStepError(value: unknown): value is StepError {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    (e.variant === 'withEmail' || e.variant === 'withoutEmail') &&
    typeof e.code === 'string' &&
    (e.stepIndex === null || typeof e.stepIndex === 'number') &&
    typeof e.message === 'string'
  );
}

/** The problems of a refused scenario (400 `details.errors`), or `null` for another error. */
export function readScenarioErrors(error: unknown): StepError[] | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const details = error.details as { errors?: unknown } | undefined;
  if (!details || !Array.isArray(details.errors)) return null;
  const errors = details.errors.filter(isStepError).map((e) => ({ ...e, field: e.field ?? null }));
  return errors.length > 0 ? errors : null;
}

/** JSON with keys sorted: the database may hand the fields back in another order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The draft differs from what is saved. */
export function isDraftChanged(draft: DraftScenario, saved: Scenario): boolean {
  return canonical(draft) !== canonical(toDraft(saved));
}
