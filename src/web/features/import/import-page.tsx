import { FileSpreadsheet, FileText, X } from 'lucide-react';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_SOURCES,
  type ImportSource,
  importSourceSchema,
  type Upload,
} from '../../../contracts/imports';
import { useCurrentUser } from '../../api/auth';
import { useFormat } from '../../lib/format';
import { setSearchParams, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Button, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { EmptyState, ErrorNotice, PageLoading, ProgressBar } from '../../ui/feedback';
import { Label } from '../../ui/field';
import { CompanySelect } from '../companies/company-select';
import { useCompanies } from '../companies/use-companies';
import { ColumnMapping, initialMapping, type MappingState, unmappedRequired } from './column-mapping';
import { CreateCompanyForm } from './create-company-form';
import { FileDrop } from './file-drop';
import { ImportRun } from './import-run';
import { ACCEPT } from './import-sources';
import { SyncHistory } from './sync-history';
import { useStartImport, useUploadFile } from './use-imports';

type UploadState =
  | { step: 'idle' }
  | { step: 'uploading'; fileName: string; fraction: number }
  | { step: 'uploaded'; upload: Upload; mapping: MappingState };

function Step({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-5">
      <h2 className="mb-3 flex items-center gap-2 text-sm font-semibold text-zinc-900">
        <span
          aria-hidden="true"
          className="flex size-5 items-center justify-center rounded-full bg-indigo-600 text-[11px] font-semibold text-white"
        >
          {number}
        </span>
        {title}
      </h2>
      {children}
    </section>
  );
}

function SourcePicker({
  value,
  onChange,
  disabled,
}: {
  value: ImportSource;
  onChange: (source: ImportSource) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset disabled={disabled}>
      <legend className="sr-only">{t('import.kindTitle')}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {IMPORT_SOURCES.map((source) => {
          const Icon = source === 'fec' ? FileText : FileSpreadsheet;
          const isCurrent = value === source;
          return (
            <label
              key={source}
              className={cx(
                'flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 transition-colors focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-indigo-600',
                isCurrent ? 'bg-indigo-50 ring-indigo-500' : 'bg-white ring-zinc-200 hover:ring-zinc-300',
              )}
            >
              <input
                type="radio"
                name={name}
                value={source}
                data-testid={`import-source-${source}`}
                checked={isCurrent}
                onChange={() => onChange(source)}
                className="sr-only"
              />
              <Icon
                aria-hidden="true"
                className={cx('mt-0.5 size-5 shrink-0', isCurrent ? 'text-indigo-600' : 'text-zinc-400')}
              />
              <span className="min-w-0">
                <span className="block text-sm font-medium text-zinc-900">
                  {t(`import.sources.${source}.label`)}
                </span>
                <span className="block text-xs text-zinc-500">{t(`import.sources.${source}.text`)}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Import a FEC or a spreadsheet into a company (IMP-1…IMP-9): upload, map, start, follow. */
export default function ImportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.import'));
  const format = useFormat();
  const me = useCurrentUser();
  const isAdmin = me.user.role === 'admin';
  const params = useSearchParams();
  const companies = useCompanies();
  const companySelectId = useId();
  const [state, setState] = useState<UploadState>({ step: 'idle' });
  const uploadFile = useUploadFile();
  const startImport = useStartImport();

  const list = companies.data ?? [];
  const requestedCompany = params.get('companyId') ?? '';
  const companyId = list.some((company) => company.id === requestedCompany)
    ? requestedCompany
    : (list[0]?.id ?? '');
  const parsedSource = importSourceSchema.safeParse(params.get('source'));
  const source: ImportSource = parsedSource.success ? parsedSource.data : 'fec';
  const importId = params.get('importId');

  // Keep the chosen company in the URL once the list is known, so the page can be shared.
  useEffect(() => {
    if (companyId && companyId !== requestedCompany) setSearchParams({ companyId }, { replace: true });
  }, [companyId, requestedCompany]);

  const reset = () => {
    setState({ step: 'idle' });
    uploadFile.reset();
    startImport.reset();
  };

  const onFile = (file: File) => {
    if (!companyId) return;
    startImport.reset();
    setState({ step: 'uploading', fileName: file.name, fraction: 0 });
    uploadFile.mutate(
      {
        companyId,
        source,
        file,
        onProgress: (fraction) => setState({ step: 'uploading', fileName: file.name, fraction }),
      },
      {
        onSuccess: (upload) => setState({ step: 'uploaded', upload, mapping: initialMapping(upload) }),
        onError: () => setState({ step: 'idle' }),
      },
    );
  };

  const onStart = () => {
    if (state.step !== 'uploaded') return;
    const { upload, mapping } = state;
    const isSpreadsheet = upload.format !== 'fec';
    startImport.mutate(
      {
        uploadId: upload.uploadId,
        companyId,
        source,
        mapping: isSpreadsheet
          ? {
              columns: mapping.columns,
              dateFormat: mapping.dateFormat,
              decimalSeparator: mapping.decimalSeparator,
            }
          : undefined,
        saveMapping: isSpreadsheet ? mapping.saveMapping : false,
      },
      {
        onSuccess: ({ importId: started }) => {
          setState({ step: 'idle' });
          setSearchParams({ importId: started });
        },
      },
    );
  };

  if (companies.isError)
    return <ErrorNotice error={companies.error} onRetry={() => void companies.refetch()} />;
  if (!companies.data) return <PageLoading />;

  const isBusy = state.step === 'uploading' || startImport.isPending;
  const missing = state.step === 'uploaded' ? unmappedRequired(state.upload, state.mapping.columns) : [];
  const needsMapping = state.step === 'uploaded' && state.upload.format !== 'fec';

  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <PageHeader title={t('import.pageTitle')} description={t('import.pageSubtitle')} />

      {list.length === 0 ? (
        isAdmin ? (
          <div className="space-y-4">
            <EmptyState title={t('import.noCompanyTitle')} description={t('import.noCompanyAdmin')} />
            <CreateCompanyForm
              isBoxed
              onCreated={(company) => setSearchParams({ companyId: company.id }, { replace: true })}
            />
          </div>
        ) : (
          <EmptyState title={t('import.noCompanyTitle')} description={t('import.noCompanyUser')} />
        )
      ) : importId ? (
        <ImportRun
          importId={importId}
          onDone={() => {
            reset();
            setSearchParams({ importId: null });
          }}
        />
      ) : (
        <div className="space-y-4">
          <Step number={1} title={t('import.companyTitle')}>
            <Label htmlFor={companySelectId} className="sr-only">
              {t('companies.label')}
            </Label>
            <CompanySelect
              id={companySelectId}
              testId="import-company"
              companies={list}
              value={companyId}
              disabled={isBusy}
              onChange={(value) => {
                reset();
                setSearchParams({ companyId: value });
              }}
            />
            {isAdmin ? (
              <div className="mt-4 border-t border-zinc-100 pt-4">
                <CreateCompanyForm
                  onCreated={(company) => {
                    reset();
                    setSearchParams({ companyId: company.id });
                  }}
                />
              </div>
            ) : null}
          </Step>

          <Step number={2} title={t('import.kindTitle')}>
            <SourcePicker
              value={source}
              disabled={isBusy}
              onChange={(next) => {
                reset();
                setSearchParams({ source: next === 'fec' ? null : next }, { replace: true });
              }}
            />
          </Step>

          <Step number={3} title={t('import.fileTitle')}>
            {state.step === 'idle' ? (
              <div className="space-y-3">
                <FileDrop
                  accept={ACCEPT[source]}
                  hint={t(`import.sources.${source}.files`)}
                  onFile={onFile}
                  disabled={!companyId}
                />
                {uploadFile.error ? <ErrorNotice error={uploadFile.error} /> : null}
              </div>
            ) : state.step === 'uploading' ? (
              <div className="space-y-2" data-testid="upload-progress">
                <div className="flex items-center justify-between gap-3 text-sm">
                  <span className="truncate font-medium text-zinc-800">{state.fileName}</span>
                  <span className="shrink-0 text-zinc-500 tabular-nums">
                    {t('import.sending', { percent: format.percent(state.fraction) })}
                  </span>
                </div>
                <ProgressBar value={state.fraction} label={t('import.sendingLabel')} />
              </div>
            ) : (
              <div className="space-y-5">
                <div className="flex items-center justify-between gap-3 rounded-md bg-zinc-50 px-3 py-2 text-sm">
                  <div className="min-w-0">
                    <p className="truncate font-medium text-zinc-900">{state.upload.fileName}</p>
                    <p className="text-xs text-zinc-500">
                      {t(`import.formats.${state.upload.format}`)} · {format.bytes(state.upload.size)}
                    </p>
                  </div>
                  <button
                    type="button"
                    onClick={reset}
                    className={cx('shrink-0 rounded p-1 text-zinc-400 hover:text-zinc-700', focusRing)}
                  >
                    <X aria-hidden="true" className="size-4" />
                    <span className="sr-only">{t('import.removeFile')}</span>
                  </button>
                </div>
                {needsMapping ? (
                  <ColumnMapping
                    upload={state.upload}
                    value={state.mapping}
                    onChange={(mapping) => setState({ ...state, mapping })}
                  />
                ) : (
                  <p className="text-sm text-zinc-600">{t('import.fecReady')}</p>
                )}
                {startImport.error ? <ErrorNotice error={startImport.error} /> : null}
                <div className="flex flex-wrap items-center gap-3">
                  <Button
                    data-testid="import-start"
                    onClick={onStart}
                    disabled={startImport.isPending || missing.length > 0}
                  >
                    {t('import.start')}
                  </Button>
                  <p className="text-xs text-zinc-500">{t('import.startHint')}</p>
                </div>
              </div>
            )}
          </Step>
        </div>
      )}

      {list.length > 0 ? <SyncHistory companyId={companyId || undefined} companies={list} /> : null}
    </div>
  );
}
