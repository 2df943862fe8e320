import { bigint, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Money in minor units: bigint in SQL, a safe integer in TS. */
export const money = (name: string) => bigint(name, { mode: 'number' });

/** The tenant column that leads every key and every tenant index. */
export const orgId = () => uuid('org_id').notNull();

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
