import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Upload } from '../../../contracts/imports';
import { cx } from '../../ui/cx';
import { Select } from '../../ui/field';

export const DATE_FORMATS = ['auto', 'DD/MM/YYYY', 'YYYY-MM-DD', 'MM/DD/YYYY', 'YYYYMMDD'] as const;
export const DECIMAL_SEPARATORS = ['auto', ',', '.'] as const;

export interface MappingState {
  columns: Record<string, string>;
  dateFormat: (typeof DATE_FORMATS)[number];
  decimalSeparator: (typeof DECIMAL_SEPARATORS)[number];
  saveMapping: boolean;
}

/** The guessed (or saved) mapping, keeping only headers the file really has. */
export function initialMapping(upload: Upload): MappingState {
  const columns: Record<string, string> = {};
  for (const [field, header] of Object.entries(upload.guessedMapping ?? {})) {
    if (upload.headers.includes(header)) columns[field] = header;
  }
  return { columns, dateFormat: 'auto', decimalSeparator: 'auto', saveMapping: true };
}

/** Required fields that no column fills yet. */
export function unmappedRequired(upload: Upload, columns: Record<string, string>): string[] {
  return upload.fields.filter((field) => field.required && !columns[field.name]).map((field) => field.name);
}

/** One row per field the file may fill: a select of the file's headers (IMP-1 b). */
export function ColumnMapping({
  upload,
  value,
  onChange,
}: {
  upload: Upload;
  value: MappingState;
  onChange: (next: MappingState) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const missing = new Set(unmappedRequired(upload, value.columns));

  const setColumn = (field: string, header: string) => {
    const columns = { ...value.columns };
    if (header) columns[field] = header;
    else delete columns[field];
    onChange({ ...value, columns });
  };

  return (
    <div className="space-y-4">
      <div>
        <h3 className="text-sm font-semibold text-zinc-900">{t('import.mapping.title')}</h3>
        <p className="mt-0.5 text-sm text-zinc-500">
          {t('import.mapping.text', { count: upload.headers.length })}
        </p>
      </div>
      {missing.size > 0 ? (
        <p
          role="alert"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          {t('import.mapping.missing', {
            fields: [...missing].map((name) => t(`import.fields.${name}`, { defaultValue: name })).join(', '),
          })}
        </p>
      ) : null}
      <ul className="divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200">
        {upload.fields.map((field) => {
          const selectId = `${id}-${field.name}`;
          const isMissing = missing.has(field.name);
          return (
            <li
              key={field.name}
              className={cx(
                'grid gap-1.5 px-3 py-2.5 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)] sm:items-center sm:gap-4',
                isMissing && 'bg-amber-50/60',
              )}
            >
              <label htmlFor={selectId} className="min-w-0 text-sm">
                <span className="font-medium text-zinc-800">
                  {t(`import.fields.${field.name}`, { defaultValue: field.name })}
                </span>
                {field.required ? (
                  <span className="ml-1 text-red-600" title={t('import.mapping.required')}>
                    *<span className="sr-only"> ({t('import.mapping.required')})</span>
                  </span>
                ) : null}
                <span className="ml-2 font-mono text-xs text-zinc-400">{field.name}</span>
              </label>
              <Select
                id={selectId}
                value={value.columns[field.name] ?? ''}
                invalid={isMissing}
                onChange={(event) => setColumn(field.name, event.target.value)}
              >
                <option value="">
                  {field.required ? t('import.mapping.choose') : t('import.mapping.none')}
                </option>
                {upload.headers.map((header) => (
                  <option key={header} value={header}>
                    {header}
                  </option>
                ))}
              </Select>
            </li>
          );
        })}
      </ul>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-date`} className="block text-sm font-medium text-zinc-700">
            {t('import.mapping.dateFormat')}
          </label>
          <Select
            id={`${id}-date`}
            className="mt-1"
            value={value.dateFormat}
            onChange={(event) =>
              onChange({ ...value, dateFormat: event.target.value as MappingState['dateFormat'] })
            }
          >
            {DATE_FORMATS.map((format) => (
              <option key={format} value={format}>
                {format === 'auto' ? t('import.mapping.auto') : format}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor={`${id}-decimal`} className="block text-sm font-medium text-zinc-700">
            {t('import.mapping.decimalSeparator')}
          </label>
          <Select
            id={`${id}-decimal`}
            className="mt-1"
            value={value.decimalSeparator}
            onChange={(event) =>
              onChange({ ...value, decimalSeparator: event.target.value as MappingState['decimalSeparator'] })
            }
          >
            {DECIMAL_SEPARATORS.map((separator) => (
              <option key={separator} value={separator}>
                {separator === 'auto'
                  ? t('import.mapping.auto')
                  : t(separator === ',' ? 'import.mapping.comma' : 'import.mapping.dot')}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm text-zinc-700">
        <input
          type="checkbox"
          checked={value.saveMapping}
          onChange={(event) => onChange({ ...value, saveMapping: event.target.checked })}
          className="size-4 rounded border-zinc-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        />
        {t('import.mapping.save')}
      </label>
    </div>
  );
}
