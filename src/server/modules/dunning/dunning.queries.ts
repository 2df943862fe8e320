import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar';
import type { DunningLevel } from '../../../domain/dunning/levels';
import {
  DEFAULT_DUNNING_OPTIONS,
  type DunningCustomer,
  type DunningItem,
  type DunningOptions,
} from '../../../domain/dunning/planner';
import type { ItemPromise } from '../../../domain/dunning/promises';
import { type Scenario, STANDARD_SCENARIO } from '../../../domain/dunning/scenario';
import { type Db, selectRows } from '../../db/client';
import { companyDunningSettings, dunningProfiles, type PostalAddress } from '../../db/schema';

/**
 * The organization's profiles with their scenarios (DUN-1, DUN-2). The first call for an
 * organization creates the default "Standard" profile, once even when two callers race.
 */
export async function loadProfiles(
  db: Db,
  orgId: string,
): Promise<{ defaultId: string; scenarios: Record<string, Scenario> }> {
  let rows = await db.select().from(dunningProfiles).where(sql`${dunningProfiles.orgId} = ${orgId}`);
  if (rows.length === 0) {
    await db
      .insert(dunningProfiles)
      .values({ orgId, name: STANDARD_SCENARIO.name, isDefault: true, scenario: STANDARD_SCENARIO })
      .onConflictDoNothing();
    rows = await db.select().from(dunningProfiles).where(sql`${dunningProfiles.orgId} = ${orgId}`);
  }
  const defaultRow = rows.find((r) => r.isDefault) ?? rows[0]!;
  return {
    defaultId: defaultRow.id,
    scenarios: Object.fromEntries(rows.map((r) => [r.id, r.scenario])),
  };
}

/** A company's planner options and nightly time; defaults when never set. */
export async function loadDunningSettings(
  db: Db,
  orgId: string,
  companyId: string,
): Promise<{
  options: Omit<DunningOptions, 'freshnessHours'>;
  automationTime: string | null;
  timeZone: string;
}> {
  const [row] = await db
    .select()
    .from(companyDunningSettings)
    .where(
      sql`${companyDunningSettings.orgId} = ${orgId} and ${companyDunningSettings.companyId} = ${companyId}`,
    );
  const { freshnessHours: _, ...defaults } = DEFAULT_DUNNING_OPTIONS;
  return {
    options: { ...defaults, ...row?.options },
    automationTime: row ? row.automationTime : '02:00',
    timeZone: row?.timeZone ?? 'Europe/Paris',
  };
}

/** A customer as the run needs it: the planner's fields, and where and how to write to it. */
export interface RunCustomer extends DunningCustomer {
  id: string;
  salesRep: string | null;
  collector: string | null;
  name: string;
  email: string | null;
  language: string | null;
  address: PostalAddress | null;
}

export async function findDunningCustomers(
  db: Db,
  orgId: string,
  companyId: string,
  defaultProfileId: string,
): Promise<RunCustomer[]> {
  const rows = await selectRows<{
    id: string;
    account: string;
    name: string;
    sales_rep: string | null;
    collector: string | null;
    profile_id: string | null;
    stopped: boolean;
    disputed: boolean;
    email: string | null;
    language: string | null;
    address: PostalAddress | null;
  }>(
    db,
    sql`select c.id, c.account, coalesce(nullif(c.manual_contact->>'name', ''), c.name) as name,
        c.sales_rep, c.collector, d.profile_id,
        d.stop_reason is not null as stopped, d.dispute_reason is not null as disputed,
        coalesce(nullif(c.manual_contact->>'email', ''), nullif(c.sync_email, ''), ct.email) as email,
        coalesce(nullif(c.manual_contact->>'language', ''), c.sync_language) as language,
        coalesce(c.manual_contact->'address', c.sync_address) as address
      from customers c
        left join customer_dunning d
          on d.org_id = c.org_id and d.company_id = c.company_id and d.customer_account = c.account
        left join lateral (
          select k.email from contacts k
          where k.org_id = c.org_id and k.company_id = c.company_id and k.customer_account = c.account
            and coalesce(k.email, '') <> ''
          order by k.is_primary desc, k.email limit 1
        ) ct on true
      where c.org_id = ${orgId} and c.company_id = ${companyId}
        and exists (select 1 from open_items o
          where o.org_id = c.org_id and o.company_id = c.company_id and o.customer_account = c.account
          union all
          select 1 from item_dunning i join entries e
            on e.org_id = i.org_id and e.company_id = i.company_id and e.entry_key = i.entry_key
          where i.org_id = c.org_id and i.company_id = c.company_id and e.customer_account = c.account
            and i.level <> 'none' and i.thanked_on is null)`,
  );
  return rows.map((r) => ({
    id: r.id,
    key: r.account,
    salesRep: r.sales_rep,
    collector: r.collector,
    name: r.name,
    profileId: r.profile_id ?? defaultProfileId,
    hasEmail: r.email !== null,
    isStopped: r.stopped,
    isDisputed: r.disputed,
    email: r.email,
    language: r.language,
    address: r.address,
  }));
}

/** An item as the run needs it: the planner's fields and its piece reference. */
export interface RunItem extends DunningItem {
  pieceRef: string;
}

interface ItemDbRow {
  entry_key: string;
  customer_account: string;
  amount: number;
  document_date: string;
  due_date: string;
  piece_ref: string;
  automatic_payment: boolean;
  level: string | null;
  last_reminder_date: string | null;
  stopped: boolean;
  disputed: boolean;
  in_collection: boolean;
  thanked: boolean;
  settled_on: string | null;
  by_lettering: boolean;
}

function toRunItem(r: ItemDbRow, promises: Map<string, ItemPromise[]>): RunItem {
  return {
    key: r.entry_key,
    customerKey: r.customer_account,
    amount: r.amount,
    documentDate: r.document_date,
    dueDate: r.due_date,
    level: (r.level ?? 'none') as DunningLevel,
    lastReminderDate: r.last_reminder_date,
    isStopped: r.stopped,
    isDisputed: r.disputed,
    isInCollection: r.in_collection,
    hasAutomaticPayment: r.automatic_payment,
    promises: promises.get(r.entry_key) ?? [],
    settlement: r.settled_on === null ? null : { date: r.settled_on, isByLettering: r.by_lettering },
    isThanked: r.thanked,
    pieceRef: r.piece_ref,
  };
}

/** How far back a settlement may still be thanked (DUN-6): a missed day is caught up, a year is not. */
export const THANK_YOU_WINDOW_DAYS = 60;

/**
 * The company's open items with their dunning state, and the items settled in the last
 * {@link THANK_YOU_WINDOW_DAYS} days since they reached a level and not yet thanked (DUN-6). An
 * entry gone from the source counts as settled, but not by lettering, so it is never thanked.
 */
export async function findDunningItems(
  db: Db,
  orgId: string,
  companyId: string,
  today: CalendarDate,
): Promise<RunItem[]> {
  const promiseRows = await selectRows<{
    entry_key: string;
    amount: number;
    promised_for: string;
    cancelled: boolean;
  }>(
    db,
    sql`select entry_key, amount, promised_for, cancelled_at is not null as cancelled
      from item_promises where org_id = ${orgId} and company_id = ${companyId}`,
  );
  const promises = new Map<string, ItemPromise[]>();
  for (const p of promiseRows) {
    const list = promises.get(p.entry_key) ?? [];
    list.push({ amount: p.amount, date: p.promised_for, isCancelled: p.cancelled });
    promises.set(p.entry_key, list);
  }
  const open = await selectRows<ItemDbRow>(
    db,
    sql`select o.entry_key, o.customer_account, o.amount, o.document_date, o.due_date, e.piece_ref,
        coalesce(m.is_automatic, false) as automatic_payment,
        d.level, d.last_reminder_date, d.stop_reason is not null as stopped,
        d.dispute_reason is not null as disputed, coalesce(d.is_in_collection, false) as in_collection,
        d.thanked_on is not null as thanked, null as settled_on, false as by_lettering
      from open_items o
        join entries e on e.org_id = o.org_id and e.company_id = o.company_id and e.entry_key = o.entry_key
        left join payment_methods m
          on m.org_id = e.org_id and m.company_id = e.company_id and m.code = e.payment_method
        left join item_dunning d
          on d.org_id = o.org_id and d.company_id = o.company_id and d.entry_key = o.entry_key
      where o.org_id = ${orgId} and o.company_id = ${companyId}`,
  );
  const settled = await selectRows<ItemDbRow>(
    db,
    sql`select d.entry_key, e.customer_account, e.debit - e.credit as amount, e.document_date,
        coalesce(e.source_due_date, e.document_date) as due_date, e.piece_ref, false as automatic_payment,
        d.level, d.last_reminder_date, d.stop_reason is not null as stopped,
        d.dispute_reason is not null as disputed, d.is_in_collection as in_collection,
        false as thanked,
        coalesce(e.lettering_date, e.gone_at::date, e.entry_date) as settled_on,
        (e.gone_at is null and e.lettering_code <> '' and e.lettering_date is not null) as by_lettering
      from item_dunning d
        join entries e on e.org_id = d.org_id and e.company_id = d.company_id and e.entry_key = d.entry_key
      where d.org_id = ${orgId} and d.company_id = ${companyId} and d.level <> 'none'
        and d.thanked_on is null
        and coalesce(e.lettering_date, e.gone_at::date, e.entry_date) >= ${today}::date - ${THANK_YOU_WINDOW_DAYS}::int
        and not exists (select 1 from open_items o
          where o.org_id = d.org_id and o.company_id = d.company_id and o.entry_key = d.entry_key)`,
  );
  return [...open, ...settled].map((r) => toRunItem(r, promises));
}

/** When the company's last successful ledger sync finished (DUN-12), `null` if never. */
export async function findLastSuccessfulSync(
  db: Db,
  orgId: string,
  companyId: string,
): Promise<string | null> {
  const [row] = await selectRows<{ at: Date | string | null }>(
    db,
    sql`select max(finished_at) as at from syncs
      where org_id = ${orgId} and company_id = ${companyId} and status = 'succeeded' and finished_at is not null`,
  );
  return row?.at ? new Date(row.at).toISOString() : null;
}

/** Moves items to their new levels and marks thanked items, in the caller's transaction. */
export async function applyItemLevels(
  db: Db,
  key: { orgId: string; companyId: string },
  levelUps: readonly { itemKey: string; level: string }[],
  thankedKeys: readonly string[],
  today: CalendarDate,
): Promise<void> {
  if (levelUps.length > 0) {
    await db.execute(sql`insert into item_dunning (org_id, company_id, entry_key, level, last_reminder_date)
      select ${key.orgId}, ${key.companyId}, u.entry_key, u.level, ${today}::date
      from jsonb_to_recordset(${JSON.stringify(levelUps.map((u) => ({ entry_key: u.itemKey, level: u.level })))}::jsonb)
        as u(entry_key text, level text)
      on conflict (org_id, company_id, entry_key) do update
        set level = excluded.level, last_reminder_date = excluded.last_reminder_date, updated_at = now()`);
  }
  if (thankedKeys.length > 0) {
    await db.execute(sql`insert into item_dunning (org_id, company_id, entry_key, thanked_on)
      select ${key.orgId}, ${key.companyId}, k, ${today}::date
      from unnest(${sql.param([...thankedKeys])}::text[]) as k
      on conflict (org_id, company_id, entry_key) do update set thanked_on = excluded.thanked_on, updated_at = now()`);
  }
}
