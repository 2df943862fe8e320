import { Send } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { USER_ROLES, type UserRole } from '../../../contracts/auth';
import { type InvitationResult, inviteUserBodySchema, type PortfolioOptions } from '../../../contracts/users';
import { Button } from '../../ui/button';
import { Spinner } from '../../ui/feedback';
import { Field, Input, Select } from '../../ui/field';
import { describeAccountError } from './account-errors';
import { Notice } from './notice';
import { type PortfolioChoice, PortfolioPicker, portfolioOfChoice } from './portfolio-picker';
import { useInviteUser } from './use-users';

/** The role picker with what each role may do (COL-5). */
export function RoleSelect({
  id,
  value,
  onChange,
  testId,
}: {
  id: string;
  value: UserRole;
  onChange: (role: UserRole) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={t('users.fields.role')} hint={t(`users.roleHints.${value}`)}>
      <Select
        id={id}
        data-testid={testId}
        value={value}
        onChange={(event) => onChange(event.target.value as UserRole)}
        aria-describedby={`${id}-hint`}
      >
        {USER_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/**
 * ACC-1: an admin invites someone by email; the invitation link goes out by SMTP or waits in the
 * outbox. The result (sent, in the outbox, refused by the mail server) is shown by the page.
 */
export function InviteForm({
  options,
  isLoadingOptions,
  onInvited,
  onCancel,
}: {
  options: PortfolioOptions | undefined;
  isLoadingOptions: boolean;
  onInvited: (result: InvitationResult) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const invite = useInviteUser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('user');
  const [choice, setChoice] = useState<PortfolioChoice>({ isLimited: false });
  const [errors, setErrors] = useState<{ email?: string; name?: string; portfolio?: string }>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const portfolio = role === 'admin' ? null : portfolioOfChoice(choice);
    const parsed = inviteUserBodySchema.safeParse({
      email,
      name,
      role,
      portfolio: portfolio === 'empty' ? null : portfolio,
    });
    const next: typeof errors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        if (field === 'email') next.email = t('users.invite.errors.email');
        if (field === 'name') next.name = t('users.invite.errors.name');
      }
    }
    if (portfolio === 'empty') next.portfolio = t('users.portfolio.emptyError');
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    invite.mutate(parsed.data, { onSuccess: onInvited });
  };

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-labelledby={`${id}-title`}
      className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-5"
    >
      <div>
        <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-900">
          {t('users.invite.title')}
        </h2>
        <p className="mt-0.5 text-sm text-zinc-500">{t('users.invite.text')}</p>
      </div>
      <div className="grid items-start gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field id={`${id}-email`} label={t('users.fields.email')} error={errors.email}>
          <Input
            id={`${id}-email`}
            data-testid="invite-email"
            type="email"
            inputMode="email"
            autoComplete="off"
            required
            value={email}
            invalid={Boolean(errors.email)}
            onChange={(event) => setEmail(event.target.value)}
            aria-describedby={errors.email ? `${id}-email-error` : undefined}
          />
        </Field>
        <Field id={`${id}-name`} label={t('users.fields.name')} error={errors.name}>
          <Input
            id={`${id}-name`}
            data-testid="invite-name"
            autoComplete="off"
            required
            maxLength={200}
            value={name}
            invalid={Boolean(errors.name)}
            onChange={(event) => setName(event.target.value)}
            aria-describedby={errors.name ? `${id}-name-error` : undefined}
          />
        </Field>
        <RoleSelect id={`${id}-role`} value={role} onChange={setRole} testId="invite-role" />
      </div>
      {role === 'admin' ? (
        <p className="text-sm text-zinc-500">{t('users.portfolio.adminSeesAll')}</p>
      ) : (
        <PortfolioPicker
          value={choice}
          onChange={setChoice}
          options={options}
          isLoading={isLoadingOptions}
          error={errors.portfolio}
        />
      )}
      {invite.isError ? <Notice tone="error">{describeAccountError(t, invite.error)}</Notice> : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" data-testid="invite-submit" disabled={invite.isPending}>
          {invite.isPending ? (
            <Spinner className="text-white" />
          ) : (
            <Send aria-hidden="true" className="size-4" />
          )}
          {t('users.invite.submit')}
        </Button>
      </div>
    </form>
  );
}
