import { stat } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { columnMappingBodySchema, ImportSource, Upload } from '../../../contracts/imports';
import type { Db } from '../../db/client';
import { columnMappings } from '../../db/schema';
import { AppError } from '../../errors/app-error';
import { openFec } from '../../import/fec/fec-reader';
import {
  type ColumnMapping,
  columnMappingSchema,
  FIELDS_BY_KIND,
  REQUIRED_FIELDS,
  type TableKind,
} from '../../import/tabular/column-mapping';
import { inspectTable } from '../../import/tabular/tabular-reader';
import { writeAudit } from '../audit/audit.queries';

/**
 * Looks at an uploaded file before anything is imported: a FEC must be readable as one (its
 * encoding, separator and columns are checked now, so a wrong file is refused at once); a
 * spreadsheet shows its headers and the mapping proposed for them.
 */
export async function describeUpload(
  path: string,
  source: ImportSource,
  savedMapping: ColumnMapping | null,
): Promise<Omit<Upload, 'uploadId' | 'fileName'>> {
  const { size } = await stat(path);
  if (size === 0) throw new AppError('invalid_input', 'the file is empty (0 bytes)');
  if (source === 'fec') {
    await openFec(path);
    return { size, format: 'fec', headers: [], guessedMapping: null, missingRequired: [], fields: [] };
  }
  const inspected = await inspectTable(path, source, savedMapping ?? undefined);
  return {
    size,
    format: inspected.format,
    headers: inspected.headers,
    guessedMapping: inspected.mapping.columns as Record<string, string>,
    missingRequired: inspected.missingRequired,
    fields: FIELDS_BY_KIND[source].map((name) => ({
      name,
      required: REQUIRED_FIELDS[source].includes(name),
    })),
  };
}

/** The mapping a user chose in the web app, as the readers take it. */
export function toColumnMapping(
  kind: TableKind,
  body: z.infer<typeof columnMappingBodySchema>,
): ColumnMapping {
  const parsed = columnMappingSchema.safeParse({ kind, ...body });
  if (!parsed.success) {
    throw new AppError(
      'invalid_input',
      parsed.error.issues.map((i) => `mapping.${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}

export async function loadSavedMapping(
  db: Db,
  orgId: string,
  companyId: string,
  source: ImportSource,
): Promise<ColumnMapping | null> {
  if (source === 'fec') return null;
  const [row] = await db
    .select()
    .from(columnMappings)
    .where(
      and(
        eq(columnMappings.orgId, orgId),
        eq(columnMappings.companyId, companyId),
        eq(columnMappings.kind, source),
      ),
    );
  const parsed = row ? columnMappingSchema.safeParse(row.mapping) : null;
  return parsed?.success ? parsed.data : null;
}

/** Keeps a company's mapping for its next files of that kind (IMP-1 b). */
export async function saveMapping(
  db: Db,
  input: { orgId: string; companyId: string; userId: string; mapping: ColumnMapping },
): Promise<void> {
  const { orgId, companyId, mapping } = input;
  await db
    .insert(columnMappings)
    .values({ orgId, companyId, kind: mapping.kind, mapping })
    .onConflictDoUpdate({
      target: [columnMappings.orgId, columnMappings.companyId, columnMappings.kind],
      set: { mapping, updatedAt: new Date() },
    });
  await writeAudit(db, {
    orgId,
    userId: input.userId,
    action: 'mapping.save',
    target: companyId,
    details: { kind: mapping.kind },
  });
}
