import {
  CalendarX,
  CircleCheck,
  Clock,
  Handshake,
  type LucideIcon,
  MailWarning,
  MailX,
  MapPinOff,
  OctagonPause,
  RefreshCwOff,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, AlertKind } from '../../../contracts/alerts';
import { useFormat } from '../../lib/format';
import { setSearchParams, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { cx } from '../../ui/cx';
import { ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { Label } from '../../ui/field';
import { CompanySelect } from '../companies/company-select';
import { useCompanies } from '../companies/use-companies';
import { CustomerRows, PrescriptionRows, SyncRows } from './alert-rows';
import { useAlerts } from './use-alerts';

const ICONS: Record<AlertKind, LucideIcon> = {
  staleSync: RefreshCwOff,
  prescription: CalendarX,
  missingEmail: MailX,
  missingAddress: MapPinOff,
  failedEmails: MailWarning,
  overdueActions: Clock,
  latePromises: Handshake,
  stopWithOverdue: OctagonPause,
};

function AlertCard({ alert, warningDays }: { alert: Alert; warningDays: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const Icon = ICONS[alert.kind];
  const title = t(`alerts.kinds.${alert.kind}.title`);
  const isClear = alert.count === 0;
  const more = alert.count - alert.rows.length;
  let rows: ReactNode = null;
  if (alert.kind === 'staleSync') rows = <SyncRows rows={alert.rows} />;
  else if (alert.kind === 'prescription') rows = <PrescriptionRows rows={alert.rows} />;
  else rows = <CustomerRows rows={alert.rows} />;
  return (
    <section
      aria-labelledby={headingId}
      data-testid={`alert-${alert.kind}`}
      data-count={alert.count}
      className={cx(
        'min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1',
        isClear ? 'ring-zinc-200' : 'ring-amber-300',
      )}
    >
      <div className="flex items-start gap-3">
        <Icon
          aria-hidden="true"
          className={cx('mt-0.5 size-5 shrink-0', isClear ? 'text-zinc-400' : 'text-amber-600')}
        />
        <div className="min-w-0 flex-1">
          <div className="flex items-start justify-between gap-3">
            <h2 id={headingId} className="text-sm font-semibold text-zinc-900">
              {title}
            </h2>
            <span
              className={cx(
                'shrink-0 rounded-full px-2.5 py-0.5 text-sm font-semibold tabular-nums',
                isClear ? 'bg-zinc-100 text-zinc-500' : 'bg-amber-100 text-amber-900',
              )}
            >
              {format.integer(alert.count)}
            </span>
          </div>
          <p className="mt-1 text-sm text-zinc-600">
            {t(`alerts.kinds.${alert.kind}.text`, { days: warningDays })}
          </p>
          {alert.kind === 'prescription' && alert.prescribedCount > 0 ? (
            <p className="mt-1 text-sm font-medium text-red-700">
              {t('alerts.prescribedCount', {
                count: alert.prescribedCount,
                formatted: format.integer(alert.prescribedCount),
              })}
            </p>
          ) : null}
        </div>
      </div>
      {isClear ? (
        <p className="mt-3 flex items-center gap-2 text-sm text-emerald-700">
          <CircleCheck aria-hidden="true" className="size-4" />
          {t('alerts.allClear')}
        </p>
      ) : (
        <>
          <ul className="-mx-2 mt-2 divide-y divide-zinc-100">{rows}</ul>
          {more > 0 ? (
            <p className="mt-1 px-0 text-xs text-zinc-500">
              {t('alerts.more', { count: more, formatted: format.integer(more) })}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** Alerts (VIS-9): one card per kind with its count and first rows, each linking to where to act. */
export default function AlertsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('alerts.title'));
  const format = useFormat();
  const params = useSearchParams();
  const companyId = params.get('companyId') ?? '';
  const companies = useCompanies();
  const alerts = useAlerts(companyId ? { companyId } : {});
  const data = alerts.data;
  const companySelectId = useId();

  return (
    <div className="mx-auto max-w-7xl">
      <PageHeader
        title={t('alerts.title')}
        description={data ? t('alerts.asOf', { date: format.date(data.asOf) }) : t('alerts.subtitle')}
        actions={
          (companies.data?.length ?? 0) > 1 ? (
            <div className="w-full sm:w-64">
              <Label htmlFor={companySelectId} className="sr-only">
                {t('companies.label')}
              </Label>
              <CompanySelect
                id={companySelectId}
                companies={companies.data ?? []}
                value={companyId}
                allLabel={t('companies.all')}
                testId="alerts-company"
                onChange={(value) => setSearchParams({ companyId: value || null })}
              />
            </div>
          ) : null
        }
      />
      {alerts.isError && !data ? (
        <ErrorNotice error={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <div className={cx('space-y-4', alerts.isPlaceholderData && 'opacity-60 transition-opacity')}>
          {alerts.isFetching ? <Spinner className="text-zinc-400" /> : null}
          <div className="grid items-start gap-4 lg:grid-cols-2">
            {/* What needs doing first; a stable sort keeps the API's order among equals. */}
            {[...data.alerts]
              .sort((a, b) => Number(b.count > 0) - Number(a.count > 0))
              .map((alert) => (
                <AlertCard key={alert.kind} alert={alert} warningDays={data.prescriptionWarningDays} />
              ))}
          </div>
        </div>
      )}
    </div>
  );
}
