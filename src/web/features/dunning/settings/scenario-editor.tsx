import { CircleAlert, Plus } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../../contracts/dunning';
import { MAX_STEPS, type VariantAudience } from '../../../../domain/dunning/scenario';
import { Button } from '../../../ui/button';
import { cx } from '../../../ui/cx';
import { ErrorNotice } from '../../../ui/feedback';
import { CheckBox } from '../check-box';
import { useUpdateProfile } from '../use-dunning';
import {
  addStep,
  changeStep,
  type DraftScenario,
  type DraftVariant,
  draftLevels,
  fromDraft,
  isDraftChanged,
  moveStep,
  readScenarioErrors,
  removeStep,
  type StepError,
  toDraft,
} from './scenario-draft';
import { errorText, ROW_GRID, StepRow } from './scenario-step-row';

function VariantEditor({
  audience,
  variant,
  errors,
  canEdit,
  onChange,
}: {
  audience: VariantAudience;
  variant: DraftVariant;
  errors: StepError[];
  canEdit: boolean;
  onChange: (variant: DraftVariant) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const enabledId = useId();
  const levels = draftLevels(variant);
  const variantErrors = errors.filter((e) => e.stepIndex === null || e.stepIndex >= variant.steps.length);
  const header = 'text-xs font-medium text-zinc-500';
  return (
    <section
      aria-labelledby={headingId}
      data-testid={`variant-${audience}`}
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 id={headingId} className="text-sm font-semibold text-zinc-900">
            {t(`dunning.settings.scenario.variants.${audience}.title`)}
          </h3>
          <p className="mt-0.5 text-xs text-zinc-500">
            {t(`dunning.settings.scenario.variants.${audience}.text`)}
          </p>
        </div>
        <label htmlFor={enabledId} className="flex items-center gap-2 text-sm font-medium text-zinc-800">
          <CheckBox
            id={enabledId}
            state={variant.isEnabled}
            disabled={!canEdit}
            data-testid={`variant-${audience}-enabled`}
            onChange={(e) => onChange({ ...variant, isEnabled: e.target.checked })}
          />
          {t('dunning.settings.scenario.variantOn')}
        </label>
      </div>
      {variantErrors.length > 0 ? (
        <ul className="mt-3 space-y-0.5 text-sm text-red-700" data-testid="variant-errors">
          {variantErrors.map((error) => (
            <li key={`${error.code}-${error.stepIndex}`} className="flex items-start gap-1.5">
              <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              {errorText(t, error)}
            </li>
          ))}
        </ul>
      ) : null}
      {!variant.isEnabled ? (
        <p className="mt-3 rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-600">
          {t('dunning.settings.scenario.variantOff')}
        </p>
      ) : null}
      <div
        aria-hidden="true"
        className={cx(ROW_GRID, 'mt-4 hidden border-b border-zinc-200 px-1 pb-2 xl:grid')}
      >
        <span className={header}>{t('dunning.settings.scenario.columns.step')}</span>
        <span className={header}>{t('dunning.settings.scenario.columns.kind')}</span>
        <span className={header}>{t('dunning.settings.scenario.columns.channel')}</span>
        <span className={header}>{t('dunning.settings.scenario.columns.template')}</span>
        <span className={cx(header, 'text-right')}>{t('dunning.settings.scenario.columns.days')}</span>
        <span className={header}>{t('dunning.settings.scenario.columns.basis')}</span>
        <span className={header}>{t('dunning.settings.scenario.columns.cc')}</span>
        <span className={cx(header, 'text-center')}>
          {t('dunning.settings.scenario.columns.isAutomatic')}
        </span>
        <span className={cx(header, 'text-center')}>{t('dunning.settings.scenario.columns.maySkip')}</span>
        <span className={cx(header, 'text-center')}>{t('dunning.settings.scenario.columns.isEnabled')}</span>
        <span />
      </div>
      <ol className="mt-3 space-y-2 xl:mt-0 xl:space-y-0 xl:divide-y xl:divide-zinc-100">
        {variant.steps.map((step, index) => (
          <StepRow
            // Steps have no id of their own; their position is what the API's errors name.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            step={step}
            index={index}
            count={variant.steps.length}
            level={levels[index] ?? null}
            audience={audience}
            errors={errors.filter((e) => e.stepIndex === index)}
            canEdit={canEdit}
            onChange={(field, value) => onChange(changeStep(variant, index, field, value))}
            onMove={(by) => onChange(moveStep(variant, index, by))}
            onRemove={() => onChange(removeStep(variant, index))}
          />
        ))}
      </ol>
      {variant.steps.length === 0 ? (
        <p className="mt-3 text-sm text-zinc-500">{t('dunning.settings.scenario.noSteps')}</p>
      ) : null}
      {canEdit ? (
        <div className="mt-3">
          <Button
            variant="secondary"
            size="sm"
            disabled={variant.steps.length >= MAX_STEPS}
            onClick={() => onChange(addStep(variant, audience))}
          >
            <Plus aria-hidden="true" className="size-4" />
            {t('dunning.settings.scenario.addStep')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

/** The scenario of a profile, both variants (DUN-2…DUN-4); saving shows the API's refusals by step. */
export function ScenarioEditor({ profile, canEdit }: { profile: Profile; canEdit: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [draft, setDraft] = useState<DraftScenario>(() => toDraft(profile.scenario));
  const [errors, setErrors] = useState<StepError[]>([]);
  const [isSaved, setIsSaved] = useState(false);
  const update = useUpdateProfile();
  const isChanged = isDraftChanged(draft, profile.scenario);

  function change(audience: VariantAudience, variant: DraftVariant) {
    setDraft((d) => ({ ...d, [audience]: variant }));
    setIsSaved(false);
  }

  function save() {
    const { scenario, errors: found } = fromDraft(profile.name, draft);
    setIsSaved(false);
    if (found.length > 0) {
      setErrors(found);
      return;
    }
    setErrors([]);
    update.mutate(
      { id: profile.id, body: { name: profile.name, scenario } },
      {
        onSuccess: (saved) => {
          setDraft(toDraft(saved.scenario));
          setIsSaved(true);
        },
        onError: (error) => setErrors(readScenarioErrors(error) ?? []),
      },
    );
  }

  const apiErrorShown = update.isError && readScenarioErrors(update.error) === null;
  return (
    <section aria-labelledby={headingId} data-testid="scenario-editor" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold text-zinc-900">
            {t('dunning.settings.scenario.title', { name: profile.name })}
          </h2>
          <p className="mt-0.5 text-sm text-zinc-500">{t('dunning.settings.scenario.text')}</p>
        </div>
      </div>
      {errors.length > 0 ? (
        <p
          role="alert"
          className="flex items-start gap-2 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200"
        >
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {t('dunning.settings.scenario.refused', { count: errors.length })}
        </p>
      ) : null}
      {(['withEmail', 'withoutEmail'] as const).map((audience) => (
        <VariantEditor
          key={audience}
          audience={audience}
          variant={draft[audience]}
          errors={errors.filter((e) => e.variant === audience)}
          canEdit={canEdit}
          onChange={(variant) => change(audience, variant)}
        />
      ))}
      {apiErrorShown ? <ErrorNotice error={update.error} /> : null}
      {canEdit ? (
        <div
          className={cx(
            'flex flex-wrap items-center gap-3 rounded-lg bg-white/95 p-3 shadow-sm ring-1 ring-zinc-200 backdrop-blur',
            // Changes to save stay in sight while scrolling the steps.
            isChanged && 'sticky bottom-16 z-10 md:bottom-4',
          )}
        >
          <Button onClick={save} disabled={update.isPending || !isChanged} data-testid="scenario-save">
            {t('dunning.settings.scenario.save')}
          </Button>
          {isChanged ? (
            <>
              <Button
                variant="ghost"
                onClick={() => {
                  setDraft(toDraft(profile.scenario));
                  setErrors([]);
                }}
              >
                {t('dunning.settings.scenario.discard')}
              </Button>
              <span className="text-sm text-amber-700">{t('dunning.settings.scenario.unsaved')}</span>
            </>
          ) : isSaved ? (
            <span role="status" className="text-sm text-emerald-700" data-testid="scenario-saved">
              {t('dunning.settings.scenario.saved')}
            </span>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
