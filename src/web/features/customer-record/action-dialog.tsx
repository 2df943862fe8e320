import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRecord } from '../../../contracts/customer-record';
import { useCurrentUser } from '../../api/auth';
import { useFormat } from '../../lib/format';
import { focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { Dialog, TextArea } from '../../ui/dialog';
import { ErrorNotice } from '../../ui/feedback';
import { Field, Input, Select } from '../../ui/field';
import {
  type ActionDraft,
  type ActionField,
  buildActionBody,
  CALL_OUTCOMES,
  type DunningItem,
  MANUAL_KINDS,
  type ManualActionBody,
  type ManualKind,
} from '../dunning/customer-dunning-state';
import { CHANNEL_ICONS } from '../dunning/dunning-labels';
import { DialogFooter, useItemsText } from './dunning-dialogs';
import { toHundredths } from './record-ui';

const KIND_ICONS = {
  call: CHANNEL_ICONS.phone,
  email: CHANNEL_ICONS.email,
  letter: CHANNEL_ICONS.letter,
  other: CHANNEL_ICONS.other,
} as const;

/** The email a person writes, started with the items it is about. */
function useEmailDraft(record: CustomerRecord, items: readonly DunningItem[]) {
  const { t } = useTranslation();
  const format = useFormat();
  const lines = items.map(
    (i) =>
      `- ${i.pieceRef} · ${format.date(i.dueDate)} · ${format.money(toHundredths(i.amount, record.currency), record.currency)}`,
  );
  return {
    to: record.contact.effective.email ?? '',
    subject: t('dunning.record.action.emailSubject', { company: record.companyName }),
    text: `${t('dunning.record.action.emailIntro')}\n\n${lines.join('\n')}\n`,
  };
}

/**
 * A call, email, letter or other action on selected items (DUN-11): it counts for the scenario
 * (the items move one level up) or is one-off; a call records its outcome and may carry a
 * promise (CSH-1); an email is sent as written.
 */
export function ActionDialog({
  initialKind,
  record,
  items,
  today,
  isPending,
  error,
  onSubmit,
  onClose,
}: {
  initialKind: ManualKind;
  record: CustomerRecord;
  items: readonly DunningItem[];
  today: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (body: ManualActionBody) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const ids = {
    outcome: useId(),
    comment: useId(),
    promiseDate: useId(),
    promiseAmount: useId(),
    to: useId(),
    cc: useId(),
    replyTo: useId(),
    subject: useId(),
    text: useId(),
  };
  const me = useCurrentUser();
  const email = useEmailDraft(record, items);
  const [draft, setDraft] = useState<ActionDraft>({
    kind: initialKind,
    countsForScenario: true,
    outcome: '',
    comment: '',
    hasPromise: false,
    promiseDate: '',
    promiseAmount: '',
    cc: '',
    replyTo: me.user.email,
    attachStatement: false,
    ...email,
  });
  const [errors, setErrors] = useState<readonly ActionField[]>([]);
  const set = (changes: Partial<ActionDraft>) => setDraft((d) => ({ ...d, ...changes }));
  const errorOf = (field: ActionField) =>
    errors.includes(field) ? t(`dunning.record.action.errors.${field}`) : undefined;
  const summary = useItemsText(items, record.currency);

  function submit() {
    const built = buildActionBody(
      draft,
      items.map((i) => i.entryKey),
      today,
    );
    setErrors(built.errors);
    if (built.body) onSubmit(built.body);
  }

  return (
    <Dialog
      title={t('dunning.record.action.title')}
      description={summary}
      testId="action-dialog"
      wide
      onClose={onClose}
      onSubmit={submit}
      footer={
        <DialogFooter
          submitLabel={t(`dunning.record.action.submit.${draft.kind}`)}
          isPending={isPending}
          onCancel={onClose}
          testId="action-submit"
        />
      }
    >
      <fieldset className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <legend className="sr-only">{t('dunning.record.action.kind')}</legend>
        {MANUAL_KINDS.map((kind) => {
          const Icon = KIND_ICONS[kind];
          return (
            <button
              key={kind}
              type="button"
              aria-pressed={draft.kind === kind}
              onClick={() => set({ kind })}
              className={cx(
                'flex items-center justify-center gap-1.5 rounded-md px-3 py-2 text-sm font-medium ring-1 ring-inset',
                draft.kind === kind
                  ? 'bg-indigo-600 text-white ring-indigo-600'
                  : 'bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50',
                focusRing,
              )}
            >
              <Icon aria-hidden="true" className="size-4" />
              {t(`dunning.record.action.kinds.${kind}`)}
            </button>
          );
        })}
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-zinc-700">{t('dunning.record.action.counts')}</legend>
        {[true, false].map((value) => (
          <label key={String(value)} className="flex items-start gap-2 text-sm text-zinc-800">
            <input
              type="radio"
              name="countsForScenario"
              className="mt-0.5 accent-indigo-600"
              checked={draft.countsForScenario === value}
              onChange={() => set({ countsForScenario: value })}
            />
            <span>
              {t(value ? 'dunning.record.action.countsYes' : 'dunning.record.action.countsNo')}
              <span className="block text-xs text-zinc-500">
                {t(value ? 'dunning.record.action.countsYesHint' : 'dunning.record.action.countsNoHint')}
              </span>
            </span>
          </label>
        ))}
      </fieldset>

      {draft.kind === 'call' ? (
        <Field id={ids.outcome} label={t('dunning.record.action.outcome')}>
          <Select id={ids.outcome} value={draft.outcome} onChange={(e) => set({ outcome: e.target.value })}>
            <option value="">{t('dunning.record.action.noOutcome')}</option>
            {CALL_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`dunning.record.outcomes.${o}`)}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}

      {draft.kind === 'email' ? (
        <>
          <Field id={ids.to} label={t('dunning.record.action.to')} error={errorOf('to')}>
            <Input
              id={ids.to}
              type="text"
              inputMode="email"
              value={draft.to}
              invalid={errors.includes('to')}
              onChange={(e) => set({ to: e.target.value })}
            />
          </Field>
          <Field
            id={ids.cc}
            label={t('dunning.record.action.cc')}
            hint={t('dunning.record.action.ccHint')}
            error={errorOf('cc')}
          >
            <Input
              id={ids.cc}
              type="text"
              inputMode="email"
              value={draft.cc}
              invalid={errors.includes('cc')}
              onChange={(e) => set({ cc: e.target.value })}
            />
          </Field>
          <Field
            id={ids.replyTo}
            label={t('dunning.record.action.replyTo')}
            hint={t('dunning.record.action.replyToHint', { name: me.user.name })}
            error={errorOf('replyTo')}
          >
            <Input
              id={ids.replyTo}
              type="email"
              value={draft.replyTo}
              invalid={errors.includes('replyTo')}
              onChange={(e) => set({ replyTo: e.target.value })}
            />
          </Field>
          <Field id={ids.subject} label={t('dunning.record.action.subject')} error={errorOf('subject')}>
            <Input
              id={ids.subject}
              value={draft.subject}
              maxLength={300}
              invalid={errors.includes('subject')}
              onChange={(e) => set({ subject: e.target.value })}
            />
          </Field>
          <Field id={ids.text} label={t('dunning.record.action.text')} error={errorOf('text')}>
            <TextArea
              id={ids.text}
              rows={8}
              value={draft.text}
              invalid={errors.includes('text')}
              onChange={(e) => set({ text: e.target.value })}
            />
          </Field>
          <label className="flex items-center gap-2 text-sm text-zinc-800">
            <input
              type="checkbox"
              className="size-4 accent-indigo-600"
              data-testid="action-attach-statement"
              checked={draft.attachStatement}
              onChange={(e) => set({ attachStatement: e.target.checked })}
            />
            {t('dunning.record.action.attachStatement')}
          </label>
        </>
      ) : (
        <Field id={ids.comment} label={t('dunning.record.action.comment')}>
          <TextArea
            id={ids.comment}
            rows={3}
            maxLength={2000}
            value={draft.comment}
            onChange={(e) => set({ comment: e.target.value })}
          />
        </Field>
      )}

      {draft.kind === 'call' ? (
        <div className="rounded-md bg-zinc-50 p-3 ring-1 ring-zinc-200">
          <label className="flex items-center gap-2 text-sm font-medium text-zinc-800">
            <input
              type="checkbox"
              className="size-4 accent-indigo-600"
              checked={draft.hasPromise}
              onChange={(e) => set({ hasPromise: e.target.checked })}
            />
            {t('dunning.record.action.promise')}
          </label>
          {draft.hasPromise ? (
            <div className="mt-3 grid gap-3 sm:grid-cols-2">
              <Field
                id={ids.promiseDate}
                label={t('dunning.record.promise.date')}
                error={errorOf('promiseDate')}
              >
                <Input
                  id={ids.promiseDate}
                  type="date"
                  min={today}
                  value={draft.promiseDate}
                  invalid={errors.includes('promiseDate')}
                  onChange={(e) => set({ promiseDate: e.target.value })}
                />
              </Field>
              {items.length === 1 ? (
                <Field
                  id={ids.promiseAmount}
                  label={t('dunning.record.promise.amount', { currency: record.currency })}
                  hint={t('dunning.record.action.promiseAmountHint')}
                  error={errorOf('promiseAmount')}
                >
                  <Input
                    id={ids.promiseAmount}
                    inputMode="decimal"
                    value={draft.promiseAmount}
                    invalid={errors.includes('promiseAmount')}
                    onChange={(e) => set({ promiseAmount: e.target.value })}
                  />
                </Field>
              ) : (
                <p className="self-end text-xs text-zinc-500">{t('dunning.record.action.promiseEach')}</p>
              )}
            </div>
          ) : null}
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </Dialog>
  );
}
