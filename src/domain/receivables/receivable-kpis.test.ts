import { describe, expect, it } from 'vitest';
import { computeReceivableKpis, evolutionDays, type MonthFlow, sumMonthFlows } from './receivable-kpis';

const flow = (
  month: string,
  invoiced: number,
  credited = 0,
  collected = 0,
  net = invoiced - credited - collected,
) => ({ month, invoiced, credited, collected, net }) satisfies MonthFlow;

describe('receivable KPIs from the ledger flows', () => {
  it('VIS-10 the DSO vector, fed through the monthly flows (sales = invoices − credit notes)', () => {
    const flows = [
      flow('2024-06-01', 225_000),
      flow('2024-07-01', 200_000),
      flow('2024-08-01', 250_000),
      flow('2024-09-01', 225_000),
      flow('2024-10-01', 180_000, 5_000), // 1,750 net of a credit note
      flow('2024-11-01', 250_000),
    ];
    const kpis = computeReceivableKpis({
      today: '2024-11-20',
      balance: 1_200_000,
      notDue: 400_000,
      buckets: [400_000, 300_000, 200_000, 100_000, 200_000],
      agingBounds: [30, 60, 90],
      flows,
    });
    expect(kpis.dso).toBe(166.3);
    // Best possible DSO: 4,000 of current receivables over Sep–Nov sales of 6,500, over 91 days.
    expect(kpis.bestPossibleDso).toBe(56);
    expect(kpis.averageDaysDelinquent).toBe(110.3);
    expect(kpis.atRiskShare).toBe(16.7);
  });

  it('VIS-10 CEI starts from the balance the flows give at the start of the three months', () => {
    const kpis = computeReceivableKpis({
      today: '2024-03-15',
      balance: 50_000,
      notDue: 30_000,
      buckets: [30_000, 20_000, 0, 0, 0],
      agingBounds: [30, 60, 90],
      // Beginning (before January): 100,000 − 40,000 = 60,000. Sales Jan–Mar: 90,000.
      flows: [
        flow('2023-12-01', 100_000, 0, 40_000),
        flow('2024-01-01', 30_000, 0, 50_000),
        flow('2024-02-01', 30_000, 0, 30_000),
        flow('2024-03-01', 30_000, 0, 50_000),
      ],
    });
    // (60,000 + 90,000 − 50,000) / (60,000 + 90,000 − 30,000) = 83.3 %
    expect(kpis.cei).toBe(83.3);
  });

  it('adds companies month by month and lists month ends then today', () => {
    expect(sumMonthFlows([[flow('2024-02-01', 5)], [flow('2024-01-01', 1), flow('2024-02-01', 2)]])).toEqual([
      flow('2024-01-01', 1),
      flow('2024-02-01', 7),
    ]);
    expect(evolutionDays('2024-03-10', 3)).toEqual(['2023-12-31', '2024-01-31', '2024-02-29', '2024-03-10']);
  });
});
