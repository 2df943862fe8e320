import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Reading PDFs in tests with Debian's poppler-utils (`pdftotext`, `pdfinfo`, `pdftoppm`), which
 * `.ci/run` installs when missing. Without them the tests fail and say what to install.
 */

/** Where tests keep the pages they render, for a person to look at (like `.tmp/e2e-results`). */
export const PDF_ARTIFACTS = join(process.cwd(), '.tmp', 'pdf-results');

function poppler(tool: string, args: string[]): Buffer {
  try {
    return execFileSync(tool, args, { maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is missing: apt-get install -y poppler-utils`);
    }
    throw error;
  }
}

function withFile<T>(pdf: Buffer, use: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'encours-pdf-'));
  try {
    const path = join(dir, 'in.pdf');
    writeFileSync(path, pdf);
    return use(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the PDF (or of pages `first`…`last`, from 1), in reading layout. */
export function pdfText(pdf: Buffer, pages?: { first: number; last?: number }): string {
  return withFile(pdf, (path) => {
    const range = pages ? ['-f', String(pages.first), '-l', String(pages.last ?? pages.first)] : [];
    return poppler('pdftotext', ['-layout', '-enc', 'UTF-8', ...range, path, '-'])
      .toString('utf8')
      .replace(/\u00A0/g, ' ');
  });
}

/** The text of each page, in order. */
export function pdfPageTexts(pdf: Buffer): string[] {
  const all = pdfText(pdf);
  const pages = all.split('\f');
  // pdftotext ends the last page with a form feed too.
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** The page count pdfinfo reads. */
export function pdfPageCount(pdf: Buffer): number {
  return withFile(pdf, (path) => {
    const info = poppler('pdfinfo', [path]).toString('utf8');
    const match = /^Pages:\s+(\d+)/m.exec(info);
    if (!match) throw new Error(`pdfinfo gave no page count:\n${info}`);
    return Number(match[1]);
  });
}

/**
 * Renders page `page` (from 1) to a PNG at `dpi` and saves it under `.tmp/pdf-results/` as
 * `name.png`; returns the PNG's bytes.
 */
export function renderPagePng(pdf: Buffer, page: number, name: string, dpi = 80): Buffer {
  mkdirSync(PDF_ARTIFACTS, { recursive: true });
  return withFile(pdf, (path, dir) => {
    const out = join(dir, 'page');
    poppler('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      path,
      out,
    ]);
    const png = readFileSync(`${out}.png`);
    writeFileSync(join(PDF_ARTIFACTS, `${name}.png`), png);
    writeFileSync(join(PDF_ARTIFACTS, `${name}.pdf`), pdf);
    return png;
  });
}

/** Whether page `page` (from 1) prints nothing: rendered in grey at 30 dpi, every pixel is white. */
export function isBlankPage(pdf: Buffer, page: number): boolean {
  return withFile(pdf, (path, dir) => {
    const out = join(dir, 'blank');
    poppler('pdftoppm', [
      '-gray',
      '-r',
      '30',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      path,
      out,
    ]);
    const pgm = readFileSync(`${out}.pgm`);
    // Binary PGM: "P5", width, height, max value, each after white space, then one byte a pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('pdftoppm wrote no PGM');
    const pixels = pgm.subarray(header[0].length);
    return pixels.every((p) => p === Number(header[3]));
  });
}

/** Each word of page `page` (from 1) with its box in millimetres from the top left. */
export function pdfWordBoxes(
  pdf: Buffer,
  page: number,
): { word: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  const html = withFile(pdf, (path) =>
    poppler('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), path, '-']).toString('utf8'),
  );
  const toMm = (points: string) => (Number(points) * 25.4) / 72;
  return [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({ word: m[5]!, xMin: toMm(m[1]!), yMin: toMm(m[2]!), xMax: toMm(m[3]!), yMax: toMm(m[4]!) }));
}
