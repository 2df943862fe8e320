import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../lib/format';
import { BUCKET_FILLS_FOR, useBucketLabels } from '../customers/aging-bar';

/** The aged balance (VIS-2) as bars, one per bucket of the organization's bounds. */
export function AgingChart({
  buckets,
  bounds,
  currency,
}: {
  buckets: number[];
  bounds: number[];
  currency: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useBucketLabels(bounds);
  const ticks = useBucketLabels(bounds, 'short');
  const fills = BUCKET_FILLS_FOR(buckets.length);
  const data = buckets.map((cents, index) => ({
    label: labels[index] ?? '',
    tick: ticks[index] ?? '',
    cents,
  }));
  return (
    <figure>
      <figcaption className="sr-only">
        {data.map((d) => `${d.label}: ${format.money(d.cents, currency)}`).join(' · ')}
      </figcaption>
      <div className="h-56" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
            <XAxis dataKey="tick" tick={{ fontSize: 11 }} interval={0} tickLine={false} />
            <YAxis
              tick={{ fontSize: 11 }}
              tickFormatter={(cents: number) => format.compactMoney(cents, currency)}
              width={56}
              tickLine={false}
              axisLine={false}
            />
            <Tooltip
              labelFormatter={(_tick, payload) => String(payload?.[0]?.payload?.label ?? '')}
              formatter={(cents) => [format.money(Number(cents), currency), t('dashboard.amount')]}
              cursor={{ fill: '#f4f4f5' }}
            />
            <Bar dataKey="cents" radius={[3, 3, 0, 0]} isAnimationActive={false}>
              {data.map((d, index) => (
                <Cell key={d.label} fill={fills[index]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
