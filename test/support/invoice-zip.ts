import yazl from 'yazl';

/** A small PDF whose bytes say which piece it is. */
export const fakePdf = (label: string, padding = 0) =>
  Buffer.concat([
    Buffer.from(`%PDF-1.4\n% invoice ${label}\n`),
    Buffer.alloc(padding, 7),
    Buffer.from('\n%%EOF\n'),
  ]);

/** A ZIP of the given files, as a user's archiver would make it. */
export function zipOf(files: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) {
    zip.addBuffer(typeof content === 'string' ? Buffer.from(content) : content, name);
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}
