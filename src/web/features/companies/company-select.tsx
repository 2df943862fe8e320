import { useTranslation } from 'react-i18next';
import type { Company } from '../../../contracts/companies';
import { Select } from '../../ui/field';

/** A native select of companies; `allLabel` adds an "all companies" choice (value ''). */
export function CompanySelect({
  id,
  companies,
  value,
  onChange,
  allLabel,
  disabled,
  className,
  testId,
}: {
  id: string;
  companies: readonly Company[];
  value: string;
  onChange: (companyId: string) => void;
  allLabel?: string;
  disabled?: boolean;
  className?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      data-testid={testId}
      value={value}
      disabled={disabled}
      className={className}
      onChange={(event) => onChange(event.target.value)}
    >
      {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
      {allLabel === undefined && value === '' ? (
        <option value="" disabled>
          {t('companies.choose')}
        </option>
      ) : null}
      {companies.map((company) => (
        <option key={company.id} value={company.id}>
          {company.code} — {company.name}
        </option>
      ))}
    </Select>
  );
}
