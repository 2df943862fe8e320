import { Lock } from 'lucide-react';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DunningSettings } from '../../../../contracts/dunning';
import { GROUPING_MODES } from '../../../../domain/dunning/planner';
import { ApiError } from '../../../api/client';
import { useFormat } from '../../../lib/format';
import { Button } from '../../../ui/button';
import { ErrorNotice } from '../../../ui/feedback';
import { Field, Input, Select } from '../../../ui/field';
import { CheckBox } from '../check-box';
import { useSaveDunningSettings } from '../use-dunning';
import { formatAmountInput, parseAmountInput } from './amount-input';

/** The time zones the browser knows, with the saved one even if it does not. */
function useTimeZones(current: string): string[] {
  return useMemo(() => {
    let zones: string[] = [];
    try {
      zones =
        (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.(
          'timeZone',
        ) ?? [];
    } catch {
      zones = [];
    }
    return zones.includes(current) ? zones : [current, ...zones];
  }, [current]);
}

function CheckRow({
  label,
  hint,
  checked,
  disabled,
  onChange,
  testId,
}: {
  label: string;
  hint: string;
  checked: boolean;
  disabled: boolean;
  onChange: (value: boolean) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <label htmlFor={id} className="flex items-start gap-3">
      <CheckBox
        id={id}
        state={checked}
        disabled={disabled}
        data-testid={testId}
        className="mt-0.5"
        onChange={(e) => onChange(e.target.checked)}
      />
      <span className="min-w-0">
        <span className="block text-sm font-medium text-zinc-800">{label}</span>
        <span className="block text-xs text-zinc-500">{hint}</span>
      </span>
    </label>
  );
}

/**
 * A company's dunning options (DUN-7, DUN-8, DUN-12): grouping (locked once a reminder went),
 * per-item minimum, threshold and ceiling, promises and credit options, the nightly run's time and
 * the freshness window. Amounts are typed in the company's currency and kept in cents.
 */
export function CompanyOptionsForm({
  companyId,
  currency,
  settings,
  canEdit,
}: {
  companyId: string;
  currency: string;
  settings: DunningSettings;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const ids = {
    grouping: useId(),
    itemMinimum: useId(),
    threshold: useId(),
    ceiling: useId(),
    time: useId(),
    zone: useId(),
    freshness: useId(),
  };
  const save = useSaveDunningSettings(companyId);
  const [grouping, setGrouping] = useState(settings.grouping);
  const [itemMinimum, setItemMinimum] = useState(formatAmountInput(settings.itemMinimum, format.locale));
  const [threshold, setThreshold] = useState(formatAmountInput(settings.threshold, format.locale));
  const [ceiling, setCeiling] = useState(formatAmountInput(settings.ceiling, format.locale));
  const [excludeUpcomingPromises, setExcludeUpcomingPromises] = useState(settings.excludeUpcomingPromises);
  const [remindCustomersInCredit, setRemindCustomersInCredit] = useState(settings.remindCustomersInCredit);
  const [automationTime, setAutomationTime] = useState(settings.automationTime ?? '');
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [freshness, setFreshness] = useState(String(settings.freshnessHours));
  const [isSaved, setIsSaved] = useState(false);
  const zones = useTimeZones(settings.timeZone);

  const amounts = {
    itemMinimum: parseAmountInput(itemMinimum),
    threshold: parseAmountInput(threshold),
    ceiling: parseAmountInput(ceiling),
  };
  const freshnessHours = /^\d{1,3}$/.test(freshness.trim()) ? Number(freshness.trim()) : null;
  const isFreshnessValid = freshnessHours !== null && freshnessHours >= 1 && freshnessHours <= 720;
  const isValid =
    amounts.itemMinimum !== undefined &&
    amounts.threshold !== undefined &&
    amounts.ceiling !== undefined &&
    isFreshnessValid;
  const amountError = (value: number | null | undefined) =>
    value === undefined ? t('dunning.settings.options.invalidAmount') : undefined;
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setIsSaved(false);
    };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!isValid) return;
    save.mutate(
      {
        grouping,
        itemMinimum: amounts.itemMinimum ?? 0,
        threshold: amounts.threshold ?? 0,
        ceiling: amounts.ceiling ?? null,
        excludeUpcomingPromises,
        remindCustomersInCredit,
        automationTime: automationTime || null,
        timeZone,
        freshnessHours: freshnessHours ?? settings.freshnessHours,
      },
      { onSuccess: () => setIsSaved(true) },
    );
  }

  const isConflict = save.error instanceof ApiError && save.error.code === 'grouping_locked';
  return (
    <form onSubmit={submit} className="space-y-5" data-testid="dunning-options">
      <Field
        id={ids.grouping}
        label={t('dunning.settings.options.grouping')}
        hint={settings.isGroupingLocked ? undefined : t(`dunning.settings.options.groupingHints.${grouping}`)}
        className="max-w-xl"
      >
        <Select
          id={ids.grouping}
          value={grouping}
          disabled={!canEdit || settings.isGroupingLocked}
          onChange={(e) => edited(setGrouping)(e.target.value as typeof grouping)}
        >
          {GROUPING_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`dunning.settings.options.groupings.${mode}`)}
            </option>
          ))}
        </Select>
        {settings.isGroupingLocked ? (
          <p className="mt-1 flex items-start gap-1.5 text-xs text-zinc-600" data-testid="grouping-locked">
            <Lock aria-hidden="true" className="mt-px size-3.5 shrink-0" />
            {t('dunning.settings.options.groupingLocked')}
          </p>
        ) : null}
      </Field>
      <div className="grid gap-5 md:grid-cols-3">
        <Field
          id={ids.itemMinimum}
          label={t('dunning.settings.options.itemMinimum')}
          hint={t('dunning.settings.options.itemMinimumHint', { currency })}
          error={amountError(amounts.itemMinimum)}
        >
          <Input
            id={ids.itemMinimum}
            inputMode="decimal"
            className="text-right tabular-nums"
            value={itemMinimum}
            disabled={!canEdit}
            invalid={amounts.itemMinimum === undefined}
            placeholder="0"
            onChange={(e) => edited(setItemMinimum)(e.target.value)}
          />
        </Field>
        <Field
          id={ids.threshold}
          label={t('dunning.settings.options.threshold')}
          hint={t('dunning.settings.options.thresholdHint', { currency })}
          error={amountError(amounts.threshold)}
        >
          <Input
            id={ids.threshold}
            inputMode="decimal"
            className="text-right tabular-nums"
            value={threshold}
            disabled={!canEdit}
            invalid={amounts.threshold === undefined}
            placeholder="0"
            onChange={(e) => edited(setThreshold)(e.target.value)}
          />
        </Field>
        <Field
          id={ids.ceiling}
          label={t('dunning.settings.options.ceiling')}
          hint={t('dunning.settings.options.ceilingHint', { currency })}
          error={amountError(amounts.ceiling)}
        >
          <Input
            id={ids.ceiling}
            inputMode="decimal"
            className="text-right tabular-nums"
            value={ceiling}
            disabled={!canEdit}
            invalid={amounts.ceiling === undefined}
            placeholder={t('dunning.settings.options.noCeiling')}
            onChange={(e) => edited(setCeiling)(e.target.value)}
          />
        </Field>
      </div>

      <fieldset className="space-y-3">
        <legend className="sr-only">{t('dunning.settings.options.exclusions')}</legend>
        <CheckRow
          label={t('dunning.settings.options.excludeUpcomingPromises')}
          hint={t('dunning.settings.options.excludeUpcomingPromisesHint')}
          checked={excludeUpcomingPromises}
          disabled={!canEdit}
          onChange={edited(setExcludeUpcomingPromises)}
        />
        <CheckRow
          label={t('dunning.settings.options.remindCustomersInCredit')}
          hint={t('dunning.settings.options.remindCustomersInCreditHint')}
          checked={remindCustomersInCredit}
          disabled={!canEdit}
          onChange={edited(setRemindCustomersInCredit)}
        />
      </fieldset>

      <div className="grid gap-5 md:grid-cols-3">
        <Field
          id={ids.time}
          label={t('dunning.settings.options.automationTime')}
          hint={t('dunning.settings.options.automationTimeHint')}
        >
          <div className="flex gap-2">
            <Input
              id={ids.time}
              type="time"
              value={automationTime}
              disabled={!canEdit}
              className="tabular-nums"
              onChange={(e) => edited(setAutomationTime)(e.target.value)}
            />
            {canEdit && automationTime ? (
              <Button variant="ghost" size="sm" onClick={() => edited(setAutomationTime)('')}>
                {t('dunning.settings.options.noRun')}
              </Button>
            ) : null}
          </div>
        </Field>
        <Field id={ids.zone} label={t('dunning.settings.options.timeZone')}>
          <Select
            id={ids.zone}
            value={timeZone}
            disabled={!canEdit}
            onChange={(e) => edited(setTimeZone)(e.target.value)}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id={ids.freshness}
          label={t('dunning.settings.options.freshnessHours')}
          hint={t('dunning.settings.options.freshnessHoursHint')}
          error={isFreshnessValid ? undefined : t('dunning.settings.options.invalidFreshness')}
        >
          <Input
            id={ids.freshness}
            inputMode="numeric"
            className="text-right tabular-nums"
            value={freshness}
            disabled={!canEdit}
            invalid={!isFreshnessValid}
            onChange={(e) => edited(setFreshness)(e.target.value)}
          />
        </Field>
      </div>

      {save.isError ? (
        isConflict ? (
          <p role="alert" className="text-sm text-red-700">
            {t('dunning.settings.options.groupingConflict')}
          </p>
        ) : (
          <ErrorNotice error={save.error} />
        )
      ) : null}
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={!isValid || save.isPending} data-testid="options-save">
            {t('dunning.settings.save')}
          </Button>
          {isSaved ? (
            <p role="status" className="text-sm text-emerald-700">
              {t('dunning.settings.options.saved')}
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
