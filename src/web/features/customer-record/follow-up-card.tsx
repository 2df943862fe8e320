import { TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRecord } from '../../../contracts/customer-record';
import { parseTerms } from '../../../domain/terms';
import { useFormat } from '../../lib/format';
import { RecordCard } from './record-ui';

/** Canonical terms text (`45 days end of month`) in the interface language. */
export function useTermsText(text: string): string {
  const { t } = useTranslation();
  const terms = parseTerms(text);
  return terms ? t(`customerRecord.termsKinds.${terms.kind}`, { count: terms.days }) : text;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_1fr] gap-x-3 py-2 sm:grid-cols-[8rem_1fr]">
      <dt className="text-sm text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-sm break-words text-zinc-900">{children}</dd>
    </div>
  );
}

/** Payment terms, sales rep and collector, average payment delay (VIS-11), identifiers. */
export function FollowUpCard({ record }: { record: CustomerRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const termsText = useTermsText(record.terms.text);
  const muted = (text: string) => <span className="text-zinc-400">{text}</span>;
  const { paymentDelay: delay } = record;
  return (
    <RecordCard title={t('customerRecord.followUp.title')} testId="record-follow-up">
      <dl className="divide-y divide-zinc-100">
        <Row label={t('customerRecord.followUp.terms')}>
          <span className="font-medium">{termsText}</span>{' '}
          <span className="text-zinc-500">
            (
            {record.terms.source === 'company'
              ? t('customerRecord.followUp.termsCompany')
              : t('customerRecord.followUp.termsCustomer')}
            )
          </span>
          {record.terms.exceedsLegalCap ? (
            <p className="mt-1 flex items-start gap-1.5 text-xs text-amber-800">
              <TriangleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
              {t('customerRecord.followUp.termsCap')}
            </p>
          ) : null}
        </Row>
        <Row label={t('customerRecord.followUp.paymentDelay')}>
          {delay.days === null ? (
            muted(t('customerRecord.followUp.paymentDelayNone'))
          ) : (
            <>
              <span className="font-medium tabular-nums" data-testid="record-payment-delay">
                {t('customerRecord.followUp.paymentDelayValue', {
                  count: delay.days,
                  formatted: format.decimal(delay.days),
                })}
              </span>
              <p className="text-xs text-zinc-500">
                {delay.from === 'due'
                  ? t('customerRecord.followUp.paymentDelayFromDue', { count: delay.settledCount })
                  : t('customerRecord.followUp.paymentDelayFromDocument', { count: delay.settledCount })}
              </p>
            </>
          )}
        </Row>
        <Row label={t('customerRecord.followUp.salesRep')}>
          {record.salesRep ?? muted(t('customerRecord.followUp.unassigned'))}
        </Row>
        <Row label={t('customerRecord.followUp.collector')}>
          {record.collector ?? muted(t('customerRecord.followUp.unassigned'))}
        </Row>
        <Row label={t('customerRecord.followUp.externalId')}>
          {record.externalId ? (
            <span className="font-mono text-xs">{record.externalId}</span>
          ) : (
            muted(t('customerRecord.followUp.notProvided'))
          )}
        </Row>
        <Row label={t('customerRecord.followUp.registrationNumber')}>
          {record.registrationNumber ? (
            <span className="font-mono text-xs">{record.registrationNumber}</span>
          ) : (
            muted(t('customerRecord.followUp.notProvided'))
          )}
        </Row>
      </dl>
    </RecordCard>
  );
}
