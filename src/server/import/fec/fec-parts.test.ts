import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerLine, LineError } from '../import-rows';
import { openFec, planFecParts, readFecPart } from './fec-reader';

const FEC_DIR = join(import.meta.dirname, '../../../../../shared/data/fec');
const FILES = readdirSync(FEC_DIR).filter((f) => !f.endsWith('LICENSE'));

async function collect(batches: AsyncIterable<{ rows: LedgerLine[]; errors: LineError[] }>) {
  const rows: LedgerLine[] = [];
  const errors: LineError[] = [];
  for await (const batch of batches) {
    rows.push(...batch.rows);
    errors.push(...batch.errors);
  }
  return { rows, errors };
}

describe('IMP-2 reading a FEC in parts, side by side', () => {
  it.each(FILES)('%s read in 3 parts gives the rows and line numbers of one reading', async (file) => {
    const path = join(FEC_DIR, file);
    const opened = await openFec(path);
    const whole = await collect(opened.batches);
    const parts = await planFecParts(path, opened, 3);
    const pieces = await Promise.all(parts.map((part) => collect(readFecPart(path, part))));
    expect(pieces.flatMap((p) => p.rows)).toEqual(whole.rows);
    expect(pieces.flatMap((p) => p.errors)).toEqual(whole.errors);
    // Files whose lines end with LF are cut; CR-only ones are not.
    if (opened.dialect.lineEnding !== 'CR' && whole.rows.length > 10) expect(parts.length).toBe(3);
  });

  it('keeps one part when the line ends are mixed, so line numbers stay right', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'encours-parts-'));
    const header =
      'JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise';
    const row = (n: number) =>
      `VE\tVentes\t${n}\t20240105\t411000\tClients\tC${n}\tClient\tF${n}\t20240105\tFacture\t1,00\t0,00\t\t\t20240105\t\t`;
    // LF lines, then a bare CR in the first half: counting LF alone would misnumber the rest.
    const lines = [header, ...Array.from({ length: 200 }, (_, i) => row(i + 1))];
    const text = `${lines.slice(0, 50).join('\n')}\r${lines.slice(50).join('\n')}\n`;
    const path = join(dir, 'mixed.txt');
    writeFileSync(path, text);
    const opened = await openFec(path);
    const parts = await planFecParts(path, opened, 2);
    expect(parts).toHaveLength(1);
    const whole = await collect(opened.batches);
    expect((await collect(readFecPart(path, parts[0]!))).rows).toEqual(whole.rows);
  });
});
