import { type SQL, sql } from 'drizzle-orm';
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

/**
 * The company's customers with something to plan: an open item, or an item that reached a level
 * and is not yet thanked (DUN-6).
 */
export function findDunningCustomers(
  db: Db,
  orgId: string,
  companyId: string,
  defaultProfileId: string,
): Promise<RunCustomer[]> {
  return selectCustomers(
    db,
    orgId,
    companyId,
    defaultProfileId,
    sql`and exists (select 1 from open_items o
          where o.org_id = c.org_id and o.company_id = c.company_id and o.customer_account = c.account
          union all
          select 1 from item_dunning i join entries e
            on e.org_id = i.org_id and e.company_id = i.company_id and e.entry_key = i.entry_key
          where i.org_id = c.org_id and i.company_id = c.company_id and e.customer_account = c.account
            and i.level <> 'none' and i.thanked_on is null)`,
  );
}

async function selectCustomers(
  db: Db,
  orgId: string,
  companyId: string,
  defaultProfileId: string,
  filter: SQL,
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
      where c.org_id = ${orgId} and c.company_id = ${companyId} ${filter}`,
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

/**
 * An item as the database sends it: its text fields, and its dunning state packed in one
 * comma-separated column of numbers, dates and a level (`ITEM_STATE`). Parsing a million rows of
 * four fields costs half of thirteen; the item is unpacked when its customer is planned.
 */
export interface PackedItem {
  entry_key: string;
  customer_account: string;
  piece_ref: string;
  state: string;
}

/**
 * The packed state's fields, in order: amount, document date, due date, level, last reminder
 * date, settlement date, then 0/1 flags stopped, disputed, in collection, thanked, automatic
 * payment, settled by lettering. Nulls are empty.
 */
const ITEM_STATE = (f: {
  amount: SQL;
  documentDate: SQL;
  dueDate: SQL;
  settledOn: SQL;
  thanked: SQL;
  automatic: SQL;
  byLettering: SQL;
}) =>
  sql`concat_ws(',', ${f.amount}, ${f.documentDate}, ${f.dueDate}, coalesce(d.level, 'none'),
    coalesce(d.last_reminder_date::text, ''), coalesce((${f.settledOn})::text, ''),
    (d.stop_reason is not null)::int, (d.dispute_reason is not null)::int,
    coalesce(d.is_in_collection, false)::int, (${f.thanked})::int, (${f.automatic})::int,
    (${f.byLettering})::int)`;

function unpackItem(row: PackedItem, promises: ReadonlyMap<string, ItemPromise[]>): RunItem {
  const f = row.state.split(',');
  const settledOn = f[5] as CalendarDate;
  return {
    key: row.entry_key,
    customerKey: row.customer_account,
    amount: Number(f[0]),
    documentDate: f[1] as CalendarDate,
    dueDate: f[2] as CalendarDate,
    level: f[3] as DunningLevel,
    lastReminderDate: f[4] ? (f[4] as CalendarDate) : null,
    isStopped: f[6] === '1',
    isDisputed: f[7] === '1',
    isInCollection: f[8] === '1',
    isThanked: f[9] === '1',
    hasAutomaticPayment: f[10] === '1',
    promises: promises.get(row.entry_key) ?? [],
    settlement: settledOn ? { date: settledOn, isByLettering: f[11] === '1' } : null,
    pieceRef: row.piece_ref,
  };
}

/** How far back a settlement may still be thanked (DUN-6): a missed day is caught up, a year is not. */
export const THANK_YOU_WINDOW_DAYS = 60;

/** Each item's promises (CSH-1), by entry key. */
export async function findItemPromises(
  db: Db,
  orgId: string,
  companyId: string,
): Promise<Map<string, ItemPromise[]>> {
  const rows = await selectRows<{
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
  for (const p of rows) {
    const list = promises.get(p.entry_key) ?? [];
    list.push({ amount: p.amount, date: p.promised_for, isCancelled: p.cancelled });
    promises.set(p.entry_key, list);
  }
  return promises;
}

/** The company's open items with their dunning state, packed; `ordered` by entry key. */
function openItemsQuery(orgId: string, companyId: string, ordered: boolean): SQL {
  return sql`select o.entry_key, o.customer_account, e.piece_ref, ${ITEM_STATE({
    amount: sql`o.amount`,
    documentDate: sql`o.document_date`,
    dueDate: sql`o.due_date`,
    settledOn: sql`null::date`,
    thanked: sql`d.thanked_on is not null`,
    automatic: sql`coalesce(m.is_automatic, false)`,
    byLettering: sql`false`,
  })} as state
    from open_items o
      join entries e on e.org_id = o.org_id and e.company_id = o.company_id and e.entry_key = o.entry_key
      left join payment_methods m
        on m.org_id = e.org_id and m.company_id = e.company_id and m.code = e.payment_method
      left join item_dunning d
        on d.org_id = o.org_id and d.company_id = o.company_id and d.entry_key = o.entry_key
    where o.org_id = ${orgId} and o.company_id = ${companyId}
    ${ordered ? sql`order by o.entry_key` : sql``}`;
}

/**
 * The items settled in the last {@link THANK_YOU_WINDOW_DAYS} days since they reached a level
 * and not yet thanked (DUN-6), packed and by customer. An entry gone from the source counts as
 * settled, but not by lettering, so it is never thanked.
 */
export async function findSettledItems(
  db: Db,
  orgId: string,
  companyId: string,
  today: CalendarDate,
): Promise<Map<string, PackedItem[]>> {
  const rows = await selectRows<PackedItem>(
    db,
    sql`select d.entry_key, e.customer_account, e.piece_ref, ${ITEM_STATE({
      amount: sql`e.debit - e.credit`,
      documentDate: sql`e.document_date`,
      dueDate: sql`coalesce(e.source_due_date, e.document_date)`,
      settledOn: sql`coalesce(e.lettering_date, e.gone_at::date, e.entry_date)`,
      thanked: sql`false`,
      automatic: sql`false`,
      byLettering: sql`e.gone_at is null and e.lettering_code <> '' and e.lettering_date is not null`,
    })} as state
      from item_dunning d
        join entries e on e.org_id = d.org_id and e.company_id = d.company_id and e.entry_key = d.entry_key
      where d.org_id = ${orgId} and d.company_id = ${companyId} and d.level <> 'none'
        and d.thanked_on is null
        and coalesce(e.lettering_date, e.gone_at::date, e.entry_date) >= ${today}::date - ${THANK_YOU_WINDOW_DAYS}::int
        and not exists (select 1 from open_items o
          where o.org_id = d.org_id and o.company_id = d.company_id and o.entry_key = d.entry_key)`,
  );
  return groupByCustomer(rows);
}

function groupByCustomer(rows: readonly PackedItem[]): Map<string, PackedItem[]> {
  const byCustomer = new Map<string, PackedItem[]>();
  for (const row of rows) {
    const list = byCustomer.get(row.customer_account);
    if (list) list.push(row);
    else byCustomer.set(row.customer_account, [row]);
  }
  return byCustomer;
}

/** Rows per fetch of {@link streamOpenItems}. */
const ITEM_FETCH = 20_000;

/**
 * The company's open items, packed, one customer's after another: a cursor in entry-key order,
 * and an entry key starts with the account and a separator (IMP-7), so each customer's items
 * come together. Memory holds one fetch; the next is asked for before this one is handed over,
 * so that a server computes it meanwhile. Must run in a transaction, where a cursor lives.
 */
export async function* streamOpenItems(
  tx: Db,
  orgId: string,
  companyId: string,
  fetchSize = ITEM_FETCH,
): AsyncGenerator<PackedItem[][]> {
  // Merge joins along the three primary keys, all in entry-key order: rows stream from the first
  // fetch on, where hash joins would build their tables and sort a million rows before the first.
  // The plan is made at DECLARE, so the settings go back to their defaults right after.
  await tx.execute(sql`set local enable_hashjoin = off`);
  await tx.execute(sql`set local enable_nestloop = off`);
  await tx.execute(
    sql`declare dunning_open_items no scroll cursor for ${openItemsQuery(orgId, companyId, true)}`,
  );
  await tx.execute(sql`set local enable_hashjoin to default`);
  await tx.execute(sql`set local enable_nestloop to default`);
  const fetchRows = () =>
    selectRows<PackedItem>(tx, sql.raw(`fetch forward ${fetchSize} from dunning_open_items`));
  let pending: Promise<PackedItem[]> | null = fetchRows();
  try {
    let current: PackedItem[] = [];
    while (pending) {
      const rows: PackedItem[] = await pending;
      pending = rows.length === fetchSize ? fetchRows() : null;
      const groups: PackedItem[][] = [];
      for (const row of rows) {
        if (current.length > 0 && current[0]!.customer_account !== row.customer_account) {
          groups.push(current);
          current = [];
        }
        current.push(row);
      }
      // The last customer of a full fetch may go on in the next one.
      if (!pending && current.length > 0) groups.push(current);
      if (groups.length > 0) yield groups;
    }
    await tx.execute(sql.raw('close dunning_open_items'));
  } finally {
    // Left early (the caller threw): the fetch under way ends with the transaction.
    await pending?.catch(() => undefined);
  }
}

/** Items unpacked for the planner, with their promises. */
export function unpackItems(
  rows: readonly PackedItem[],
  promises: ReadonlyMap<string, ItemPromise[]>,
): RunItem[] {
  return rows.map((row) => unpackItem(row, promises));
}

/** The company's items to plan in one list: the open items and those awaiting a thank-you. */
export async function findDunningItems(
  db: Db,
  orgId: string,
  companyId: string,
  today: CalendarDate,
): Promise<RunItem[]> {
  const promises = await findItemPromises(db, orgId, companyId);
  const open = await selectRows<PackedItem>(db, openItemsQuery(orgId, companyId, false));
  const settled = await findSettledItems(db, orgId, companyId, today);
  return unpackItems([...open, ...[...settled.values()].flat()], promises);
}

/**
 * Every customer of the company, for a plan that keeps those with items: reading them all costs
 * less than asking, customer by customer, whether one has any.
 */
export function findAllDunningCustomers(
  db: Db,
  orgId: string,
  companyId: string,
  defaultProfileId: string,
): Promise<RunCustomer[]> {
  return selectCustomers(db, orgId, companyId, defaultProfileId, sql``);
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
