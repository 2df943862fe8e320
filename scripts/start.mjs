// `npm start`: build the web app when its sources are newer than the build, then serve.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const built = 'dist/web/index.html';
const stale =
  !existsSync(built) ||
  newestMtime('src/web') > statSync(built).mtimeMs ||
  newestMtime('src/contracts') > statSync(built).mtimeMs;
if (stale) {
  console.log('Building the web app…');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const server = spawnSync('node', ['bin/encours.mjs', 'serve', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(server.status ?? 1);
