import { ArrowLeft, SearchX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CustomerRecord } from '../../../contracts/customer-record';
import { ApiError } from '../../api/client';
import { useFormat } from '../../lib/format';
import { Link, useLocation, useSearchParams } from '../../router/router';
import { routeParams } from '../../routes';
import { useDocumentTitle } from '../../shell/app-shell';
import { buttonClasses } from '../../ui/button';
import { EmptyState, ErrorNotice, PageLoading } from '../../ui/feedback';
import { AccountSituationSection } from './account-situation';
import { ContactCard } from './contact-card';
import { DunningCard } from './dunning-card';
import { FollowUpCard } from './follow-up-card';
import { GroupBlock } from './group-block';
import { OutstandingBlock } from './outstanding-block';
import { Badge } from './record-ui';
import { RemindersCard } from './reminders-card';
import { readSituationQuery } from './situation-filters';
import { useCustomerRecord } from './use-customer-record';

function RecordHeader({ record }: { record: CustomerRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="mb-5 flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
      <div className="min-w-0">
        <Link
          to="/customers"
          className="mb-2 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-800"
        >
          <ArrowLeft aria-hidden="true" className="size-4" />
          {t('customerRecord.back')}
        </Link>
        <h1
          className="text-xl font-semibold tracking-tight break-words text-zinc-900 md:text-2xl"
          data-testid="record-name"
        >
          {record.name}
        </h1>
        <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-zinc-500">
          <span className="font-mono text-zinc-700">{record.account}</span>
          <span aria-hidden="true">·</span>
          <span>
            <span className="font-medium text-zinc-700">{record.companyCode}</span> {record.companyName}
          </span>
          <span aria-hidden="true">·</span>
          <span>{t('customerRecord.asOf', { date: format.date(record.asOf) })}</span>
          {record.isConsumer ? <Badge>{t('customerRecord.consumer')}</Badge> : null}
          {!record.isInSource ? (
            <Badge tone="warning" title={t('customerRecord.notInSourceHint')}>
              {t('customerRecord.notInSource')}
            </Badge>
          ) : null}
        </p>
      </div>
    </div>
  );
}

/** The customer record (VIS-6): `/customers/:id`. */
export default function CustomerRecordPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const id = routeParams(pathname).id ?? '';
  const params = useSearchParams();
  const query = readSituationQuery(params);
  const record = useCustomerRecord(id);
  const data = record.data;
  useDocumentTitle(data?.name ?? t('nav.customers'));

  if (record.isError && !data) {
    const isMissing =
      record.error instanceof ApiError && (record.error.status === 404 || record.error.status === 400);
    return (
      <div className="mx-auto max-w-7xl">
        {isMissing ? (
          <EmptyState
            headingLevel={1}
            icon={<SearchX className="size-8" />}
            title={t('customerRecord.notFoundTitle')}
            description={t('customerRecord.notFoundText')}
            action={
              <Link to="/customers" className={buttonClasses()}>
                {t('customerRecord.notFoundAction')}
              </Link>
            }
          />
        ) : (
          <ErrorNotice error={record.error} onRetry={() => void record.refetch()} />
        )}
      </div>
    );
  }
  if (!data) return <PageLoading />;

  return (
    <div className="mx-auto max-w-7xl space-y-6" data-testid="customer-record">
      <div>
        <RecordHeader record={data} />
        <OutstandingBlock record={data} />
      </div>
      <div className="grid gap-6 lg:grid-cols-2 lg:items-start">
        <ContactCard record={data} />
        <FollowUpCard record={data} />
      </div>
      <DunningCard record={data} />
      <GroupBlock record={data} />
      <RemindersCard customerId={data.id} />
      <AccountSituationSection customerId={data.id} ledgerCurrency={data.currency} query={query} />
    </div>
  );
}
