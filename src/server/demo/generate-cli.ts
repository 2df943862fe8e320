import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeContactsCsv, writeCustomersCsv, writeFec } from './ledger-generator';

// Writes a generated ledger (FEC, customers CSV, contacts CSV) and prints what it wrote and how long
// it took. Example, the 1,000,000-line bench input:
//   npx tsx src/server/demo/generate-cli.ts --out /tmp/bench --customers 50000 --lines 1000000 --seed 1

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '.' },
    customers: { type: 'string', default: '150' },
    lines: { type: 'string' },
    seed: { type: 'string', default: '1' },
    start: { type: 'string', default: '2024-11-01' },
    end: { type: 'string', default: '2026-11-20' },
    prefix: { type: 'string', default: 'C' },
    company: { type: 'string', default: 'Encours Démo' },
    'default-terms': { type: 'string', default: '30 jours net' },
  },
});

const options = {
  seed: Number(values.seed),
  customers: Number(values.customers),
  startDate: values.start,
  endDate: values.end,
  targetLines: values.lines === undefined ? undefined : Number(values.lines),
  customerPrefix: values.prefix,
  companyName: values.company,
  defaultTerms: values['default-terms'],
};
const fecPath = join(values.out, `000000000FEC${options.endDate.replaceAll('-', '')}.txt`);
await mkdir(values.out, { recursive: true });

const started = performance.now();
const stats = await writeFec(fecPath, options);
const fecSeconds = (performance.now() - started) / 1000;
const customers = await writeCustomersCsv(join(values.out, 'clients.csv'), options);
const contacts = await writeContactsCsv(join(values.out, 'contacts.csv'), options);
const totalSeconds = (performance.now() - started) / 1000;
const { size } = await stat(fecPath);

const euros = (cents: number) => (cents / 100).toFixed(2);
console.log(`FEC            ${fecPath}`);
console.log(
  `lines          ${stats.lines} (${stats.receivableLines} on 411, ${((100 * stats.receivableLines) / stats.lines).toFixed(1)} %)`,
);
console.log(`debit/credit   ${euros(stats.totalDebit)} / ${euros(stats.totalCredit)}`);
console.log(
  `customers      ${stats.customers} in the FEC, ${customers} in clients.csv, ${contacts} contacts`,
);
console.log(`FEC size       ${(size / 1_048_576).toFixed(1)} MiB`);
console.log(`elapsed        FEC ${fecSeconds.toFixed(2)} s, all files ${totalSeconds.toFixed(2)} s`);
console.log(`memory         ${(process.memoryUsage().rss / 1_048_576).toFixed(0)} MiB RSS`);
