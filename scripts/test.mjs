// `npm test`: lint, typecheck, unit tests, integration tests on PGlite and on a PostgreSQL server,
// then the browser tests in Chromium. Stops at the first failing stage; ends with one line
// "N passed, N failed" counting every test that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.tmp', { recursive: true });
const counts = { passed: 0, failed: 0 };

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests;
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  counts.passed += stats.expected + stats.flaky;
  counts.failed += stats.unexpected;
}

const vitest = (project, out, env) => [
  `vitest (${out})`,
  'npx',
  [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=.tmp/${out}.json`,
  ],
  env,
];

const stages = [
  ['lint (biome)', 'npx', ['biome', 'check', '.']],
  ['typecheck (tsc)', 'npx', ['tsc', '--noEmit']],
  vitest('unit', 'unit'),
  vitest('int', 'int-pglite', { ENCOURS_TEST_DB: 'pglite' }),
  vitest('int', 'int-postgres', { ENCOURS_TEST_DB: 'postgres' }),
  ['build the web app', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  [
    'browser tests (Playwright, Chromium)',
    'npx',
    ['playwright', 'test'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: '.tmp/e2e.json' },
  ],
];

for (const f of ['unit', 'int-pglite', 'int-postgres', 'e2e']) rmSync(`.tmp/${f}.json`, { force: true });
let ok = true;
for (const [title, command, args, env] of stages) {
  if (!run(title, command, args, env)) {
    console.error(`\n✖ ${title} failed`);
    ok = false;
    break;
  }
}
for (const f of ['unit', 'int-pglite', 'int-postgres']) countVitest(`.tmp/${f}.json`);
countPlaywright('.tmp/e2e.json');
console.log(`\nTests: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(ok && counts.failed === 0 && counts.passed > 0 ? 0 : 1);
