import { Upload } from 'lucide-react';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { InvoiceUploadResult } from '../../../contracts/invoice-documents';
import { useCurrentUser } from '../../api/auth';
import { useFormat } from '../../lib/format';
import { parseUrlQuery, toUrlChanges } from '../../lib/url-query';
import { Link, setSearchParams, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Button, buttonClasses } from '../../ui/button';
import { EmptyState, ErrorNotice, PageLoading, ProgressBar } from '../../ui/feedback';
import { Label } from '../../ui/field';
import { CompanySelect } from '../companies/company-select';
import { useCompanies } from '../companies/use-companies';
import { FileDrop } from '../import/file-drop';
import { MissingDocuments, PAGE_SIZES } from './missing-documents';
import { UploadReport } from './upload-report';
import { useUploadInvoiceDocuments } from './use-invoice-documents';

const pageQuerySchema = z.object({
  companyId: z.string().default(''),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((size) => (PAGE_SIZES as readonly number[]).includes(size))
    .default(50),
});
type PageQuery = z.infer<typeof pageQuerySchema>;
const DEFAULTS: PageQuery = { companyId: '', page: 1, pageSize: 50 };

const METADATA_EXAMPLE = `{
  "documents": [
    {
      "file": "FA-0412.pdf",
      "pieces": ["FA-0412"]
    },
    {
      "file": "avril/FA-0413-0414.pdf",
      "pieces": ["FA-0413", "FA-0414"]
    }
  ]
}`;

type UploadState =
  | { step: 'idle' }
  | { step: 'sending'; fileName: string; fraction: number }
  | { step: 'done'; fileName: string; result: InvoiceUploadResult };

function Card({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section
      className="flex h-full min-w-0 flex-col rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-5"
      data-testid={testId}
    >
      <h2 className="mb-3 text-sm font-semibold text-zinc-900">{title}</h2>
      {children}
    </section>
  );
}

/** The upload card: a ZIP chosen or dropped, its progress, then the report of what was stored. */
function UploadCard({ companyId, canUpload }: { companyId: string; canUpload: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [state, setState] = useState<UploadState>({ step: 'idle' });
  const upload = useUploadInvoiceDocuments();

  // Another company: the last report was about the previous one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the company changes
  useEffect(() => {
    setState({ step: 'idle' });
    upload.reset();
  }, [companyId]);

  const onFile = (file: File) => {
    setState({ step: 'sending', fileName: file.name, fraction: 0 });
    upload.mutate(
      {
        companyId,
        file,
        onProgress: (fraction) => setState({ step: 'sending', fileName: file.name, fraction }),
      },
      {
        onSuccess: (result) => setState({ step: 'done', fileName: file.name, result }),
        onError: () => setState({ step: 'idle' }),
      },
    );
  };

  return (
    <Card title={t('invoiceDocuments.upload.title')} testId="invoice-upload">
      {!canUpload ? (
        <p className="text-sm text-zinc-600" data-testid="invoice-upload-viewer-note">
          {t('invoiceDocuments.upload.viewerNote')}
        </p>
      ) : state.step === 'idle' ? (
        // The drop zone fills the card, as tall as the format beside it on a wide screen.
        <div className="flex flex-1 flex-col gap-3 [&>label]:flex-1">
          <FileDrop
            accept=".zip,application/zip,application/x-zip-compressed"
            hint={t('invoiceDocuments.upload.hint')}
            onFile={onFile}
            disabled={!companyId}
          />
          {upload.error ? (
            <div className="space-y-1.5" data-testid="invoice-upload-error">
              <p className="text-sm font-medium text-red-800">{t('invoiceDocuments.upload.refused')}</p>
              <ErrorNotice error={upload.error} />
            </div>
          ) : null}
        </div>
      ) : state.step === 'sending' ? (
        <div className="space-y-2" data-testid="invoice-upload-progress">
          <div className="flex items-center justify-between gap-3 text-sm">
            <span className="truncate font-medium text-zinc-800">{state.fileName}</span>
            <span className="shrink-0 text-zinc-500 tabular-nums">
              {state.fraction < 1
                ? t('invoiceDocuments.upload.sending', { percent: format.percent(state.fraction) })
                : null}
            </span>
          </div>
          <ProgressBar
            value={state.fraction < 1 ? state.fraction : null}
            label={t('invoiceDocuments.upload.sendingLabel')}
          />
          {state.fraction >= 1 ? (
            <p className="text-xs text-zinc-500">{t('invoiceDocuments.upload.processing')}</p>
          ) : null}
        </div>
      ) : (
        <div className="space-y-4">
          <p className="truncate text-xs text-zinc-500" title={state.fileName}>
            {state.fileName}
          </p>
          <UploadReport result={state.result} />
          <Button
            variant="secondary"
            onClick={() => {
              upload.reset();
              setState({ step: 'idle' });
            }}
          >
            <Upload aria-hidden="true" className="size-4" />
            {t('invoiceDocuments.upload.another')}
          </Button>
        </div>
      )}
    </Card>
  );
}

function FormatCard() {
  const { t } = useTranslation();
  return (
    <Card title={t('invoiceDocuments.format.title')}>
      <p className="text-sm text-zinc-600">{t('invoiceDocuments.format.text')}</p>
      <figure className="mt-3">
        <figcaption className="mb-1 text-xs font-medium text-zinc-500">
          {t('invoiceDocuments.format.exampleLabel')}
        </figcaption>
        <pre className="overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs leading-5 text-zinc-100">
          {METADATA_EXAMPLE}
        </pre>
      </figure>
    </Card>
  );
}

/**
 * Invoice documents (issue 5 point 4): upload a ZIP of invoice PDFs with its `metadata.json`,
 * read what was stored and refused, and follow the open items still without a PDF. Company and
 * page live in the URL.
 */
export default function InvoiceDocumentsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('invoiceDocuments.title'));
  const me = useCurrentUser();
  const canUpload = me.user.role !== 'viewer';
  const params = useSearchParams();
  const query = parseUrlQuery(pageQuerySchema, params);
  const companies = useCompanies();
  const companySelectId = useId();

  const list = companies.data ?? [];
  const company = list.find((c) => c.id === query.companyId) ?? list[0];
  const update = (changes: Partial<PageQuery>, replace = false) =>
    setSearchParams(toUrlChanges(changes, DEFAULTS), { replace });

  // Keep the chosen company in the URL once the list is known, so the page can be shared.
  useEffect(() => {
    if (company && company.id !== query.companyId) {
      setSearchParams({ companyId: company.id }, { replace: true });
    }
  }, [company, query.companyId]);

  if (companies.isError)
    return <ErrorNotice error={companies.error} onRetry={() => void companies.refetch()} />;
  if (!companies.data) return <PageLoading />;

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader
        title={t('invoiceDocuments.title')}
        description={t('invoiceDocuments.subtitle')}
        actions={
          list.length > 1 && company ? (
            <div className="w-full sm:w-auto">
              <Label htmlFor={companySelectId} className="sr-only">
                {t('invoiceDocuments.company')}
              </Label>
              <CompanySelect
                id={companySelectId}
                testId="invoice-documents-company"
                className="sm:w-auto sm:min-w-72"
                companies={list}
                value={company.id}
                onChange={(companyId) => update({ companyId, page: 1 })}
              />
            </div>
          ) : null
        }
      />

      {!company ? (
        <EmptyState
          icon={<Upload className="size-8" />}
          title={t('invoiceDocuments.noCompanyTitle')}
          description={t('invoiceDocuments.noCompanyText')}
          action={
            canUpload ? (
              <Link to="/import" className={buttonClasses()}>
                <Upload aria-hidden="true" className="size-4" />
                {t('invoiceDocuments.noCompanyAction')}
              </Link>
            ) : null
          }
        />
      ) : (
        <>
          <div className="grid gap-4 lg:grid-cols-5">
            <div className="min-w-0 lg:col-span-3">
              <UploadCard companyId={company.id} canUpload={canUpload} />
            </div>
            <div className="min-w-0 lg:col-span-2">
              <FormatCard />
            </div>
          </div>
          <MissingDocuments
            company={company}
            page={query.page}
            pageSize={query.pageSize}
            onPage={(changes) => update(changes)}
          />
        </>
      )}
    </div>
  );
}
