import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../contracts/dashboard';
import { useFormat } from '../../lib/format';

type Point = Dashboard['currencies'][number]['evolution'][number];

/** Outstanding and overdue at each month end of the last year, then today (VIS-3). */
export function EvolutionChart({ points, currency }: { points: Point[]; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const data = points.map((p) => ({ ...p, label: format.monthShort(p.day) }));
  return (
    <figure>
      <figcaption className="sr-only">
        {points
          .map(
            (p) =>
              `${format.date(p.day)}: ${t('totals.outstanding')} ${format.money(p.balance, currency)}, ${t('totals.overdue')} ${format.money(p.overdue, currency)}`,
          )
          .join(' · ')}
      </figcaption>
      <div className="h-56" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} tickLine={false} />
            <YAxis
              tick={{ fontSize: 11 }}
              tickFormatter={(cents: number) => format.compactMoney(cents, currency)}
              width={56}
              tickLine={false}
              axisLine={false}
            />
            <Tooltip
              labelFormatter={(_label, payload) => {
                const day = payload?.[0]?.payload?.day as string | undefined;
                return day ? format.date(day) : '';
              }}
              formatter={(cents, name) => [format.money(Number(cents), currency), String(name)]}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              type="monotone"
              dataKey="balance"
              name={t('totals.outstanding')}
              stroke="#4f46e5"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="overdue"
              name={t('totals.overdue')}
              stroke="#ea580c"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
