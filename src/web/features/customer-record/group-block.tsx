import { Building2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CustomerRecord, GroupMember } from '../../../contracts/customer-record';
import { Link } from '../../router/router';
import { Amount } from '../../ui/amount';
import { cx } from '../../ui/cx';
import { RecordCard } from './record-ui';

type Sums = Pick<GroupMember, 'currency' | 'overdue' | 'notDue' | 'balance'>;

function sumsByCurrency(members: readonly GroupMember[]): Sums[] {
  const sums = new Map<string, Sums>();
  for (const m of members) {
    const sum = sums.get(m.currency) ?? { currency: m.currency, overdue: 0, notDue: 0, balance: 0 };
    sum.overdue += m.overdue;
    sum.notDue += m.notDue;
    sum.balance += m.balance;
    sums.set(m.currency, sum);
  }
  return [...sums.values()];
}

function CompanyName({ member }: { member: GroupMember }) {
  const { t } = useTranslation();
  return member.isCurrent ? (
    <span>
      <span className="font-medium text-zinc-900">{member.companyCode}</span>
      <span className="ml-1 text-xs text-zinc-500">({t('customerRecord.group.current')})</span>
    </span>
  ) : (
    <Link to={`/customers/${member.customerId}`} className="font-medium text-indigo-700 hover:underline">
      {member.companyCode}
    </Link>
  );
}

/** VIS-8: the same group customer in each company of the organization. */
export function GroupBlock({ record }: { record: CustomerRecord }) {
  const { t } = useTranslation();
  const { group } = record;
  const byKey = group.matchKey === 'externalId' ? 'byExternalId' : 'byRegistrationNumber';
  const noKey = group.matchKey === 'externalId' ? 'noKeyExternalId' : 'noKeyRegistrationNumber';
  const outstanding = (m: Pick<GroupMember, 'outstanding' | 'currency'>) =>
    m.outstanding === null ? (
      <span className="text-zinc-400">—</span>
    ) : (
      <Amount cents={m.outstanding} currency={m.currency} />
    );
  const totals = sumsByCurrency(group.members);

  return (
    <RecordCard
      title={t('customerRecord.group.title')}
      testId="record-group"
      actions={
        <Link to="/consolidated" className="text-xs font-medium text-indigo-700 hover:underline">
          {t('customerRecord.group.consolidatedLink')}
        </Link>
      }
    >
      {group.members.length === 0 ? (
        <div className="flex items-start gap-3 text-sm text-zinc-600">
          <Building2 aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-zinc-400" />
          <div>
            <p>{group.key ? t('customerRecord.group.alone') : t(`customerRecord.group.${noKey}`)}</p>
            <p className="mt-1 text-xs text-zinc-500">{t('customerRecord.group.howTo')}</p>
          </div>
        </div>
      ) : (
        <>
          <p className="mb-2 text-xs text-zinc-500">
            {t(`customerRecord.group.${byKey}`, { key: group.key })}
          </p>
          {/* Phones: one block per company. */}
          <ul className="divide-y divide-zinc-100 sm:hidden">
            {group.members.map((m) => (
              <li key={m.customerId} className={cx('py-2', m.isCurrent && 'bg-indigo-50/50')}>
                <div className="flex items-baseline justify-between gap-2 text-sm">
                  <CompanyName member={m} />
                  <Amount cents={m.balance} currency={m.currency} className="font-medium" />
                </div>
                <dl className="mt-1 grid grid-cols-3 gap-2 text-xs">
                  <div>
                    <dt className="text-zinc-500">{t('customerRecord.group.overdue')}</dt>
                    <dd>
                      <Amount cents={m.overdue} currency={m.currency} tone="overdue" muteZero />
                    </dd>
                  </div>
                  <div>
                    <dt className="text-zinc-500">{t('customerRecord.group.notDue')}</dt>
                    <dd>
                      <Amount cents={m.notDue} currency={m.currency} muteZero />
                    </dd>
                  </div>
                  <div>
                    <dt className="text-zinc-500">{t('customerRecord.group.outstanding')}</dt>
                    <dd>{outstanding(m)}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          <table className="hidden w-full text-sm sm:table">
            <thead>
              <tr className="text-left text-xs text-zinc-500">
                <th scope="col" className="py-1 font-medium">
                  {t('customerRecord.group.company')}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {t('customerRecord.group.overdue')}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {t('customerRecord.group.notDue')}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {t('customerRecord.group.outstanding')}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {t('customerRecord.group.balance')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {group.members.map((m) => (
                <tr key={m.customerId} className={m.isCurrent ? 'bg-indigo-50/50' : undefined}>
                  <td className="py-1.5 pr-2">
                    <CompanyName member={m} />
                    <div className="truncate text-xs text-zinc-500">
                      <span className="font-mono">{m.account}</span> · {m.name}
                    </div>
                  </td>
                  <td className="py-1.5 text-right">
                    <Amount cents={m.overdue} currency={m.currency} tone="overdue" muteZero />
                  </td>
                  <td className="py-1.5 text-right">
                    <Amount cents={m.notDue} currency={m.currency} muteZero />
                  </td>
                  <td className="py-1.5 text-right">{outstanding(m)}</td>
                  <td className="py-1.5 text-right">
                    <Amount cents={m.balance} currency={m.currency} muteZero />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t border-zinc-300 font-semibold">
              {totals.map((s) => (
                <tr key={s.currency}>
                  <th scope="row" className="py-1.5 text-left text-xs font-semibold text-zinc-700">
                    {t('customerRecord.group.total', { currency: s.currency })}
                  </th>
                  <td className="py-1.5 text-right">
                    <Amount cents={s.overdue} currency={s.currency} tone="overdue" muteZero />
                  </td>
                  <td className="py-1.5 text-right">
                    <Amount cents={s.notDue} currency={s.currency} muteZero />
                  </td>
                  <td className="py-1.5 text-right">
                    {outstanding({ outstanding: s.balance > 0 ? s.balance : null, currency: s.currency })}
                  </td>
                  <td className="py-1.5 text-right">
                    <Amount cents={s.balance} currency={s.currency} muteZero />
                  </td>
                </tr>
              ))}
            </tfoot>
          </table>
        </>
      )}
    </RecordCard>
  );
}
