import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Portfolio, PortfolioOptions } from '../../../contracts/users';
import { cx } from '../../ui/cx';
import { Spinner } from '../../ui/feedback';
import { Input } from '../../ui/field';

type Kind = keyof Portfolio;

/** "All customers" or a portfolio; an empty portfolio is kept while the admin picks names. */
export type PortfolioChoice = { isLimited: false } | { isLimited: true; portfolio: Portfolio };

export const choiceOf = (portfolio: Portfolio | null): PortfolioChoice =>
  portfolio ? { isLimited: true, portfolio } : { isLimited: false };

/** The portfolio to send, or `'empty'` when "a portfolio" is chosen with nothing in it. */
export function portfolioOfChoice(choice: PortfolioChoice): Portfolio | null | 'empty' {
  if (!choice.isLimited) return null;
  const { salesReps, collectors } = choice.portfolio;
  return salesReps.length + collectors.length === 0 ? 'empty' : choice.portfolio;
}

function NameList({
  kind,
  names,
  selected,
  onToggle,
}: {
  kind: Kind;
  names: string[];
  selected: string[];
  onToggle: (name: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState('');
  const shown = filter
    ? names.filter((name) => name.toLocaleLowerCase().includes(filter.toLocaleLowerCase()))
    : names;
  return (
    <fieldset className="min-w-0">
      <legend className="text-sm font-medium text-zinc-700">
        {t(`users.portfolio.${kind}`)}
        {selected.length > 0 ? (
          <span className="ml-1 font-normal text-zinc-500">({selected.length})</span>
        ) : null}
      </legend>
      {names.length === 0 ? (
        <p className="mt-1 text-xs text-zinc-500">{t(`users.portfolio.none.${kind}`)}</p>
      ) : (
        <>
          {names.length > 8 ? (
            <Input
              aria-label={t('users.portfolio.filter')}
              placeholder={t('users.portfolio.filter')}
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              className="mt-1 py-1.5"
            />
          ) : null}
          <ul className="mt-1 max-h-44 space-y-0.5 overflow-y-auto rounded-md bg-white p-1 ring-1 ring-zinc-200">
            {shown.map((name) => {
              const checkboxId = `${id}-${name}`;
              return (
                <li key={name}>
                  <label
                    htmlFor={checkboxId}
                    className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-zinc-800 hover:bg-zinc-50"
                  >
                    <input
                      id={checkboxId}
                      type="checkbox"
                      className="size-4 rounded border-zinc-300 accent-indigo-600"
                      checked={selected.includes(name)}
                      onChange={() => onToggle(name)}
                    />
                    <span className="truncate">{name}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </fieldset>
  );
}

/**
 * COL-5: which customers a user or viewer sees — all, or those of some sales representatives
 * and collectors (a customer of either is in).
 */
export function PortfolioPicker({
  value,
  onChange,
  options,
  isLoading,
  error,
}: {
  value: PortfolioChoice;
  onChange: (value: PortfolioChoice) => void;
  options: PortfolioOptions | undefined;
  isLoading: boolean;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const name = useId();
  const portfolio = value.isLimited ? value.portfolio : { salesReps: [], collectors: [] };
  // Names saved earlier stay visible even when no customer carries them any more.
  const namesOf = (kind: Kind) =>
    [...new Set([...(options?.[kind] ?? []), ...portfolio[kind]])].sort((a, b) => a.localeCompare(b));
  const toggle = (kind: Kind) => (item: string) => {
    const current = portfolio[kind];
    const next = current.includes(item) ? current.filter((n) => n !== item) : [...current, item];
    onChange({ isLimited: true, portfolio: { ...portfolio, [kind]: next } });
  };

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-zinc-700">{t('users.portfolio.label')}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {[false, true].map((isLimited) => (
          <label
            key={String(isLimited)}
            className={cx(
              'flex cursor-pointer items-start gap-2 rounded-md p-2.5 text-sm ring-1',
              value.isLimited === isLimited ? 'bg-indigo-50 ring-indigo-300' : 'bg-white ring-zinc-200',
            )}
          >
            <input
              type="radio"
              name={name}
              className="mt-0.5 accent-indigo-600"
              checked={value.isLimited === isLimited}
              onChange={() => onChange(isLimited ? { isLimited: true, portfolio } : { isLimited: false })}
            />
            <span>
              <span className="block font-medium text-zinc-900">
                {t(isLimited ? 'users.portfolio.limited' : 'users.portfolio.all')}
              </span>
              <span className="block text-xs text-zinc-500">
                {t(isLimited ? 'users.portfolio.limitedHint' : 'users.portfolio.allHint')}
              </span>
            </span>
          </label>
        ))}
      </div>
      {value.isLimited ? (
        isLoading ? (
          <Spinner label={t('common.loading')} />
        ) : (
          <div className="grid gap-4 sm:grid-cols-2">
            <NameList
              kind="salesReps"
              names={namesOf('salesReps')}
              selected={portfolio.salesReps}
              onToggle={toggle('salesReps')}
            />
            <NameList
              kind="collectors"
              names={namesOf('collectors')}
              selected={portfolio.collectors}
              onToggle={toggle('collectors')}
            />
          </div>
        )
      ) : null}
      {error ? (
        <p className="text-xs text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** "All customers", or "Alice, Bruno · Bob" for a portfolio. */
export function portfolioSummary(t: (key: string) => string, portfolio: Portfolio | null): string {
  if (!portfolio) return t('users.portfolio.allShort');
  return [portfolio.salesReps.join(', '), portfolio.collectors.join(', ')].filter(Boolean).join(' · ');
}
