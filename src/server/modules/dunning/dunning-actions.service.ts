import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CustomerDunning,
  CustomerReminderWithUser,
  customerDunningPatchSchema,
  itemsPatchSchema,
  manualActionSchema,
  promiseBodySchema,
  Task,
  taskPatchSchema,
} from '../../../contracts/dunning';
import type { CalendarDate } from '../../../domain/calendar';
import { nextManualLevel } from '../../../domain/dunning/actions';
import type { DunningLevel } from '../../../domain/dunning/levels';
import { resolvePromiseStatus } from '../../../domain/dunning/promises';
import { type Database, type Db, selectRows } from '../../db/client';
import {
  customerDunning,
  dunningActions,
  dunningProfiles,
  dunningTasks,
  itemPromises,
} from '../../db/schema';
import { AppError, notFound } from '../../errors/app-error';
import type { Mailer } from '../../mail/mailer';
import type { AuthContext } from '../auth/auth.service';
import { getCustomerRecordRowOrThrow } from '../customer-record/customer-record.queries';
import { portfolioCondition } from '../customers/customers.queries';
import { applyItemLevels, loadProfiles } from './dunning.queries';
import { getCustomerReminders } from './dunning-todo.service';
import { attachInvoiceDocuments, statementAttachment } from './reminder-attachments';
import { templateLanguage } from './reminder-templates';

/**
 * What a person does on one customer (DUN-11, CSH-1): STOP and dispute on the customer or on
 * items, the profile, the next level set by hand, a call, email, letter or other action that
 * counts for the scenario or not, and promises. Each change is recorded in `dunning_actions`.
 * The customer must be the caller's (organization and portfolio, COL-5), else 404.
 */

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio' | 'userId'>;

interface OpenItemRow {
  entry_key: string;
  piece_ref: string;
  due_date: string;
  amount: number;
  level: DunningLevel | null;
  last_reminder_date: string | null;
  stop_reason: string | null;
  dispute_reason: string | null;
  is_in_collection: boolean | null;
}

async function openItemsOf(
  db: Db,
  orgId: string,
  companyId: string,
  account: string,
): Promise<OpenItemRow[]> {
  return selectRows<OpenItemRow>(
    db,
    sql`select o.entry_key, e.piece_ref, o.due_date, o.amount, d.level, d.last_reminder_date, d.stop_reason,
        d.dispute_reason, d.is_in_collection
      from open_items o
        join entries e on e.org_id = o.org_id and e.company_id = o.company_id and e.entry_key = o.entry_key
        left join item_dunning d on d.org_id = o.org_id and d.company_id = o.company_id and d.entry_key = o.entry_key
      where o.org_id = ${orgId} and o.company_id = ${companyId} and o.customer_account = ${account}
      order by o.due_date, e.piece_ref, o.entry_key`,
  );
}

/** The customer's open items named by `keys`; an unknown key is a bad request naming it. */
async function selectedItems(
  db: Db,
  customer: { org_id?: string; company_id: string; account: string },
  orgId: string,
  keys: readonly string[],
): Promise<OpenItemRow[]> {
  const items = await openItemsOf(db, orgId, customer.company_id, customer.account);
  const byKey = new Map(items.map((i) => [i.entry_key, i]));
  const unknown = keys.filter((k) => !byKey.has(k));
  if (unknown.length > 0)
    throw new AppError(
      'invalid_input',
      `entryKeys: not an open item of this customer: ${unknown.slice(0, 5).join(', ')}`,
    );
  return [...new Set(keys)].map((k) => byKey.get(k)!);
}

export async function getCustomerDunning(
  database: Database,
  auth: Caller,
  customerId: string,
  today: CalendarDate,
): Promise<CustomerDunning> {
  const db = database.db;
  const customer = await getCustomerRecordRowOrThrow(db, auth, customerId);
  const profiles = await loadProfiles(db, auth.orgId);
  const [state] = await db
    .select()
    .from(customerDunning)
    .where(
      and(
        eq(customerDunning.orgId, auth.orgId),
        eq(customerDunning.companyId, customer.company_id),
        eq(customerDunning.customerAccount, customer.account),
      ),
    );
  const items = await openItemsOf(db, auth.orgId, customer.company_id, customer.account);
  const promises = await selectRows<{
    id: string;
    entry_key: string;
    amount: number;
    promised_for: string;
    cancelled: boolean;
  }>(
    db,
    sql`select p.id, p.entry_key, p.amount, p.promised_for, p.cancelled_at is not null as cancelled
      from item_promises p
      where p.org_id = ${auth.orgId} and p.company_id = ${customer.company_id}
        and p.entry_key = any(${sql.param(items.map((i) => i.entry_key))}::text[])
      order by p.promised_for, p.created_at`,
  );
  const actions = await selectRows<{
    id: string;
    kind: CustomerDunning['actions'][number]['kind'];
    item_keys: string[];
    counts_for_scenario: boolean;
    outcome: string | null;
    comment: string | null;
    acted_on: string;
    user_name: string | null;
  }>(
    db,
    sql`select a.id, a.kind, a.item_keys, a.counts_for_scenario, a.outcome, a.comment, a.acted_on, u.name as user_name
      from dunning_actions a left join users u on u.org_id = a.org_id and u.id = a.user_id
      where a.org_id = ${auth.orgId} and a.company_id = ${customer.company_id}
        and a.customer_account = ${customer.account}
      order by a.created_at desc, a.id desc limit 100`,
  );
  const pieces = await piecesOf(
    db,
    auth.orgId,
    customer.company_id,
    actions.flatMap((a) => a.item_keys),
  );
  return {
    profileId: state?.profileId ?? profiles.defaultId,
    stopReason: state?.stopReason ?? null,
    disputeReason: state?.disputeReason ?? null,
    items: items.map((i) => ({
      entryKey: i.entry_key,
      pieceRef: i.piece_ref,
      dueDate: i.due_date,
      amount: i.amount,
      level: i.level ?? 'none',
      lastReminderDate: i.last_reminder_date,
      stopReason: i.stop_reason,
      disputeReason: i.dispute_reason,
      isInCollection: i.is_in_collection ?? false,
      promises: promises
        .filter((p) => p.entry_key === i.entry_key)
        .map((p) => ({
          id: p.id,
          amount: p.amount,
          date: p.promised_for,
          status: resolvePromiseStatus(
            { amount: p.amount, date: p.promised_for, isCancelled: p.cancelled },
            false,
            today,
          ),
        })),
    })),
    actions: actions.map((a) => ({
      id: a.id,
      kind: a.kind,
      pieces: a.item_keys.map((k) => pieces.get(k) ?? k),
      countsForScenario: a.counts_for_scenario,
      outcome: a.outcome,
      comment: a.comment,
      actedOn: a.acted_on,
      userName: a.user_name,
    })),
  };
}

async function piecesOf(
  db: Db,
  orgId: string,
  companyId: string,
  keys: readonly string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await selectRows<{ entry_key: string; piece_ref: string }>(
    db,
    sql`select entry_key, piece_ref from entries where org_id = ${orgId} and company_id = ${companyId}
      and entry_key = any(${sql.param([...new Set(keys)])}::text[])`,
  );
  return new Map(rows.map((r) => [r.entry_key, r.piece_ref]));
}

async function recordAction(
  db: Db,
  values: {
    orgId: string;
    companyId: string;
    customerAccount: string;
    kind: (typeof dunningActions.$inferInsert)['kind'];
    itemKeys: string[];
    userId: string;
    actedOn: CalendarDate;
    countsForScenario?: boolean;
    outcome?: string | null;
    comment?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(dunningActions).values(values);
}

/** STOP, dispute or profile of a customer (DUN-8, DUN-1). */
export async function patchCustomerDunning(
  database: Database,
  auth: Caller,
  customerId: string,
  body: z.infer<typeof customerDunningPatchSchema>,
  today: CalendarDate,
): Promise<void> {
  await database.transaction(async ({ db }) => {
    const customer = await getCustomerRecordRowOrThrow(db, auth, customerId, { forUpdate: true });
    if (body.profileId) {
      const [profile] = await db
        .select({ id: dunningProfiles.id })
        .from(dunningProfiles)
        .where(and(eq(dunningProfiles.orgId, auth.orgId), eq(dunningProfiles.id, body.profileId)));
      if (!profile) throw new AppError('invalid_input', 'profileId: no such profile');
    }
    const set = {
      ...(body.stopReason !== undefined ? { stopReason: body.stopReason } : {}),
      ...(body.disputeReason !== undefined ? { disputeReason: body.disputeReason } : {}),
      ...(body.profileId !== undefined ? { profileId: body.profileId } : {}),
    };
    if (Object.keys(set).length === 0) return;
    await db
      .insert(customerDunning)
      .values({
        orgId: auth.orgId,
        companyId: customer.company_id,
        customerAccount: customer.account,
        ...set,
      })
      .onConflictDoUpdate({
        target: [customerDunning.orgId, customerDunning.companyId, customerDunning.customerAccount],
        set: { ...set, updatedAt: new Date() },
      });
    const base = {
      orgId: auth.orgId,
      companyId: customer.company_id,
      customerAccount: customer.account,
      itemKeys: [],
      userId: auth.userId,
      actedOn: today,
    };
    if (body.stopReason !== undefined)
      await recordAction(db, {
        ...base,
        kind: 'stop',
        comment: body.stopReason,
        outcome: body.stopReason ? 'on' : 'off',
      });
    if (body.disputeReason !== undefined)
      await recordAction(db, {
        ...base,
        kind: 'dispute',
        comment: body.disputeReason,
        outcome: body.disputeReason ? 'on' : 'off',
      });
  });
}

/** STOP, dispute, collection, or the level set by hand on some of the customer's open items (DUN-11). */
export async function patchItems(
  database: Database,
  auth: Caller,
  customerId: string,
  body: z.infer<typeof itemsPatchSchema>,
  today: CalendarDate,
): Promise<void> {
  await database.transaction(async ({ db }) => {
    const customer = await getCustomerRecordRowOrThrow(db, auth, customerId, { forUpdate: true });
    const items = await selectedItems(db, customer, auth.orgId, body.entryKeys);
    const keys = items.map((i) => i.entry_key);
    // Each field given replaces the item's value; a field left out keeps it.
    for (const key of keys) {
      await db.execute(sql`insert into item_dunning (org_id, company_id, entry_key,
          stop_reason, dispute_reason, is_in_collection, level, last_reminder_date)
        values (${auth.orgId}, ${customer.company_id}, ${key},
          ${body.stopReason ?? null}, ${body.disputeReason ?? null}, ${body.isInCollection ?? false},
          ${body.level ?? 'none'}, ${body.level && body.level !== 'none' ? today : null})
        on conflict (org_id, company_id, entry_key) do update set
          stop_reason = ${body.stopReason === undefined ? sql`item_dunning.stop_reason` : sql`excluded.stop_reason`},
          dispute_reason = ${body.disputeReason === undefined ? sql`item_dunning.dispute_reason` : sql`excluded.dispute_reason`},
          is_in_collection = ${body.isInCollection === undefined ? sql`item_dunning.is_in_collection` : sql`excluded.is_in_collection`},
          level = ${body.level === undefined ? sql`item_dunning.level` : sql`excluded.level`},
          last_reminder_date = ${body.level === undefined ? sql`item_dunning.last_reminder_date` : sql`excluded.last_reminder_date`},
          updated_at = now()`);
    }
    const base = {
      orgId: auth.orgId,
      companyId: customer.company_id,
      customerAccount: customer.account,
      itemKeys: keys,
      userId: auth.userId,
      actedOn: today,
    };
    if (body.level !== undefined) await recordAction(db, { ...base, kind: 'level', outcome: body.level });
    if (body.stopReason !== undefined)
      await recordAction(db, {
        ...base,
        kind: 'stop',
        comment: body.stopReason,
        outcome: body.stopReason ? 'on' : 'off',
      });
    if (body.disputeReason !== undefined)
      await recordAction(db, {
        ...base,
        kind: 'dispute',
        comment: body.disputeReason,
        outcome: body.disputeReason ? 'on' : 'off',
      });
  });
}

/**
 * A call, email, letter or other action on selected items (DUN-11): it moves them one level up
 * when it counts for the scenario, leaves them as they are when one-off; a promise made on the
 * call is recorded on the items (CSH-1); an email goes through the mailer as written.
 */
export async function recordManualAction(
  deps: { database: Database; mailer: Mailer },
  auth: Caller & Pick<AuthContext, 'name' | 'email'>,
  customerId: string,
  body: z.infer<typeof manualActionSchema>,
  today: CalendarDate,
): Promise<void> {
  if (body.kind === 'email' && !body.email)
    throw new AppError('invalid_input', 'email: the message to send is missing');
  if (body.promise?.amount !== undefined && body.entryKeys.length > 1)
    throw new AppError(
      'invalid_input',
      'promise.amount: give it for one item; several items promise their open amounts',
    );
  // TPL-5: the statement asked for is rendered first (it brings the summaries to today, in
  // transactions of its own), as the caller may see the customer; its bytes go with the email.
  const statement =
    body.kind === 'email' && body.email?.attachStatement
      ? await statementAttachment(deps.database, auth, customerId, undefined, today)
      : null;
  const mail = await deps.database.transaction(async ({ db }) => {
    const customer = await getCustomerRecordRowOrThrow(db, auth, customerId, { forUpdate: true });
    const items = await selectedItems(db, customer, auth.orgId, body.entryKeys);
    const scope = { orgId: auth.orgId, companyId: customer.company_id };
    if (body.countsForScenario) {
      const levelUps = items.map((i) => ({
        itemKey: i.entry_key,
        level: nextManualLevel(i.level ?? 'none', i.due_date, today),
      }));
      await applyItemLevels(db, scope, levelUps, [], today);
    }
    if (body.promise) {
      const { date, amount } = body.promise;
      await db.insert(itemPromises).values(
        items.map((i) => ({
          ...scope,
          entryKey: i.entry_key,
          amount: amount ?? Math.max(i.amount, 0),
          promisedFor: date,
          createdBy: auth.userId,
        })),
      );
    }
    // DUN-11: an email carries the statement when asked and the invoice PDFs of the selected
    // items, within 15 files and 15 MB.
    const files =
      body.email && body.kind === 'email'
        ? await attachInvoiceDocuments(
            db,
            scope,
            items.map((i) => i.piece_ref),
            {
              to: body.email.to,
              cc: body.email.cc ?? [],
              subject: body.email.subject,
              text: body.email.text,
              html: null,
              language: templateLanguage(customer.sync_language),
            },
            statement ? [statement] : [],
          )
        : null;
    // The email first, so the action keeps its id: the Activities page shows it as recorded (DUN-14).
    const recorded =
      body.email && body.kind === 'email' && files
        ? await deps.mailer.record(
            {
              orgId: auth.orgId,
              kind: 'reminder',
              to: body.email.to.join(', '),
              cc: body.email.cc,
              // DUN-11: the sender is the user, unless they named another reply address.
              sender: { name: auth.name, replyTo: body.email.replyTo ?? auth.email },
              subject: body.email.subject,
              text: files.content.text,
              attachments: files.attachments,
            },
            db,
          )
        : null;
    await recordAction(db, {
      ...scope,
      customerAccount: customer.account,
      kind: body.kind,
      itemKeys: items.map((i) => i.entry_key),
      userId: auth.userId,
      actedOn: today,
      countsForScenario: body.countsForScenario,
      outcome: body.outcome ?? null,
      comment: body.comment ?? null,
      details: body.email
        ? {
            to: body.email.to,
            cc: body.email.cc,
            subject: body.email.subject,
            ...(recorded ? { mailId: recorded.id } : {}),
            ...(files?.content.attachments ? { attachments: files.content.attachments } : {}),
            ...(files?.content.attachmentsLeftOut
              ? { attachmentsLeftOut: files.content.attachmentsLeftOut }
              : {}),
          }
        : {},
    });
    return recorded;
  });
  if (mail) await deps.mailer.deliver(mail);
}

export async function addPromise(
  database: Database,
  auth: Caller,
  customerId: string,
  body: z.infer<typeof promiseBodySchema>,
  today: CalendarDate,
): Promise<void> {
  await database.transaction(async ({ db }) => {
    const customer = await getCustomerRecordRowOrThrow(db, auth, customerId, { forUpdate: true });
    const [item] = await selectedItems(db, customer, auth.orgId, [body.entryKey]);
    const scope = { orgId: auth.orgId, companyId: customer.company_id };
    await db.insert(itemPromises).values({
      ...scope,
      entryKey: item!.entry_key,
      amount: body.amount,
      promisedFor: body.date,
      createdBy: auth.userId,
    });
    await recordAction(db, {
      ...scope,
      customerAccount: customer.account,
      kind: 'promise',
      itemKeys: [item!.entry_key],
      userId: auth.userId,
      actedOn: today,
      outcome: body.date,
      details: { amount: body.amount },
    });
  });
}

export async function cancelPromise(
  database: Database,
  auth: Caller,
  customerId: string,
  promiseId: string,
): Promise<void> {
  await database.transaction(async ({ db }) => {
    const customer = await getCustomerRecordRowOrThrow(db, auth, customerId, { forUpdate: true });
    const rows = await db
      .update(itemPromises)
      .set({ cancelledAt: new Date() })
      .where(
        and(
          eq(itemPromises.orgId, auth.orgId),
          eq(itemPromises.companyId, customer.company_id),
          eq(itemPromises.id, promiseId),
          sql`${itemPromises.entryKey} in (select entry_key from entries where org_id = ${auth.orgId}
            and company_id = ${customer.company_id} and customer_account = ${customer.account})`,
        ),
      )
      .returning({ id: itemPromises.id });
    if (rows.length === 0) throw notFound('promise');
  });
}

interface TaskRow {
  id: string;
  company_code: string;
  customer_id: string | null;
  account: string;
  name: string | null;
  channel: Task['channel'];
  level: Task['level'];
  item_keys: string[];
  pieces: string[] | null;
  due_date: string;
  sales_rep: string | null;
  collector: string | null;
  status: Task['status'];
  comment: string | null;
  done_by_name: string | null;
  done_at: Date | string | null;
}

/**
 * The action list (issue 4 point 4): calls and manual steps, for the customers of the caller's
 * portfolio (their collector or sales rep), with who follows each customer; open ones oldest
 * first, done or skipped ones latest first.
 */
export async function listTasks(
  db: Db,
  auth: Caller,
  status: Task['status'],
  today: CalendarDate,
): Promise<{ items: Task[]; today: CalendarDate }> {
  const rows = await selectRows<TaskRow>(
    db,
    sql`select t.id, co.code as company_code, c.id as customer_id, t.customer_account as account, c.name,
        t.channel, t.level, t.item_keys, t.due_date, c.sales_rep, c.collector, t.status, t.comment,
        u.name as done_by_name, t.done_at,
        (select array_agg(e.piece_ref order by e.piece_ref) from entries e
          where e.org_id = t.org_id and e.company_id = t.company_id
            and e.entry_key in (select jsonb_array_elements_text(t.item_keys))) as pieces
      from dunning_tasks t
        join companies co on co.org_id = t.org_id and co.id = t.company_id
        left join customers c on c.org_id = t.org_id and c.company_id = t.company_id and c.account = t.customer_account
        left join users u on u.org_id = t.org_id and u.id = t.done_by
      where t.org_id = ${auth.orgId} and t.status = ${status} and ${portfolioCondition(auth)}
      order by ${status === 'open' ? sql`t.due_date, co.code, t.customer_account` : sql`t.done_at desc, t.id`}
      limit 500`,
  );
  return {
    today,
    items: rows.map((r) => ({
      id: r.id,
      companyCode: r.company_code,
      customerId: r.customer_id,
      account: r.account,
      name: r.name,
      channel: r.channel,
      level: r.level,
      pieces: r.pieces ?? [],
      dueDate: r.due_date,
      salesRep: r.sales_rep,
      collector: r.collector,
      status: r.status,
      comment: r.comment,
      doneByName: r.done_by_name,
      doneAt: r.done_at === null ? null : new Date(r.done_at).toISOString(),
    })),
  };
}

/** Marks a task done or skipped, with a comment; another's task (or organization's) is 404. */
export async function patchTask(
  database: Database,
  auth: Caller,
  taskId: string,
  body: z.infer<typeof taskPatchSchema>,
  now: Date,
): Promise<void> {
  const [visible] = await selectRows<{ id: string }>(
    database.db,
    sql`select t.id from dunning_tasks t
        left join customers c on c.org_id = t.org_id and c.company_id = t.company_id and c.account = t.customer_account
      where t.org_id = ${auth.orgId} and t.id = ${taskId} and ${portfolioCondition(auth)}`,
  );
  if (!visible) throw notFound('task');
  await database.db
    .update(dunningTasks)
    .set({ status: body.status, comment: body.comment ?? null, doneBy: auth.userId, doneAt: now })
    .where(and(eq(dunningTasks.orgId, auth.orgId), eq(dunningTasks.id, taskId)));
}

/** A customer's reminders (DUN-14), each with the name of the user who sent it by hand. */
export async function getCustomerRemindersWithUsers(
  database: Database,
  auth: Caller,
  customerId: string,
): Promise<{ items: CustomerReminderWithUser[] }> {
  const { items } = await getCustomerReminders(database, auth, customerId);
  const ids = items.map((r) => r.id);
  const rows =
    ids.length === 0
      ? []
      : await selectRows<{ id: string; name: string | null }>(
          database.db,
          sql`select r.id, u.name from reminders r join users u on u.org_id = r.org_id and u.id = r.user_id
            where r.org_id = ${auth.orgId} and r.id = any(${sql.param(ids)}::uuid[])`,
        );
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return { items: items.map((r) => ({ ...r, userName: names.get(r.id) ?? null })) };
}
