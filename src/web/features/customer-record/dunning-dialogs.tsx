import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DUNNING_LEVELS, type DunningLevel } from '../../../domain/dunning/levels';
import { useFormat } from '../../lib/format';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { ErrorNotice, Spinner } from '../../ui/feedback';
import { Field, Input, Select } from '../../ui/field';
import type { DunningItem } from '../dunning/customer-dunning-state';
import { formatAmountInput, parseAmountInput } from '../dunning/settings/amount-input';
import { toHundredths } from './record-ui';

/** The buttons of a dialog: cancel, and the action with a spinner while it runs. */
export function DialogFooter({
  submitLabel,
  isPending,
  onCancel,
  testId,
  variant = 'primary',
}: {
  submitLabel: string;
  isPending: boolean;
  onCancel: () => void;
  testId?: string;
  variant?: 'primary' | 'danger';
}) {
  const { t } = useTranslation();
  return (
    <>
      <Button variant="secondary" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" variant={variant} disabled={isPending} data-testid={testId}>
        {isPending ? <Spinner className="text-white" /> : null}
        {submitLabel}
      </Button>
    </>
  );
}

/** "3 items · 1 234,56 €": what the action applies to. */
export function useItemsText(items: readonly DunningItem[], currency: string): string {
  const { t } = useTranslation();
  const format = useFormat();
  const total = items.reduce((sum, i) => sum + i.amount, 0);
  return t('dunning.record.itemsSummary', {
    count: items.length,
    formatted: format.integer(items.length),
    total: format.money(toHundredths(total, currency), currency),
  });
}

/** STOP or dispute with its reason, on the customer or on selected items (DUN-8). */
export function ReasonDialog({
  flag,
  target,
  isPending,
  error,
  onSubmit,
  onClose,
}: {
  flag: 'stop' | 'dispute';
  /** Who it applies to, in words: the customer's name or the items' summary. */
  target: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [isTouched, setIsTouched] = useState(false);
  const isInvalid = reason.trim() === '';
  return (
    <Dialog
      title={t(`dunning.record.${flag}.dialogTitle`)}
      description={target}
      testId={`${flag}-dialog`}
      onClose={onClose}
      onSubmit={() => {
        setIsTouched(true);
        if (!isInvalid) onSubmit(reason.trim());
      }}
      footer={
        <DialogFooter
          submitLabel={t(`dunning.record.${flag}.put`)}
          isPending={isPending}
          onCancel={onClose}
          testId={`${flag}-submit`}
          variant={flag === 'stop' ? 'danger' : 'primary'}
        />
      }
    >
      <p className="text-sm text-zinc-600">{t(`dunning.record.${flag}.explain`)}</p>
      <Field
        id={id}
        label={t('dunning.record.reason')}
        error={isTouched && isInvalid ? t('dunning.record.reasonRequired') : undefined}
      >
        <Input
          id={id}
          value={reason}
          maxLength={500}
          invalid={isTouched && isInvalid}
          placeholder={t(`dunning.record.${flag}.placeholder`)}
          onChange={(event) => setReason(event.target.value)}
        />
      </Field>
      {error ? <ErrorNotice error={error} /> : null}
    </Dialog>
  );
}

/** DUN-11: the level the items are at, set by hand; the next step of the scenario follows from it. */
export function LevelDialog({
  items,
  currency,
  isPending,
  error,
  onSubmit,
  onClose,
}: {
  items: readonly DunningItem[];
  currency: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (level: DunningLevel) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [level, setLevel] = useState<DunningLevel>(items.length === 1 ? items[0]!.level : 'none');
  return (
    <Dialog
      title={t('dunning.record.level.dialogTitle')}
      description={useItemsText(items, currency)}
      testId="level-dialog"
      onClose={onClose}
      onSubmit={() => onSubmit(level)}
      footer={
        <DialogFooter
          submitLabel={t('dunning.record.level.submit')}
          isPending={isPending}
          onCancel={onClose}
          testId="level-submit"
        />
      }
    >
      <Field id={id} label={t('dunning.record.level.label')} hint={t('dunning.record.level.hint')}>
        <Select id={id} value={level} onChange={(event) => setLevel(event.target.value as DunningLevel)}>
          {DUNNING_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`dunning.levels.${l}`)}
            </option>
          ))}
        </Select>
      </Field>
      {error ? <ErrorNotice error={error} /> : null}
    </Dialog>
  );
}

/** CSH-1: a promise of payment on one item, for its open amount or less, at a date to come. */
export function PromiseDialog({
  item,
  currency,
  today,
  isPending,
  error,
  onSubmit,
  onClose,
}: {
  item: DunningItem;
  currency: string;
  today: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (body: { amount: number; date: string }) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const amountId = useId();
  const dateId = useId();
  const [amountText, setAmountText] = useState(formatAmountInput(Math.max(item.amount, 0), format.locale));
  const [date, setDate] = useState('');
  const [isTouched, setIsTouched] = useState(false);
  const amount = parseAmountInput(amountText);
  const isAmountBad = typeof amount !== 'number' || amount <= 0;
  const isDateBad = !/^\d{4}-\d{2}-\d{2}$/.test(date) || date < today;
  return (
    <Dialog
      title={t('dunning.record.promise.dialogTitle')}
      description={t('dunning.record.promise.on', {
        piece: item.pieceRef,
        amount: format.money(toHundredths(item.amount, currency), currency),
      })}
      testId="promise-dialog"
      onClose={onClose}
      onSubmit={() => {
        setIsTouched(true);
        if (!isAmountBad && !isDateBad) onSubmit({ amount: amount as number, date });
      }}
      footer={
        <DialogFooter
          submitLabel={t('dunning.record.promise.submit')}
          isPending={isPending}
          onCancel={onClose}
          testId="promise-submit"
        />
      }
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id={amountId}
          label={t('dunning.record.promise.amount', { currency })}
          error={isTouched && isAmountBad ? t('dunning.record.promise.amountInvalid') : undefined}
        >
          <Input
            id={amountId}
            inputMode="decimal"
            value={amountText}
            invalid={isTouched && isAmountBad}
            onChange={(event) => setAmountText(event.target.value)}
          />
        </Field>
        <Field
          id={dateId}
          label={t('dunning.record.promise.date')}
          error={isTouched && isDateBad ? t('dunning.record.promise.dateInvalid') : undefined}
        >
          <Input
            id={dateId}
            type="date"
            min={today}
            value={date}
            invalid={isTouched && isDateBad}
            onChange={(event) => setDate(event.target.value)}
          />
        </Field>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </Dialog>
  );
}
