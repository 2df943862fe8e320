import { Pencil, Plus, Star, Trash2 } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../../contracts/dunning';
import { ApiError } from '../../../api/client';
import { useFormat } from '../../../lib/format';
import { Button, focusRing } from '../../../ui/button';
import { cx } from '../../../ui/cx';
import { ErrorNotice } from '../../../ui/feedback';
import { Input, Label, Select } from '../../../ui/field';
import { useCreateProfile, useDeleteProfile, useUpdateProfile } from '../use-dunning';

/** The API's refusals of a profile action (DUN-1), said in the user's words. */
const PROFILE_CONFLICTS: Record<string, string> = {
  profile_name_taken: 'dunning.settings.profiles.nameTaken',
  profile_in_use: 'dunning.settings.profiles.inUse',
  default_profile: 'dunning.settings.profiles.defaultProfile',
};

/** An error of a profile action; a known refusal is one sentence, anything else the usual notice. */
function ProfileError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const key = error instanceof ApiError ? PROFILE_CONFLICTS[error.code] : undefined;
  if (key) {
    return (
      <p
        role="alert"
        className="text-sm text-red-700"
        data-testid="profile-error"
        data-code={error instanceof ApiError ? error.code : undefined}
      >
        {t(key)}
      </p>
    );
  }
  return <ErrorNotice error={error} />;
}

function RenameForm({ profile, onDone }: { profile: Profile; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(profile.name);
  const update = useUpdateProfile();
  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || trimmed === profile.name) return onDone();
    update.mutate(
      { id: profile.id, body: { name: trimmed, scenario: profile.scenario } },
      { onSuccess: onDone },
    );
  }
  return (
    <form onSubmit={submit} className="mt-2 space-y-2">
      <Label htmlFor={id} className="sr-only">
        {t('dunning.settings.profiles.name')}
      </Label>
      <div className="flex flex-wrap gap-2">
        <Input
          id={id}
          value={name}
          maxLength={100}
          autoFocus
          className="min-w-0 flex-1 sm:max-w-xs"
          onChange={(event) => setName(event.target.value)}
        />
        <Button type="submit" size="sm" disabled={update.isPending || !name.trim()}>
          {t('dunning.settings.save')}
        </Button>
        <Button variant="ghost" size="sm" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
      {update.isError ? <ProfileError error={update.error} /> : null}
    </form>
  );
}

/** DUN-1: a profile in use is deleted only by moving its customers to another one. */
function DeleteForm({
  profile,
  others,
  onDone,
  onDeleted,
}: {
  profile: Profile;
  others: Profile[];
  onDone: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const fallback = others.find((p) => p.isDefault) ?? others[0];
  const [moveTo, setMoveTo] = useState(fallback?.id ?? '');
  const remove = useDeleteProfile();
  const isInUse = profile.customerCount > 0;
  return (
    <div className="mt-2 space-y-2 rounded-md bg-red-50 p-3 ring-1 ring-red-200" data-testid="profile-delete">
      <p className="text-sm text-red-900">
        {isInUse
          ? t('dunning.settings.profiles.deleteInUse', {
              count: profile.customerCount,
              formatted: format.integer(profile.customerCount),
            })
          : t('dunning.settings.profiles.deleteUnused')}
      </p>
      {isInUse ? (
        <div className="flex flex-wrap items-center gap-2">
          <Label htmlFor={id} className="font-normal">
            {t('dunning.settings.profiles.moveTo')}
          </Label>
          <Select
            id={id}
            value={moveTo}
            className="w-auto"
            onChange={(event) => setMoveTo(event.target.value)}
          >
            {others.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="danger"
          size="sm"
          disabled={remove.isPending || (isInUse && !moveTo)}
          onClick={() =>
            remove.mutate({ id: profile.id, moveTo: isInUse ? moveTo : null }, { onSuccess: onDeleted })
          }
        >
          <Trash2 aria-hidden="true" className="size-4" />
          {t('dunning.settings.profiles.deleteConfirm')}
        </Button>
        <Button variant="ghost" size="sm" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
      {remove.isError ? <ProfileError error={remove.error} /> : null}
    </div>
  );
}

function ProfileRow({
  profile,
  others,
  isSelected,
  canEdit,
  onSelect,
  onDeleted,
}: {
  profile: Profile;
  others: Profile[];
  isSelected: boolean;
  canEdit: boolean;
  onSelect: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const update = useUpdateProfile();
  return (
    <li
      data-testid="profile-row"
      data-name={profile.name}
      className={cx('px-4 py-3', isSelected && 'bg-indigo-50/60')}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <button
          type="button"
          onClick={onSelect}
          aria-pressed={isSelected}
          className={cx('min-w-0 flex-1 rounded text-left', focusRing)}
        >
          <span className="flex flex-wrap items-center gap-2">
            <span className={cx('font-medium', isSelected ? 'text-indigo-800' : 'text-zinc-900')}>
              {profile.name}
            </span>
            {profile.isDefault ? (
              <span className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200 ring-inset">
                <Star aria-hidden="true" className="size-3" />
                {t('dunning.settings.profiles.default')}
              </span>
            ) : null}
          </span>
          <span className="block text-xs text-zinc-500">
            {t('dunning.settings.profiles.customers', {
              count: profile.customerCount,
              formatted: format.integer(profile.customerCount),
            })}
            {profile.isDefault ? ` ${t('dunning.settings.profiles.defaultServes')}` : null}
          </span>
        </button>
        {canEdit && mode === 'view' ? (
          <div className="flex flex-wrap gap-1">
            <Button variant="ghost" size="sm" onClick={() => setMode('rename')}>
              <Pencil aria-hidden="true" className="size-3.5" />
              {t('dunning.settings.profiles.rename')}
            </Button>
            {profile.isDefault ? null : (
              <>
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={update.isPending}
                  onClick={() =>
                    update.mutate({
                      id: profile.id,
                      body: { name: profile.name, scenario: profile.scenario, isDefault: true },
                    })
                  }
                >
                  <Star aria-hidden="true" className="size-3.5" />
                  {t('dunning.settings.profiles.makeDefault')}
                </Button>
                <Button variant="ghost" size="sm" onClick={() => setMode('delete')}>
                  <Trash2 aria-hidden="true" className="size-3.5" />
                  {t('dunning.settings.profiles.delete')}
                </Button>
              </>
            )}
          </div>
        ) : null}
      </div>
      {update.isError ? <ProfileError error={update.error} /> : null}
      {mode === 'rename' ? <RenameForm profile={profile} onDone={() => setMode('view')} /> : null}
      {mode === 'delete' ? (
        <DeleteForm profile={profile} others={others} onDone={() => setMode('view')} onDeleted={onDeleted} />
      ) : null}
    </li>
  );
}

function CreateForm({
  template,
  onCreated,
}: {
  template: Profile | undefined;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const create = useCreateProfile();
  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || !template) return;
    // A new profile starts from the default's scenario, to be adjusted below.
    create.mutate(
      { name: trimmed, scenario: { ...template.scenario, name: trimmed } },
      {
        onSuccess: (profile) => {
          setName('');
          onCreated(profile.id);
        },
      },
    );
  }
  return (
    <form onSubmit={submit} className="space-y-2 border-t border-zinc-100 px-4 py-3">
      <Label htmlFor={id}>{t('dunning.settings.profiles.createLabel')}</Label>
      <div className="flex flex-wrap gap-2">
        <Input
          id={id}
          value={name}
          maxLength={100}
          placeholder={t('dunning.settings.profiles.createPlaceholder')}
          className="min-w-0 flex-1 sm:max-w-xs"
          onChange={(event) => setName(event.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={create.isPending || !name.trim() || !template}>
          <Plus aria-hidden="true" className="size-4" />
          {t('dunning.settings.profiles.create')}
        </Button>
      </div>
      <p className="text-xs text-zinc-500">{t('dunning.settings.profiles.createHint')}</p>
      {create.isError ? <ProfileError error={create.error} /> : null}
    </form>
  );
}

/** DUN-1: the profiles, exactly one default; admins create, rename, choose the default, delete. */
export function ProfilesSection({
  profiles,
  selectedId,
  canEdit,
  onSelect,
}: {
  profiles: Profile[];
  selectedId: string;
  canEdit: boolean;
  onSelect: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      data-testid="dunning-profiles"
      className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-zinc-200"
    >
      <div className="px-4 pt-4 pb-2">
        <h2 id={headingId} className="text-base font-semibold text-zinc-900">
          {t('dunning.settings.profiles.title')}
        </h2>
        <p className="mt-0.5 text-sm text-zinc-500">{t('dunning.settings.profiles.text')}</p>
      </div>
      <ul className="divide-y divide-zinc-100">
        {profiles.map((profile) => (
          <ProfileRow
            key={profile.id}
            profile={profile}
            others={profiles.filter((p) => p.id !== profile.id)}
            isSelected={profile.id === selectedId}
            canEdit={canEdit}
            onSelect={() => onSelect(profile.id)}
            onDeleted={() => onSelect(null)}
          />
        ))}
      </ul>
      {canEdit ? <CreateForm template={profiles.find((p) => p.isDefault)} onCreated={onSelect} /> : null}
    </section>
  );
}
