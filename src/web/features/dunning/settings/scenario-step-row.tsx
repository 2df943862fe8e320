import type { TFunction } from 'i18next';
import { ArrowDown, ArrowUp, CircleAlert, Trash2 } from 'lucide-react';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHANNELS,
  REMINDER_BASES,
  STEP_KINDS,
  type VariantAudience,
} from '../../../../domain/dunning/scenario';
import { Button } from '../../../ui/button';
import { cx } from '../../../ui/cx';
import { Input, Select } from '../../../ui/field';
import { CheckBox } from '../check-box';
import { levelText } from '../dunning-labels';
import { type DraftStep, type draftLevels, type StepError, TEMPLATE_IDS } from './scenario-draft';

/** Columns of a step: a table row from 1280 px, a card of labelled fields below. */
export const ROW_GRID =
  'grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-[4rem_7.5rem_6.75rem_minmax(9.5rem,1.3fr)_3.5rem_9.25rem_minmax(5.5rem,1fr)_4.5rem_4rem_3.5rem_5.75rem] xl:items-center xl:gap-1.5';

/** A field of a step with its label: visible on a card, for screen readers only in the table. */
function Cell({
  label,
  htmlFor,
  className,
  children,
}: {
  label: string;
  htmlFor?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cx('min-w-0', className)}>
      {htmlFor ? (
        <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-zinc-600 xl:sr-only">
          {label}
        </label>
      ) : (
        <span className="mb-1 block text-xs font-medium text-zinc-600 xl:sr-only">{label}</span>
      )}
      {children}
    </div>
  );
}

function Flag({
  label,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange: (value: boolean) => void;
}) {
  const id = useId();
  return (
    <label htmlFor={id} className="flex items-center gap-2 text-sm text-zinc-700 xl:justify-center">
      <CheckBox id={id} state={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span className="xl:sr-only">{label}</span>
    </label>
  );
}

export function errorText(t: TFunction, error: StepError): string {
  return t(`dunning.settings.scenario.errors.${error.code}`, { defaultValue: error.message });
}

/** One step of a variant: its fields, its moves, and the problems the API found in it. */
export function StepRow({
  step,
  index,
  count,
  level,
  audience,
  errors,
  canEdit,
  onChange,
  onMove,
  onRemove,
}: {
  step: DraftStep;
  index: number;
  count: number;
  level: ReturnType<typeof draftLevels>[number];
  audience: VariantAudience;
  errors: StepError[];
  canEdit: boolean;
  onChange: <K extends keyof DraftStep>(field: K, value: DraftStep[K]) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const base = useId();
  const ids = {
    kind: `${base}-kind`,
    channel: `${base}-channel`,
    template: `${base}-template`,
    days: `${base}-days`,
    basis: `${base}-basis`,
    cc: `${base}-cc`,
    attachStatement: `${base}-attach-statement`,
  };
  const isInvalid = (field: string) => errors.some((e) => e.field === field);
  const templates: string[] = [...TEMPLATE_IDS];
  if (step.templateId && !templates.includes(step.templateId)) templates.push(step.templateId);
  const needsTemplate = step.channel === 'email' || step.channel === 'letter';
  // Denser in the table, where eleven columns share the width.
  const control = 'py-1.5 pr-1! pl-2! xl:pl-1.5! xl:text-xs';
  const inputControl = 'py-1.5 xl:px-2 xl:text-xs';
  const daysHint =
    step.kind === 'notice'
      ? t('dunning.settings.scenario.daysBefore')
      : step.kind === 'thankYou'
        ? t('dunning.settings.scenario.daysAfterPayment')
        : null;
  return (
    <li
      data-testid={`step-${audience}-${index}`}
      className={cx(
        'rounded-md p-3 ring-1 xl:rounded-none xl:px-1 xl:py-2 xl:ring-0',
        errors.length > 0 ? 'bg-red-50/60 ring-red-300' : 'ring-zinc-200',
        !step.isEnabled && 'opacity-70',
      )}
    >
      <div className={ROW_GRID}>
        <div className="col-span-2 flex items-baseline gap-2 sm:col-span-4 xl:col-span-1 xl:flex-col xl:gap-0">
          <span className="text-sm font-semibold text-zinc-900">
            {step.kind === 'thankYou'
              ? t('dunning.settings.scenario.thankYouShort')
              : levelText(t, step.kind, level)}
          </span>
          <span className="text-xs text-zinc-500 tabular-nums">
            {t('dunning.settings.scenario.stepNumber', { n: index + 1 })}
          </span>
        </div>
        <Cell label={t('dunning.settings.scenario.columns.kind')} htmlFor={ids.kind}>
          <Select
            id={ids.kind}
            className={control}
            value={step.kind}
            disabled={!canEdit}
            invalid={isInvalid('kind')}
            onChange={(e) => onChange('kind', e.target.value as DraftStep['kind'])}
          >
            {STEP_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`dunning.kinds.${kind}`)}
              </option>
            ))}
          </Select>
        </Cell>
        <Cell label={t('dunning.settings.scenario.columns.channel')} htmlFor={ids.channel}>
          <Select
            id={ids.channel}
            className={control}
            value={step.channel}
            disabled={!canEdit}
            invalid={isInvalid('channel')}
            onChange={(e) => onChange('channel', e.target.value as DraftStep['channel'])}
          >
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`dunning.channels.${channel}`)}
              </option>
            ))}
          </Select>
        </Cell>
        <Cell label={t('dunning.settings.scenario.columns.template')} htmlFor={ids.template}>
          <Select
            id={ids.template}
            className={control}
            value={step.templateId ?? ''}
            disabled={!canEdit}
            invalid={isInvalid('templateId')}
            onChange={(e) => onChange('templateId', e.target.value || null)}
          >
            <option value="">
              {needsTemplate
                ? t('dunning.settings.scenario.chooseTemplate')
                : t('dunning.settings.scenario.noTemplate')}
            </option>
            {templates.map((id) => (
              <option key={id} value={id}>
                {t(`dunning.templates.${id}`, { defaultValue: id })}
              </option>
            ))}
          </Select>
        </Cell>
        <Cell label={t('dunning.settings.scenario.columns.days')} htmlFor={ids.days}>
          <Input
            id={ids.days}
            className={cx(inputControl, 'text-right tabular-nums')}
            inputMode="numeric"
            value={step.daysText}
            disabled={!canEdit}
            invalid={isInvalid('days')}
            title={daysHint ?? undefined}
            onChange={(e) => onChange('daysText', e.target.value)}
          />
        </Cell>
        <Cell label={t('dunning.settings.scenario.columns.basis')} htmlFor={ids.basis}>
          {step.kind === 'reminder' ? (
            <Select
              id={ids.basis}
              className={control}
              value={step.basis ?? ''}
              disabled={!canEdit}
              invalid={isInvalid('basis')}
              onChange={(e) => onChange('basis', (e.target.value || null) as DraftStep['basis'])}
            >
              {step.basis === null ? <option value="">—</option> : null}
              {REMINDER_BASES.map((basis) => (
                <option key={basis} value={basis}>
                  {t(`dunning.settings.scenario.bases.${basis}`)}
                </option>
              ))}
            </Select>
          ) : (
            <p id={ids.basis} className="py-1.5 text-xs text-zinc-500">
              {daysHint}
            </p>
          )}
        </Cell>
        <Cell
          label={t('dunning.settings.scenario.columns.cc')}
          htmlFor={ids.cc}
          className="col-span-2 sm:col-span-1"
        >
          <Input
            id={ids.cc}
            className={inputControl}
            value={step.ccText}
            disabled={!canEdit}
            invalid={isInvalid('cc')}
            placeholder={canEdit ? t('dunning.settings.scenario.ccPlaceholder') : undefined}
            onChange={(e) => onChange('ccText', e.target.value)}
          />
        </Cell>
        <Cell label="" className="xl:text-center">
          <Flag
            label={t('dunning.settings.scenario.columns.isAutomatic')}
            checked={step.isAutomatic}
            disabled={!canEdit}
            onChange={(value) => onChange('isAutomatic', value)}
          />
        </Cell>
        <Cell label="">
          <Flag
            label={t('dunning.settings.scenario.columns.maySkip')}
            checked={step.maySkip}
            disabled={!canEdit}
            onChange={(value) => onChange('maySkip', value)}
          />
        </Cell>
        <Cell label="">
          <Flag
            label={t('dunning.settings.scenario.columns.isEnabled')}
            checked={step.isEnabled}
            disabled={!canEdit}
            onChange={(value) => onChange('isEnabled', value)}
          />
        </Cell>
        {canEdit ? (
          <div className="col-span-2 flex justify-end gap-0.5 sm:col-span-4 xl:col-span-1">
            <Button
              variant="ghost"
              size="sm"
              disabled={index === 0}
              onClick={() => onMove(-1)}
              aria-label={t('dunning.settings.scenario.moveUp', { n: index + 1 })}
            >
              <ArrowUp aria-hidden="true" className="size-4" />
            </Button>
            <Button
              variant="ghost"
              size="sm"
              disabled={index === count - 1}
              onClick={() => onMove(1)}
              aria-label={t('dunning.settings.scenario.moveDown', { n: index + 1 })}
            >
              <ArrowDown aria-hidden="true" className="size-4" />
            </Button>
            <Button
              variant="ghost"
              size="sm"
              onClick={onRemove}
              aria-label={t('dunning.settings.scenario.removeStep', { n: index + 1 })}
            >
              <Trash2 aria-hidden="true" className="size-4 text-red-600" />
            </Button>
          </div>
        ) : null}
      </div>
      {step.channel === 'email' ? (
        // TPL-5: the statement of account on demand, for the emails of this step.
        <label
          htmlFor={ids.attachStatement}
          className="mt-2 flex items-center gap-2 text-xs text-zinc-700 xl:mt-1 xl:ml-[4.375rem]"
        >
          <CheckBox
            id={ids.attachStatement}
            state={step.attachStatement}
            disabled={!canEdit}
            data-testid="step-attach-statement"
            onChange={(e) => onChange('attachStatement', e.target.checked)}
          />
          {t('dunning.settings.scenario.attachStatement')}
        </label>
      ) : null}
      {errors.length > 0 ? (
        <ul className="mt-2 space-y-0.5 text-sm text-red-700" data-testid="step-errors">
          {errors.map((error) => (
            <li key={`${error.code}-${error.field}`} className="flex items-start gap-1.5">
              <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              {errorText(t, error)}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
