import { X } from 'lucide-react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserRole } from '../../../contracts/auth';
import type { PortfolioOptions, UserRow } from '../../../contracts/users';
import { Button, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { Spinner } from '../../ui/feedback';
import { describeAccountError } from './account-errors';
import { RoleSelect } from './invite-form';
import { Notice } from './notice';
import { choiceOf, type PortfolioChoice, PortfolioPicker, portfolioOfChoice } from './portfolio-picker';
import { useUpdateUser } from './use-users';

/** COL-5: the role and portfolio of one user, in a modal dialog (Escape or the cross closes it). */
export function UserEditDialog({
  user,
  options,
  isLoadingOptions,
  onClose,
}: {
  user: UserRow;
  options: PortfolioOptions | undefined;
  isLoadingOptions: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const update = useUpdateUser();
  const [role, setRole] = useState<UserRole>(user.role);
  const [choice, setChoice] = useState<PortfolioChoice>(choiceOf(user.portfolio));
  const [portfolioError, setPortfolioError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const portfolio = role === 'admin' ? null : portfolioOfChoice(choice);
    if (portfolio === 'empty') {
      setPortfolioError(t('users.portfolio.emptyError'));
      return;
    }
    setPortfolioError(null);
    update.mutate({ userId: user.id, body: { role, portfolio } }, { onSuccess: onClose });
  };

  return (
    <dialog
      ref={ref}
      onCancel={onClose}
      aria-labelledby={`${id}-title`}
      data-testid="user-edit-dialog"
      className="m-auto w-[calc(100%-2rem)] max-w-2xl rounded-xl bg-zinc-50 p-0 shadow-xl backdrop:bg-zinc-900/40"
    >
      <form noValidate onSubmit={onSubmit} className="flex max-h-[85dvh] flex-col">
        <div className="flex items-start justify-between gap-3 border-b border-zinc-200 bg-white px-5 py-4">
          <div className="min-w-0">
            <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-900">
              {t('users.edit.title', { name: user.name })}
            </h2>
            <p className="truncate text-sm text-zinc-500">{user.email}</p>
          </div>
          <button
            type="button"
            onClick={onClose}
            className={cx('rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100', focusRing)}
          >
            <X aria-hidden="true" className="size-5" />
            <span className="sr-only">{t('common.close')}</span>
          </button>
        </div>
        <div className="space-y-4 overflow-y-auto px-5 py-4">
          <div className="max-w-xs">
            <RoleSelect id={`${id}-role`} value={role} onChange={setRole} testId="edit-role" />
          </div>
          {role === 'admin' ? (
            <p className="text-sm text-zinc-500">{t('users.portfolio.adminSeesAll')}</p>
          ) : (
            <PortfolioPicker
              value={choice}
              onChange={setChoice}
              options={options}
              isLoading={isLoadingOptions}
              error={portfolioError}
            />
          )}
          {update.isError ? <Notice tone="error">{describeAccountError(t, update.error)}</Notice> : null}
        </div>
        <div className="flex justify-end gap-2 border-t border-zinc-200 bg-white px-5 py-3">
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" data-testid="edit-save" disabled={update.isPending}>
            {update.isPending ? <Spinner className="text-white" /> : null}
            {t('users.edit.save')}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
