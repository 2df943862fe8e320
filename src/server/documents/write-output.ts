import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Pipes `source` into `output` and resolves once it is all written. A file or a socket is
 * ended; `process.stdout` and `process.stderr` are written to but never ended, and a reader of
 * them that stops early (`| head`) ends the output quietly instead of failing it.
 * @example await writeToOutput(Readable.from(['[', ']\n']), process.stdout)
 */
export async function writeToOutput(source: Readable, output: Writable): Promise<void> {
  const isStdio = output === process.stdout || output === process.stderr;
  try {
    await pipeline(source, output, { end: !isStdio });
  } catch (error) {
    if (isStdio && (error as NodeJS.ErrnoException).code === 'EPIPE') return;
    throw error;
  }
}
