#!/usr/bin/env node
// The `encours` command: runs the TypeScript sources through tsx (a runtime dependency).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/server/cli.ts');
await runCli(process.argv);
