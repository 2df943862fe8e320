import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../contracts/users';
import { Field, Input } from '../../ui/field';

export interface PasswordPair {
  password: string;
  confirmation: string;
}

/** What is wrong with a new password, or null: long enough (ACC-1), typed twice the same. */
export function passwordProblem(pair: PasswordPair): 'tooShort' | 'mismatch' | null {
  if (pair.password.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (pair.password !== pair.confirmation) return 'mismatch';
  return null;
}

/** A new password and its confirmation, with the rule said before it is broken. */
export function PasswordFields({
  id,
  value,
  onChange,
  problem,
}: {
  id: string;
  value: PasswordPair;
  onChange: (value: PasswordPair) => void;
  problem: 'tooShort' | 'mismatch' | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        id={`${id}-password`}
        label={t('account.password.new')}
        hint={t('account.password.hint', { min: PASSWORD_MIN_LENGTH })}
        error={problem === 'tooShort' ? t('account.password.tooShort', { min: PASSWORD_MIN_LENGTH }) : null}
      >
        <Input
          id={`${id}-password`}
          data-testid="new-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          value={value.password}
          invalid={problem === 'tooShort'}
          onChange={(event) => onChange({ ...value, password: event.target.value })}
          aria-describedby={problem === 'tooShort' ? `${id}-password-error` : `${id}-password-hint`}
        />
      </Field>
      <Field
        id={`${id}-confirmation`}
        label={t('account.password.confirm')}
        error={problem === 'mismatch' ? t('account.password.mismatch') : null}
      >
        <Input
          id={`${id}-confirmation`}
          data-testid="new-password-confirmation"
          type="password"
          autoComplete="new-password"
          required
          value={value.confirmation}
          invalid={problem === 'mismatch'}
          onChange={(event) => onChange({ ...value, confirmation: event.target.value })}
          aria-describedby={problem === 'mismatch' ? `${id}-confirmation-error` : undefined}
        />
      </Field>
    </>
  );
}
