import { bigint, customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Money in minor units: bigint in SQL, a safe integer in TS. */
export const money = (name: string) => bigint(name, { mode: 'number' });

/** The tenant column that leads every key and every tenant index. */
export const orgId = () => uuid('org_id').notNull();

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * Text compared byte by byte (`COLLATE "C"`), whatever the database's locale: for keys that
 * are sorted and ranged over, where a linguistic collation is slower and would ignore the
 * separators inside an entry key.
 */
export const keyText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text collate "C"',
});

/** Binary content (a PDF): `bytea` in SQL, a Buffer in TS. */
export const bytes = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});
